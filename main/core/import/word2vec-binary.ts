import os from 'node:os';
import { badFile, checkDims, decodeWord, MAX_WORDS, type RowSink, type VectorParser } from './import-types';

/** A word longer than this without a terminating space means the file is not what it claims. */
const MAX_WORD_BYTES = 100_000;
const LITTLE_ENDIAN = os.endianness() === 'LE';
/** Room for the word when finishing a record that straddles two chunks the quick way. */
const STRADDLE_WORD_BYTES = 4096;
/** Float32 bits with an all-ones exponent (infinity, NaN) become negative after this addition. */
const EXPONENT = 0x7f800000;
const EXPONENT_CARRY = 0x00800000;

/**
 * word2vec binary: a text header "count dims\n", then per word its UTF-8 bytes, one space and
 * dims little-endian float32 values (the original tool writes a newline after each vector,
 * which is skipped). Errors name the byte offset, since there are no lines to speak of.
 */
export class Word2VecBinaryParser implements VectorParser {
  /** Whether a sink's `bytes` is used on this host (the file's float32 are little-endian). */
  static readonly takesBytes = LITTLE_ENDIAN;
  rows = 0;
  private dims = -1;
  private declared = -1;
  /** Absolute offset of `buf[0]`. */
  private base = 0;
  private carry: Buffer | null = null;
  private stopped = false;
  private floats = new Float32Array(0);
  private bytes = new Uint8Array(0);
  private bits = new Int32Array(0);

  /** The sink's `bytes`, where this host can use it. */
  private readonly takeBytes: RowSink['bytes'];

  constructor(
    private readonly file: string,
    private readonly sink: RowSink,
  ) {
    this.takeBytes = LITTLE_ENDIAN && sink.bytes ? sink.bytes.bind(sink) : undefined;
  }

  push(chunk: Buffer): boolean {
    if (this.stopped) return false;
    let b = chunk;
    let p = 0;
    if (this.carry && this.dims >= 0) {
      // A record straddles the chunks: finish it from a copy of the carry and the head of this
      // chunk, then go on in the chunk itself, rather than copying the whole chunk after the carry.
      const carry = this.carry;
      const joined = Buffer.concat([carry, chunk.subarray(0, Math.min(chunk.length, this.dims * 4 + STRADDLE_WORD_BYTES))]);
      const q = this.records(joined, 0, carry.length);
      if (q < 0) return false;
      if (q >= carry.length) {
        this.base += carry.length;
        p = q - carry.length;
      } else {
        b = Buffer.concat([carry, chunk]); // a very long word: the simple way
        p = q;
      }
    } else if (this.carry) {
      b = Buffer.concat([this.carry, chunk]);
    }
    this.carry = null;
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
    const q = this.records(b, p, b.length);
    if (q < 0) return false;
    if (q < b.length) this.carry = Buffer.from(b.subarray(q));
    this.base += q;
    return true;
  }

  /**
   * Reads whole records of `b` (whose first byte is at file offset `base`) from `p` on, until one
   * starts at or after `stop` or is incomplete. Returns where it stopped, or -1 when the sink
   * asked to stop.
   */
  private records(b: Buffer, p: number, stop: number): number {
    const need = this.dims * 4;
    while (p < stop) {
      let w = p;
      while (w < b.length && (b[w] === 0x0a || b[w] === 0x0d)) w++;
      if (w >= b.length) return w;
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
        return w; // the record continues in the next chunk
      }
      if (sp === w) throw badFile(this.file, `byte ${this.base + w}`, 'zero-length word');
      for (let k = w; k < sp; k++) if (b[k] === 0x0a) throw badFile(this.file, `byte ${this.base + w}`, 'the word contains a line break');
      let more: boolean;
      if (this.takeBytes) {
        this.rows++;
        more = this.takeBytes(b, w, sp, this.dims, this.base + w);
      } else {
        const where = `byte ${this.base + w}`;
        const word = decodeWord(b, w, sp, this.file, where);
        const v = this.readVector(b, sp + 1, word);
        this.rows++;
        more = this.sink.row(word, v, this.dims, where);
      }
      p = sp + 1 + need;
      if (!more) {
        this.stopped = true;
        return -1;
      }
    }
    return p;
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
    this.bits = new Int32Array(this.floats.buffer);
    this.sink.header?.(count, dims);
    if (count === 0) throw badFile(this.file, 'byte 0', 'the header says the file holds no words');
  }

  private readVector(b: Buffer, at: number, word: string): Float32Array {
    const d = this.dims;
    const f = this.floats;
    if (LITTLE_ENDIAN) {
      b.copy(this.bytes, 0, at, at + d * 4); // copy: the source need not be 4-byte aligned
    } else {
      for (let j = 0; j < d; j++) f[j] = b.readFloatLE(at + j * 4);
    }
    // Integer test of every exponent at once (no branch per value); the slow search only on failure.
    const bits = this.bits;
    let bad = 0;
    for (let j = 0; j < d; j++) bad |= (bits[j] & EXPONENT) + EXPONENT_CARRY;
    if (bad < 0) {
      const j = f.findIndex((x) => !Number.isFinite(x));
      throw badFile(this.file, `byte ${this.base + at + j * 4}`, `value ${j + 1} of "${word}" is not a finite number (NaN or infinity)`);
    }
    return f;
  }
}
