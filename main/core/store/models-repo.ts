import type { ModelInfo } from '../../../common/contract/contract';
import type { Db } from './database';

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
  /** The model's vectors file in the store's vectors folder (vectors-file.ts); null: in its blocks. */
  vectors_file: string | null;
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
