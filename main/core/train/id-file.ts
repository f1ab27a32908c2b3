import fs from 'node:fs';

/** Marks the end of a sentence in an id file. */
export const SENTENCE_END = -1;
const BUFFER_IDS = 1 << 18;

/**
 * The corpus as provisional word ids (int32, little-endian, SENTENCE_END after each sentence)
 * in a temporary file: the corpus is tokenised once, and each epoch streams this file instead
 * of holding the text or re-reading it. 4 bytes a word on disk, a fixed buffer in memory.
 */
export class IdFileWriter {
  private readonly fd: number;
  private readonly buf = new Int32Array(BUFFER_IDS);
  private n = 0;
  /** Ids written, sentence ends included. */
  written = 0;

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'w', 0o600);
  }

  push(id: number): void {
    this.buf[this.n++] = id;
    if (this.n === BUFFER_IDS) this.flush();
  }

  private flush(): void {
    if (this.n === 0) return;
    fs.writeSync(this.fd, this.buf, 0, this.n * 4);
    this.written += this.n;
    this.n = 0;
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}

/** Reads an id file (or the part [from, to) of it, in ids) chunk by chunk. */
export function* readIds(file: string, from = 0, to = Infinity, chunkIds = BUFFER_IDS): Generator<Int32Array> {
  const fd = fs.openSync(file, 'r');
  try {
    const end = Math.min(to, fs.fstatSync(fd).size / 4);
    const buf = new Int32Array(chunkIds);
    for (let at = from; at < end;) {
      const want = Math.min(chunkIds, end - at);
      const got = fs.readSync(fd, buf, 0, want * 4, at * 4) / 4;
      if (got <= 0) break;
      yield buf.subarray(0, got);
      at += got;
    }
  } finally {
    fs.closeSync(fd);
  }
}
