import os from 'node:os';
import { badFile, checkDims, decodeWord, MAX_WORDS, type RowSink, type VectorParser } from './import-types';

/** A word longer than this without a terminating space means the file is not what it claims. */
const MAX_WORD_BYTES = 100_000;
const LITTLE_ENDIAN = os.endianness() === 'LE';

/**
 * word2vec binary: a text header "count dims\n", then per word its UTF-8 bytes, one space and
 * dims little-endian float32 values (the original tool writes a newline after each vector,
 * which is skipped). Errors name the byte offset, since there are no lines to speak of.
 */
export class Word2VecBinaryParser implements VectorParser {
  rows = 0;
  private dims = -1;
  private declared = -1;
  /** Absolute offset of `buf[0]`. */
  private base = 0;
  private carry: Buffer | null = null;
  private stopped = false;
  private floats = new Float32Array(0);
  private bytes = new Uint8Array(0);
  private values = new Float64Array(0);

  constructor(
    private readonly file: string,
    private readonly sink: RowSink,
  ) {}

  push(chunk: Buffer): boolean {
    if (this.stopped) return false;
    const b = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    let p = 0;
    if (this.dims < 0) {
      const nl = b.indexOf(0x0a);
      if (nl < 0) {
        if (b.length > 200) throw badFile(this.file, 'byte 0', 'no "count dims" header line at the start of the file');
        this.carry = b.length ? Buffer.from(b) : null;
        return true;
      }
      this.readHeader(b.toString('latin1', 0, nl).trim());
      p = nl + 1;
    }
    const need = this.dims * 4;
    while (p < b.length) {
      let w = p;
      while (w < b.length && (b[w] === 0x0a || b[w] === 0x0d)) w++;
      if (w >= b.length) {
        p = w;
        break;
      }
      if (this.rows === this.declared) {
        throw badFile(
          this.file,
          `byte ${this.base + w}`,
          `the header says ${this.declared.toLocaleString('en-US')} words but more data follows`,
        );
      }
      const sp = b.indexOf(0x20, w);
      if (sp < 0 || sp + 1 + need > b.length) {
        if ((sp < 0 ? b.length - w : sp - w) > MAX_WORD_BYTES) {
          throw badFile(
            this.file,
            `byte ${this.base + w}`,
            `no word ends within ${MAX_WORD_BYTES.toLocaleString('en-US')} bytes; this does not look like a word2vec binary file`,
          );
        }
        p = w;
        break; // the record continues in the next chunk
      }
      const where = `byte ${this.base + w}`;
      if (sp === w) throw badFile(this.file, where, 'zero-length word');
      const nlInWord = b.subarray(w, sp).indexOf(0x0a);
      if (nlInWord >= 0) throw badFile(this.file, where, 'the word contains a line break');
      const word = decodeWord(b, w, sp, this.file, where);
      const v = this.readVector(b, sp + 1, word);
      this.rows++;
      p = sp + 1 + need;
      if (!this.sink.row(word, v, this.dims, where)) {
        this.stopped = true;
        return false;
      }
    }
    if (p < b.length) this.carry = Buffer.from(b.subarray(p));
    this.base += p;
    return true;
  }

  end(): void {
    if (this.stopped) return;
    if (this.dims < 0) throw badFile(this.file, 'byte 0', this.carry ? 'the file ends inside the header' : 'the file is empty');
    if (this.carry && this.carry.length) {
      throw badFile(
        this.file,
        `byte ${this.base}`,
        `the file is truncated: it ends in the middle of word ${(this.rows + 1).toLocaleString('en-US')} (${this.carry.length} of ${this.dims * 4} vector bytes or its word end are missing)`,
      );
    }
    if (this.rows < this.declared) {
      throw badFile(
        this.file,
        `byte ${this.base}`,
        `the file is truncated: the header says ${this.declared.toLocaleString('en-US')} words but it ends after ${this.rows.toLocaleString('en-US')}`,
      );
    }
  }

  private readHeader(text: string): void {
    const m = /^(\d+)\s+(\d+)$/.exec(text);
    if (!m) throw badFile(this.file, 'byte 0', `expected a "count dims" header, found "${text.slice(0, 60)}"`);
    const count = Number(m[1]);
    const dims = Number(m[2]);
    if (count > MAX_WORDS) throw badFile(this.file, 'byte 0', `the header announces ${count} words, which is not plausible`);
    checkDims(this.file, 'byte 0', dims, 'the header');
    this.declared = count;
    this.dims = dims;
    this.floats = new Float32Array(dims);
    this.bytes = new Uint8Array(this.floats.buffer);
    this.values = new Float64Array(dims);
    this.sink.header?.(count, dims);
    if (count === 0) throw badFile(this.file, 'byte 0', 'the header says the file holds no words');
  }

  private readVector(b: Buffer, at: number, word: string): Float64Array {
    const d = this.dims;
    const v = this.values;
    if (LITTLE_ENDIAN) {
      this.bytes.set(b.subarray(at, at + d * 4)); // copy: the source need not be 4-byte aligned
      for (let j = 0; j < d; j++) v[j] = this.floats[j];
    } else {
      for (let j = 0; j < d; j++) v[j] = b.readFloatLE(at + j * 4);
    }
    for (let j = 0; j < d; j++) {
      if (!Number.isFinite(v[j])) {
        throw badFile(this.file, `byte ${this.base + at + j * 4}`, `value ${j + 1} of "${word}" is not a finite number (NaN or infinity)`);
      }
    }
    return v;
  }
}
