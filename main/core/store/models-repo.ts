import type Database from 'better-sqlite3';
import type { ModelInfo } from '../../../common/contract/contract';
import { ExplorerError } from '../errors';
import { META_PER_ROW, quantizeRows, strideOf } from '../search/quantize';
import type { QuantizedBlock } from '../search/quantized-index';
import type { Db } from './database';
import { prefaultedBuffer } from './prefault';

/** The words table's look-up index, as the schema creates it (migrations.ts, version 1). */
export const WORDS_BY_WORD_INDEX = 'CREATE UNIQUE INDEX words_by_word ON words(model_id, word)';

/** Rows per vector BLOB: large enough that loading is a few big reads, small enough to stream. */
export const BLOCK_ROWS = 4096;
/** Words per multi-row INSERT (3 parameters each, well under SQLite's limit of 32,766). */
const WORDS_PER_INSERT = 1024;

export interface ModelRow {
  id: number;
  name: string;
  dims: number;
  word_count: number;
  source: string;
  format: string;
  imported_at: string;
  meta: string;
}

export function listModelRows(db: Db): ModelRow[] {
  return db.prepare('SELECT * FROM models ORDER BY id').all() as ModelRow[];
}

export function findModelRow(db: Db, name: string): ModelRow | undefined {
  return db.prepare('SELECT * FROM models WHERE name = ?').get(name) as ModelRow | undefined;
}

export function getSetting(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setSetting(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function toModelInfo(row: ModelRow, activeName: string | null): ModelInfo {
  return {
    name: row.name,
    words: row.word_count,
    dims: row.dims,
    source: row.source,
    format: row.format,
    importedAt: row.imported_at,
    active: row.name === activeName,
  };
}

export interface NewModel {
  name: string;
  dims: number;
  source: string;
  format: string;
  meta?: Record<string, unknown>;
}

/**
 * Streams one model into the store. Must be used inside a transaction opened by the caller, so
 * a failure anywhere (bad row, cancel, crash) leaves no trace of the model.
 */
export class ModelWriter {
  readonly modelId: number;
  readonly dims: number;
  private count = 0;
  private block = 0;
  private blockRows = 0;
  private readonly blockData: Float32Array;
  private readonly blockNorms = new Float32Array(BLOCK_ROWS);
  private blockWords: string[] = [];
  private readonly blockQ8: Int8Array;
  private readonly blockMeta = new Float32Array(BLOCK_ROWS * META_PER_ROW);
  private readonly seen = new Set<string>();
  /** Multi-row word inserts, by row count: one statement per chunk instead of one per word. */
  private readonly insertWords = new Map<number, Database.Statement>();
  private readonly insertBlock;

  constructor(
    private readonly db: Db,
    model: NewModel,
  ) {
    if (findModelRow(db, model.name)) {
      throw new ExplorerError('model-exists', `A model named "${model.name}" already exists. Choose another name or delete it first.`);
    }
    this.dims = model.dims;
    const info = db
      .prepare('INSERT INTO models(name, dims, word_count, source, format, imported_at, meta) VALUES (?, ?, 0, ?, ?, ?, ?)')
      .run(model.name, model.dims, model.source, model.format, new Date().toISOString(), JSON.stringify(model.meta ?? {}));
    this.modelId = Number(info.lastInsertRowid);
    this.blockData = new Float32Array(BLOCK_ROWS * model.dims);
    this.blockQ8 = new Int8Array(BLOCK_ROWS * strideOf(model.dims));
    this.insertBlock = db.prepare(
      'INSERT INTO vector_blocks(model_id, block, first_idx, row_count, words, norms, data, q8, qmeta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  get size(): number {
    return this.count;
  }

  has(word: string): boolean {
    return this.seen.has(word);
  }

  /**
   * Adds one word with its raw vector (`values[offset .. offset + dims)`); stores the unit vector
   * and the original norm. Returns false, storing nothing, when the word was already added.
   */
  add(word: string, values: ArrayLike<number>, offset = 0): boolean {
    if (word.length === 0 || word.includes('\n')) {
      // Importers report these with their line numbers; this guards the block format itself.
      throw new ExplorerError('bad-word', `Invalid word ${JSON.stringify(word)}: words must be non-empty and on one line.`);
    }
    if (this.seen.has(word)) return false;
    this.seen.add(word);
    const d = this.dims;
    let sq = 0;
    for (let j = 0; j < d; j++) {
      const v = values[offset + j];
      sq += v * v;
    }
    const norm = Math.sqrt(sq);
    const inv = norm > 0 ? 1 / norm : 0;
    const base = this.blockRows * d;
    for (let j = 0; j < d; j++) this.blockData[base + j] = values[offset + j] * inv;
    this.blockNorms[this.blockRows] = norm;
    this.blockWords.push(word);
    this.count++;
    if (++this.blockRows === BLOCK_ROWS) this.flush();
    return true;
  }

  private flush(): void {
    const rows = this.blockRows;
    if (rows === 0) return;
    const d = this.dims;
    quantizeRows(this.blockData, d, 0, rows, this.blockQ8, this.blockMeta);
    const bytes = (a: ArrayBufferView, n: number) => Buffer.from(a.buffer, a.byteOffset, n);
    this.insertBlock.run(
      this.modelId,
      this.block,
      this.count - rows,
      rows,
      this.blockWords.join('\n'),
      bytes(this.blockNorms, rows * 4),
      bytes(this.blockData, rows * d * 4),
      bytes(this.blockQ8, rows * strideOf(d)),
      bytes(this.blockMeta, rows * META_PER_ROW * 4),
    );
    this.block++;
    this.blockRows = 0;
    this.blockWords = [];
  }

  /**
   * Fills the words table (look-ups, completion) in one go at the end. Keeping its word index up
   * to date row by row costs about four times as much as rebuilding it from scratch, so when the
   * new model is large next to what the store already holds, the index is dropped and rebuilt
   * afterwards (inside the caller's transaction, so a failure leaves it as it was).
   */
  private writeWords(): void {
    const others = this.db.prepare('SELECT coalesce(sum(word_count), 0) FROM models WHERE id != ?').pluck().get(this.modelId) as number;
    const rebuild = this.count * 4 >= others;
    if (rebuild) this.db.exec('DROP INDEX IF EXISTS words_by_word');
    const params: (number | string)[] = new Array(WORDS_PER_INSERT * 3);
    let n = 0;
    let idx = 0;
    const run = () => {
      let stmt = this.insertWords.get(n);
      if (!stmt) {
        stmt = this.db.prepare(`INSERT INTO words(model_id, idx, word) VALUES ${Array(n).fill('(?, ?, ?)').join(', ')}`);
        this.insertWords.set(n, stmt);
      }
      stmt.run(n === WORDS_PER_INSERT ? params : params.slice(0, n * 3));
      n = 0;
    };
    for (const word of this.seen) {
      params[n * 3] = this.modelId;
      params[n * 3 + 1] = idx++;
      params[n * 3 + 2] = word;
      if (++n === WORDS_PER_INSERT) run();
    }
    if (n > 0) run();
    if (rebuild) this.db.exec(WORDS_BY_WORD_INDEX);
  }

  /** Writes the last partial block and the final word count. */
  finish(): number {
    this.flush();
    if (this.count === 0) throw new ExplorerError('empty-model', 'The model has no words.');
    this.writeWords();
    this.db.prepare('UPDATE models SET word_count = ? WHERE id = ?').run(this.count, this.modelId);
    return this.count;
  }
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

/** Copies a BLOB into a typed array at a byte offset (a BLOB's Buffer need not be aligned). */
function copyBlob(target: ArrayBufferView, byteOffset: number, blob: Buffer): void {
  new Uint8Array(target.buffer, target.byteOffset + byteOffset, blob.byteLength).set(blob);
}

/** Reads a whole model: words in rank order, norms, one contiguous Float32Array, quantisation. */
export function readModel(db: Db, name: string): StoredModel {
  const row = findModelRow(db, name);
  if (!row) throw new ExplorerError('unknown-model', `There is no model named "${name}".`);
  const n = row.word_count;
  const d = row.dims;
  const stride = strideOf(d);
  const words: string[] = new Array(n);
  const norms = new Float32Array(n);
  const vectors = new Float32Array(prefaultedBuffer(n * d * 4));
  const quantized: QuantizedBlock[] = [];
  const damaged = (at: number) =>
    new ExplorerError('db-corrupt', `Model "${name}" has a damaged vector block at row ${at}; delete and re-import it.`);
  const blocks = db
    .prepare('SELECT first_idx, row_count, words, norms, data, q8, qmeta FROM vector_blocks WHERE model_id = ? ORDER BY block')
    .raw();
  let rows = 0;
  for (const [first, count, w, nb, data, qb, mb] of blocks.iterate(row.id) as Iterable<
    [number, number, string, Buffer, Buffer, Buffer, Buffer]
  >) {
    if (
      first !== rows ||
      first + count > n ||
      data.byteLength !== count * d * 4 ||
      nb.byteLength !== count * 4 ||
      qb.byteLength !== count * stride ||
      mb.byteLength !== count * META_PER_ROW * 4
    ) {
      throw damaged(first);
    }
    const blockWords = w.split('\n');
    if (blockWords.length !== count) throw damaged(first);
    for (let i = 0; i < count; i++) words[first + i] = blockWords[i];
    copyBlob(norms, first * 4, nb);
    copyBlob(vectors, first * d * 4, data);
    quantized.push({ first, count, q8: qb, meta: mb });
    rows += count;
  }
  if (rows !== n)
    throw new ExplorerError('db-corrupt', `Model "${name}" is incomplete in the database (${rows} of ${n} rows); delete and re-import it.`);
  return { row, words, norms, vectors, quantized };
}

/** Row of `word` in the model: exact, then lower-case, then any case (most frequent); -1 if none. */
export function findWordIndex(db: Db, modelId: number, word: string): number {
  const hit = findWordIndexQuick(db, modelId, word);
  if (hit >= 0) return hit;
  const anyCase = db.prepare('SELECT idx FROM words WHERE model_id = ? AND lower(word) = ? ORDER BY idx LIMIT 1').pluck();
  return (anyCase.get(modelId, word.toLowerCase()) as number | undefined) ?? -1;
}

/** The exact word, then its lower-case form: the two indexed look-ups, without the any-case scan. */
export function findWordIndexQuick(db: Db, modelId: number, word: string): number {
  const exact = db.prepare('SELECT idx FROM words WHERE model_id = ? AND word = ?').pluck();
  return ((exact.get(modelId, word) ?? exact.get(modelId, word.toLowerCase())) as number | undefined) ?? -1;
}
