import type { ModelInfo } from '../../../preload/contract';
import { ExplorerError } from '../errors';
import type { Db } from './database';

/** Rows per vector BLOB: large enough that loading is a few big reads, small enough to stream. */
export const BLOCK_ROWS = 4096;

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
  private readonly seen = new Set<string>();
  private readonly insertWord;
  private readonly insertBlock;

  constructor(private readonly db: Db, model: NewModel) {
    if (findModelRow(db, model.name)) {
      throw new ExplorerError('model-exists', `A model named "${model.name}" already exists. Choose another name or delete it first.`);
    }
    this.dims = model.dims;
    const info = db
      .prepare('INSERT INTO models(name, dims, word_count, source, format, imported_at, meta) VALUES (?, ?, 0, ?, ?, ?, ?)')
      .run(model.name, model.dims, model.source, model.format, new Date().toISOString(), JSON.stringify(model.meta ?? {}));
    this.modelId = Number(info.lastInsertRowid);
    this.blockData = new Float32Array(BLOCK_ROWS * model.dims);
    this.insertWord = db.prepare('INSERT INTO words(model_id, idx, word, norm) VALUES (?, ?, ?, ?)');
    this.insertBlock = db.prepare('INSERT INTO vector_blocks(model_id, block, first_idx, row_count, data) VALUES (?, ?, ?, ?, ?)');
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
    this.insertWord.run(this.modelId, this.count, word, norm);
    this.count++;
    if (++this.blockRows === BLOCK_ROWS) this.flush();
    return true;
  }

  private flush(): void {
    if (this.blockRows === 0) return;
    const bytes = this.blockRows * this.dims * 4;
    const data = Buffer.from(this.blockData.buffer, this.blockData.byteOffset, bytes);
    this.insertBlock.run(this.modelId, this.block, this.count - this.blockRows, this.blockRows, data);
    this.block++;
    this.blockRows = 0;
  }

  /** Writes the last partial block and the final word count. */
  finish(): number {
    this.flush();
    if (this.count === 0) throw new ExplorerError('empty-model', 'The model has no words.');
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
}

/** Reads a whole model: words in rank order and one contiguous Float32Array. */
export function readModel(db: Db, name: string): StoredModel {
  const row = findModelRow(db, name);
  if (!row) throw new ExplorerError('unknown-model', `There is no model named "${name}".`);
  const n = row.word_count;
  const words: string[] = new Array(n);
  const norms = new Float32Array(n);
  let i = 0;
  for (const r of db.prepare('SELECT word, norm FROM words WHERE model_id = ? ORDER BY idx').raw().iterate(row.id) as Iterable<[string, number]>) {
    words[i] = r[0];
    norms[i] = r[1];
    i++;
  }
  if (i !== n) throw new ExplorerError('db-corrupt', `Model "${name}" is incomplete in the database (${i} of ${n} words).`);
  const vectors = new Float32Array(n * row.dims);
  const blocks = db.prepare('SELECT first_idx, row_count, data FROM vector_blocks WHERE model_id = ? ORDER BY block').raw();
  let rows = 0;
  for (const [first, count, data] of blocks.iterate(row.id) as Iterable<[number, number, Buffer]>) {
    if (data.byteLength !== count * row.dims * 4) {
      throw new ExplorerError('db-corrupt', `Model "${name}" has a damaged vector block at row ${first}.`);
    }
    // Byte copy: a BLOB's Buffer need not be 4-byte aligned.
    new Uint8Array(vectors.buffer, first * row.dims * 4, data.byteLength).set(data);
    rows += count;
  }
  if (rows !== n) throw new ExplorerError('db-corrupt', `Model "${name}" is incomplete in the database (${rows} of ${n} vectors).`);
  return { row, words, norms, vectors };
}
