import { hasQuantizeKernel, NO_KERNEL, normalizeRows } from '../search/quantize';

/** Rows per vector BLOB: large enough that loading is a few big reads, small enough to stream. */
export const BLOCK_ROWS = 4096;

/**
 * One row block of the store (a model_blocks row) before it is written: unit vectors and
 * original norms, ready to insert. (The int8 quantisation the search needs is derived when a model
 * is loaded: storing it made an import write a quarter more bytes, twice, through the log.) All arrays are views of one ArrayBuffer, so
 * a block crosses threads as a single transfer and its buffer can be handed back for reuse.
 */
export interface VectorBlock {
  rows: number;
  /** The block's words joined by newlines (words never contain one). */
  words: string;
  /** rows × dims unit values. */
  data: Float32Array;
  /** Original L2 norms. */
  norms: Float32Array;
}

/** Bytes of the one buffer behind a block of up to BLOCK_ROWS rows. */
export function blockBytes(dims: number): number {
  return BLOCK_ROWS * (dims * 4 + 4);
}

/** Views of a block buffer, `rows` rows long (float arrays first: every offset stays 4-aligned). */
export function blockViews(buffer: ArrayBuffer, dims: number, rows: number): Omit<VectorBlock, 'rows' | 'words'> {
  let at = 0;
  const take = <T>(make: (b: ArrayBuffer, at: number, n: number) => T, n: number, size: number, full: number): T => {
    const view = make(buffer, at, n);
    at += full * size;
    return view;
  };
  return {
    data: take((b, o, n) => new Float32Array(b, o, n), rows * dims, 4, BLOCK_ROWS * dims),
    norms: take((b, o, n) => new Float32Array(b, o, n), rows, 4, BLOCK_ROWS),
  };
}

/**
 * Turns raw rows into store blocks: each row normalised to unit length (its norm kept), a block
 * handed to `emit` once it holds BLOCK_ROWS rows (or on flush). Float32 rows (a
 * binary file's) are kept raw and normalised by the WebAssembly kernel
 * when the block is full; others are normalised here as they arrive. Both give the same bits.
 * It checks nothing about the words (distinct, non-empty): its callers do.
 */
export class BlockBuilder {
  private buffer: ArrayBuffer | null = null;
  private data: Float32Array = new Float32Array(0);
  private norms: Float32Array = new Float32Array(0);
  private words: string[] = [];
  /** The current block's rows are raw float32 values, left to the kernel. */
  private raw = false;

  constructor(
    readonly dims: number,
    private readonly emit: (block: VectorBlock) => void,
    /** A buffer of blockBytes(dims) bytes to reuse, if one is free. */
    private readonly spare: () => ArrayBuffer | undefined = () => undefined,
  ) {}

  /** Rows waiting in the current block. */
  get pending(): number {
    return this.words.length;
  }

  /** Adds `word` with `values[at .. at + dims)`. */
  add(word: string, values: ArrayLike<number>, at: number): void {
    const d = this.dims;
    const r = this.words.length;
    if (!this.buffer) {
      const b = this.spare();
      this.buffer = b && b.byteLength === blockBytes(d) ? b : new ArrayBuffer(blockBytes(d));
      ({ data: this.data, norms: this.norms } = blockViews(this.buffer, d, BLOCK_ROWS));
      this.raw = values instanceof Float32Array && hasQuantizeKernel();
    }
    if (this.raw && !(values instanceof Float32Array)) this.settle();
    if (this.raw) this.data.set((values as Float32Array).subarray(at, at + d), r * d);
    else this.normalize(values, at, r);
    this.words.push(word);
    if (this.words.length === BLOCK_ROWS) this.flush();
  }

  /** Emits the rows added since the last block, if any. */
  flush(): void {
    const rows = this.words.length;
    if (rows === 0 || !this.buffer) return;
    const words = this.words.join('\n');
    let block: VectorBlock;
    if (this.raw) block = rawBlock(this.buffer, this.dims, rows, words);
    else block = { rows, words, ...blockViews(this.buffer, this.dims, rows) };
    this.buffer = null;
    this.words = [];
    this.emit(block);
  }

  /** Writes row r as the unit vector of `values[at .. at + dims)`, and its norm. */
  private normalize(values: ArrayLike<number>, at: number, r: number): void {
    normalizeRow(values, at, this.dims, this.data, this.norms, r);
  }

  /** Normalises the raw rows of the current block here, for rows of another kind to follow. */
  private settle(): void {
    this.raw = false;
    for (let r = 0; r < this.words.length; r++) this.normalize(this.data.slice(r * this.dims, (r + 1) * this.dims), 0, r);
  }
}

/** Writes row r of `data` as the unit vector of `values[at .. at + dims)`, and its norm (in place when they are the same row). */
function normalizeRow(values: ArrayLike<number>, at: number, d: number, data: Float32Array, norms: Float32Array, r: number): void {
  let sq = 0;
  for (let j = at; j < at + d; j++) sq += values[j] * values[j];
  const norm = Math.sqrt(sq);
  const inv = norm > 0 ? 1 / norm : 0;
  for (let j = 0, o = r * d; j < d; j++) data[o + j] = values[at + j] * inv;
  norms[r] = norm;
}

/**
 * The block of `rows` raw float32 rows already in `buffer` (blockViews' layout), normalised in
 * place: by the WebAssembly kernel, or where it cannot load by the same arithmetic in JavaScript
 * (the same bits either way).
 */
export function rawBlock(buffer: ArrayBuffer, dims: number, rows: number, words: string): VectorBlock {
  const views = blockViews(buffer, dims, rows);
  if (normalizeRows(views.data, dims, rows, views.norms) === NO_KERNEL) {
    for (let r = 0; r < rows; r++) normalizeRow(views.data, r * dims, dims, views.data, views.norms, r);
  }
  return { rows, words, ...views };
}
