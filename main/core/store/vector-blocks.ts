import { ExplorerError } from '../errors';
import { META_PER_ROW, strideOf } from '../search/quantize';
import type { QuantizedBlock } from '../search/quantized-block';
import type { Db } from './database';
import { findModelRow, type ModelRow } from './models-repo';
import { prefaultedBuffer } from './prefault';
import { VectorsFileReader, vectorsPath } from './vectors-file';

/**
 * Reading a stored model in two steps: its head (words and norms, a few percent of its bytes,
 * enough to show words and look them up) at once, and its vector blocks only when something
 * needs them. A 2-million-word model is gigabytes of vectors; a map of 5,000 words needs two
 * of its blocks.
 */

/** Rows [first, first + count) of the model live in one stored block. */
export interface BlockSpan {
  first: number;
  count: number;
}

/**
 * Tables holding models' blocks: imports since schema 4 write model_blocks; models stored before
 * stay in vector_blocks (migrations.ts). A model's blocks are all in one of them.
 */
export const BLOCK_TABLES = ['model_blocks', 'vector_blocks'] as const;
export type BlockTable = (typeof BLOCK_TABLES)[number];

export interface ModelHead {
  row: ModelRow;
  /** The table holding this model's blocks. */
  table: BlockTable;
  /** Words in rank order. */
  words: string[];
  /** Original L2 norm per word. */
  norms: Float32Array;
  /** The stored blocks, in row order (block b holds rows blocks[b].first …). */
  blocks: BlockSpan[];
  /** The model's vectors file (vectors-file.ts), when its blocks do not hold the vectors. */
  vectorsFile?: string;
}

/**
 * One block's vector bytes as stored: unit vectors, and the int8 quantisation with its bounds,
 * which only models imported before schema 4 have (both empty otherwise: the index derives them).
 */
export interface VectorBlock {
  /** count × dims little-endian float32 (absent when only the quantisation was asked for). */
  data?: Buffer;
  q8: Buffer;
  meta: Buffer;
}

export interface StoredModel {
  row: ModelRow;
  words: string[];
  /** Original L2 norm per word. */
  norms: Float32Array;
  /** Unit vectors, row-major count × dims. */
  vectors: Float32Array;
  /**
   * Stored int8 quantisation for the exact pre-scan (search/quantize.ts), block by block as
   * read: the index copies it into its own memory, so it is never assembled in between.
   */
  quantized?: QuantizedBlock[];
}

/** A block's quantisation when it has none stored. */
const NO_BYTES = Buffer.alloc(0);

const damaged = (name: string, at: number) =>
  new ExplorerError('db-corrupt', `Model "${name}" has a damaged vector block at row ${at}; delete and re-import it.`);

/** Copies a BLOB into a typed array at a byte offset (a BLOB's Buffer need not be aligned). */
export function copyBlob(target: ArrayBufferView, byteOffset: number, blob: Uint8Array): void {
  new Uint8Array(target.buffer, target.byteOffset + byteOffset, blob.byteLength).set(blob);
}

/** The table holding model `modelId`'s blocks (the new one when it holds none anywhere). */
function blockTable(db: Db, modelId: number): BlockTable {
  for (const table of BLOCK_TABLES) {
    if (db.prepare(`SELECT 1 FROM ${table} WHERE model_id = ? LIMIT 1`).get(modelId) !== undefined) return table;
  }
  return BLOCK_TABLES[0];
}

/**
 * Words, norms and block layout of model `name`. Only the first columns of each block are read,
 * so SQLite stops before the vector bytes.
 */
export function readModelHead(db: Db, name: string): ModelHead {
  const row = findModelRow(db, name);
  if (!row) throw new ExplorerError('unknown-model', `There is no model named "${name}".`);
  const n = row.word_count;
  const words: string[] = new Array(n);
  const norms = new Float32Array(n);
  const blocks: BlockSpan[] = [];
  const table = blockTable(db, row.id);
  const stmt = db.prepare(`SELECT first_idx, row_count, words, norms FROM ${table} WHERE model_id = ? ORDER BY block`).raw();
  let rows = 0;
  for (const [first, count, w, nb] of stmt.iterate(row.id) as Iterable<[number, number, string, Buffer]>) {
    if (first !== rows || first + count > n || nb.byteLength !== count * 4) throw damaged(name, first);
    const blockWords = w.split('\n');
    if (blockWords.length !== count) throw damaged(name, first);
    for (let i = 0; i < count; i++) words[first + i] = blockWords[i];
    copyBlob(norms, first * 4, nb);
    blocks.push({ first, count });
    rows += count;
  }
  if (rows !== n)
    throw new ExplorerError('db-corrupt', `Model "${name}" is incomplete in the database (${rows} of ${n} rows); delete and re-import it.`);
  const vectorsFile = row.vectors_file ? vectorsPath(db, row.vectors_file) : undefined;
  return { row, table, words, norms, blocks, vectorsFile };
}

/**
 * Reads a model's float32 rows block by block into its one buffer, from its vectors file or from
 * its blocks; and the int8 quantisation old models stored with them. Holds the file open until
 * close().
 */
export class BlockReader {
  private readonly file?: VectorsFileReader;

  constructor(
    private readonly db: Db,
    private readonly head: ModelHead,
  ) {
    const { row, vectorsFile } = head;
    if (vectorsFile) this.file = new VectorsFileReader(vectorsFile, row.name, row.dims * 4, row.word_count);
  }

  /**
   * Block b: copies its unit vectors into `vectors` (the whole model's rows, row-major) unless
   * `vectors` is null (rows already read), and returns its stored int8 quantisation, empty for
   * models with a vectors file and for blocks stored without it (the index derives it). A model
   * whose blocks hold its vectors gives both in one read.
   */
  read(b: number, vectors: Float32Array | null): QuantizedBlock {
    const span = this.head.blocks[b];
    if (this.file) {
      if (vectors) this.file.readInto(vectors, span.first, span.count);
      return { first: span.first, count: span.count, q8: NO_BYTES, meta: NO_BYTES };
    }
    const block = readVectorBlock(this.db, this.head, b, vectors !== null);
    if (vectors) copyBlob(vectors, span.first * this.head.row.dims * 4, block.data!);
    return { first: span.first, count: span.count, q8: block.q8, meta: block.meta };
  }

  close(): void {
    this.file?.close();
  }
}

/** Block `b` of a model whose head was read; `withData` false skips the float32 vectors. */
export function readVectorBlock(db: Db, head: ModelHead, b: number, withData = true): VectorBlock {
  const { row } = head;
  const span = head.blocks[b];
  const sql = `SELECT ${withData ? 'data' : 'NULL'}, q8, qmeta FROM ${head.table} WHERE model_id = ? AND block = ?`;
  const got = db.prepare(sql).raw().get(row.id, b) as [Buffer | null, Buffer, Buffer] | undefined;
  // A model deleted or replaced while its blocks were being read.
  if (!got) throw new ExplorerError('unknown-model', `The model "${row.name}" was removed while it was being loaded.`);
  const [data, q8, meta] = got;
  const quantized = q8.byteLength > 0 || meta.byteLength > 0;
  if (
    (withData && data?.byteLength !== span.count * row.dims * 4) ||
    (quantized && (q8.byteLength !== span.count * strideOf(row.dims) || meta.byteLength !== span.count * META_PER_ROW * 4))
  ) {
    throw damaged(row.name, span.first);
  }
  return { data: data ?? undefined, q8, meta };
}

/** Reads a whole model at once: words in rank order, norms, one contiguous Float32Array, quantisation. */
export function readModel(db: Db, name: string): StoredModel {
  const head = readModelHead(db, name);
  const { row, words, norms } = head;
  const vectors = new Float32Array(prefaultedBuffer(row.word_count * row.dims * 4));
  const reader = new BlockReader(db, head);
  let quantized: QuantizedBlock[];
  try {
    quantized = head.blocks.map((_, b) => reader.read(b, vectors));
  } finally {
    reader.close();
  }
  // Blocks without stored quantisation: the index quantises the vectors itself.
  return { row, words, norms, vectors, quantized: quantized.every((q) => q.q8.byteLength > 0) ? quantized : undefined };
}
