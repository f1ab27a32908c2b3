import { isUtf8 } from 'node:buffer';
import { NO_KERNEL, normalizeRows } from '../search/quantize';
import { BLOCK_ROWS, blockBytes, blockViews, rawBlock, type VectorBlock } from '../store/block-builder';
import { ByteWordSet } from './byte-word-set';
import type { ImportStats } from './import-rows';
import { badFile } from './import-types';

const MAX_DUPLICATE_EXAMPLES = 5;
/** Float32 bits with an all-ones exponent (infinity, NaN) make this sum negative. */
const EXPONENT = 0x7f800000;
const EXPONENT_CARRY = 0x00800000;
const NEWLINE = 0x0a;

/**
 * The rules of ImportRows (first occurrence wins, no all-zero vector, at most `limit` distinct
 * words) for word2vec binary rows taken as bytes, straight from the file's chunks into store
 * blocks: the vector's bytes are copied once, into the block; a row's word becomes a string only
 * with its whole block (one decode per block, not one per row), and it is deduplicated by its
 * bytes. The checks a row's values and word need (finite values, not all zero, valid UTF-8) run
 * over the whole block just before it is normalised, and report the first bad row in file order
 * with the same message as ImportRows and the row-by-row parser.
 */
export class BinaryRows {
  readonly stats: ImportStats = { duplicates: 0, duplicateExamples: [], limited: false };
  private seen = new ByteWordSet();
  private dims = 0;
  private buffer: ArrayBuffer | null = null;
  private bytes = new Uint8Array(0);
  private rows = 0;
  /** The current block's words as UTF-8, each followed by a newline. */
  private wordBytes = Buffer.alloc(1 << 16);
  private wordEnd = 0;
  /** Per row of the current block: file offset of its record, and length of its word in bytes. */
  private readonly offsets = new Float64Array(BLOCK_ROWS);
  private readonly wordLengths = new Int32Array(BLOCK_ROWS);
  /** Rows of the current block checked so far, and where their words end in wordBytes. */
  private checked = 0;
  private checkedEnd = 0;

  constructor(
    /** The file as errors name it. */
    private readonly shown: string,
    private readonly limit: number | undefined,
    private readonly emit: (block: VectorBlock, dims: number) => void,
    private readonly spare: () => ArrayBuffer | undefined = () => undefined,
  ) {}

  /** Before the first row: about how many rows the file holds (a bound, not its header's word). */
  expect(rows: number): void {
    if (this.seen.size === 0) this.seen = new ByteWordSet(Math.min(rows, this.limit ?? Infinity));
  }

  /** Distinct words kept so far. */
  get size(): number {
    return this.seen.size;
  }

  /**
   * Takes one record: its word b[ws..we) (no space or newline in it), then `dims` little-endian
   * float32 at b[we + 1 ..), the record starting at file offset `offset`. Returns false once the
   * word limit is reached.
   */
  row(b: Buffer, ws: number, we: number, dims: number, offset: number): boolean {
    if (!this.seen.add(b, ws, we)) {
      this.duplicate(b, ws, we, dims, offset);
      return true;
    }
    if (!this.buffer) this.start(dims);
    const r = this.rows;
    this.bytes.set(b.subarray(we + 1, we + 1 + dims * 4), r * dims * 4);
    const len = we - ws;
    if (this.wordEnd + len + 1 > this.wordBytes.length) {
      const bigger = Buffer.alloc(Math.max(this.wordBytes.length * 2, this.wordEnd + len + 1));
      this.wordBytes.copy(bigger, 0, 0, this.wordEnd);
      this.wordBytes = bigger;
    }
    b.copy(this.wordBytes, this.wordEnd, ws, we);
    this.wordBytes[this.wordEnd + len] = NEWLINE;
    this.wordEnd += len + 1;
    this.offsets[r] = offset;
    this.wordLengths[r] = len;
    this.rows = r + 1;
    if (this.rows === BLOCK_ROWS) this.flush();
    if (this.limit !== undefined && this.seen.size >= this.limit) {
      this.stats.limited = true;
      return false;
    }
    return true;
  }

  /** Checks and hands over the rows since the last block, if any. */
  flush(): void {
    const rows = this.rows;
    if (rows === 0 || !this.buffer) return;
    const d = this.dims;
    let block: VectorBlock;
    const words = () => this.wordBytes.toString('utf8', 0, this.wordEnd - 1);
    if (this.checked < rows && !isUtf8(this.wordBytes.subarray(this.checkedEnd, this.wordEnd))) this.check(); // throws
    // The kernel checks the values (not all zero, all finite) before it normalises them; only
    // when it finds a bad row do they go through check() here, for the error it names.
    const views = blockViews(this.buffer, d, rows);
    const done = normalizeRows(views.data, d, rows, views.norms, this.checked < rows);
    if (done === NO_KERNEL) {
      this.check();
      block = rawBlock(this.buffer, d, rows, words());
    } else if (done >= 0) {
      this.check();
      throw new Error(`Internal error: row ${done} of a block failed a check that passed.`);
    } else {
      block = { rows, words: words(), ...views };
    }
    this.buffer = null;
    this.rows = 0;
    this.wordEnd = 0;
    this.checked = 0;
    this.checkedEnd = 0;
    this.emit(block, d);
  }

  private start(dims: number): void {
    this.dims = dims;
    const b = this.spare();
    this.buffer = b && b.byteLength === blockBytes(dims) ? b : new ArrayBuffer(blockBytes(dims));
    this.bytes = new Uint8Array(this.buffer, 0, BLOCK_ROWS * dims * 4);
  }

  /** A word seen before: counted, and its row still checked as the row-by-row parser would. */
  private duplicate(b: Buffer, ws: number, we: number, dims: number, offset: number): void {
    // Rows before it go first, so any error is the first in the file.
    this.check();
    const where = `byte ${offset}`;
    const word = this.word(b, ws, we, where);
    const bits = new Int32Array(new Uint8Array(b.subarray(we + 1, we + 1 + dims * 4)).buffer);
    // All zeros is no error here: the row-by-row rules skip a duplicate before that check.
    const bad = badValue(bits, 0, dims);
    if (bad >= 0 && bad < dims) throw this.notFinite(word, offset + (we - ws) + 1, bad);
    this.stats.duplicates++;
    if (this.stats.duplicateExamples.length < MAX_DUPLICATE_EXAMPLES) this.stats.duplicateExamples.push(`"${word}" (${where})`);
  }

  /** Checks the current block's rows not checked yet; throws for the first bad one. */
  private check(): void {
    const rows = this.rows;
    if (this.checked === rows || !this.buffer) return;
    const d = this.dims;
    const all = this.wordBytes;
    // The common case costs one native validation of the new rows' words.
    const utf8 = isUtf8(all.subarray(this.checkedEnd, this.wordEnd));
    const bits = new Int32Array(this.buffer, 0, rows * d);
    let w = this.checkedEnd;
    for (let r = this.checked; r < rows; r++) {
      const len = this.wordLengths[r];
      const offset = this.offsets[r];
      if (!utf8) this.word(all, w, w + len, `byte ${offset}`);
      const bad = badValue(bits, r * d, d);
      if (bad >= 0) {
        const word = all.toString('utf8', w, w + len);
        if (bad < d) throw this.notFinite(word, offset + len + 1, bad);
        throw badFile(this.shown, `byte ${offset}`, `the vector of "${word}" is all zeros, so it has no direction`);
      }
      w += len + 1;
    }
    this.checked = rows;
    this.checkedEnd = w;
  }

  /** Decodes one word, rejecting invalid UTF-8 as the row-by-row parser does. */
  private word(b: Buffer, s: number, e: number, where: string): string {
    const slice = b.subarray(s, e);
    if (!isUtf8(slice)) {
      throw badFile(this.shown, where, `the word is not valid UTF-8 (bytes ${b.subarray(s, Math.min(e, s + 24)).toString('hex')})`);
    }
    return slice.toString('utf8');
  }

  private notFinite(word: string, vectorOffset: number, j: number): Error {
    return badFile(this.shown, `byte ${vectorOffset + j * 4}`, `value ${j + 1} of "${word}" is not a finite number (NaN or infinity)`);
  }
}

/**
 * The first non-finite value of bits[at .. at + d) (its index), `d` when every value is ±0, or -1
 * when the row is fine. Integer tests of every value at once: the search only on failure.
 */
function badValue(bits: Int32Array, at: number, d: number): number {
  let bad = 0;
  let any = 0;
  for (let j = at; j < at + d; j++) {
    const x = bits[j];
    bad |= (x & EXPONENT) + EXPONENT_CARRY;
    any |= x & 0x7fffffff;
  }
  if (bad < 0) {
    for (let j = 0; j < d; j++) if ((bits[at + j] & EXPONENT) === EXPONENT) return j;
  }
  return any === 0 ? d : -1;
}
