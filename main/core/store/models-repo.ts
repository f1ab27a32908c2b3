import type { ModelInfo } from '../../../common/contract/contract';
import { ExplorerError } from '../errors';
import { META_PER_ROW, strideOf } from '../search/quantize';
import type { QuantizedBlock } from '../search/quantized-index';
import type { Db } from './database';
import { prefaultedBuffer } from './prefault';

/** The words table's look-up index, as the schema creates it (migrations.ts, version 1). */
export const WORDS_BY_WORD_INDEX = 'CREATE UNIQUE INDEX words_by_word ON words(model_id, word)';

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
