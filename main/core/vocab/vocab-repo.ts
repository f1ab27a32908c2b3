import type { Vocabulary, VocabularyCounts, VocabularyEntry, VocabularySummary } from '../../../common/contract/contract';
import { ExplorerError } from '../errors';
import type { Db } from '../store/database';
import type { ResolvedEntry } from './resolve-entries';

interface VocabRow {
  id: number;
  name: string;
  model: string;
  source: string;
  created_at: string;
  meta: string;
}

const SELECT =
  'SELECT v.id, v.name, m.name AS model, v.source, v.created_at, v.meta FROM vocabularies v JOIN models m ON m.id = v.model_id';

function toSummary(r: VocabRow): VocabularySummary {
  const meta = JSON.parse(r.meta) as { counts: VocabularyCounts; labels: string[] };
  return { id: r.id, name: r.name, model: r.model, source: r.source, createdAt: r.created_at, counts: meta.counts, labels: meta.labels };
}

export function findVocabularyByName(db: Db, modelId: number, name: string): VocabularySummary | undefined {
  const r = db.prepare(`${SELECT} WHERE v.model_id = ? AND v.name = ?`).get(modelId, name) as VocabRow | undefined;
  return r && toSummary(r);
}

/** A free vocabulary name for the model: `wanted`, else "wanted (2)", "wanted (3)"… */
export function uniqueVocabularyName(db: Db, modelId: number, wanted: string): string {
  const taken = (n: string) => db.prepare('SELECT 1 FROM vocabularies WHERE model_id = ? AND name = ?').get(modelId, n) !== undefined;
  if (!taken(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken(`${wanted} (${i})`)) return `${wanted} (${i})`;
}

/** Saves a vocabulary and all its entries in one transaction. */
export function insertVocabulary(
  db: Db,
  v: { modelId: number; name: string; source: string; counts: VocabularyCounts; labels: string[]; entries: ResolvedEntry[] },
): number {
  return db
    .transaction(() => {
      if (db.prepare('SELECT 1 FROM vocabularies WHERE model_id = ? AND name = ?').get(v.modelId, v.name)) {
        throw new ExplorerError(
          'vocabulary-exists',
          `This model already has a vocabulary named "${v.name}". Choose another name or remove it first.`,
        );
      }
      const info = db
        .prepare('INSERT INTO vocabularies(model_id, name, source, created_at, meta) VALUES (?, ?, ?, ?, ?)')
        .run(v.modelId, v.name, v.source, new Date().toISOString(), JSON.stringify({ counts: v.counts, labels: v.labels }));
      const id = Number(info.lastInsertRowid);
      const insert = db.prepare(
        'INSERT INTO vocabulary_entries(vocabulary_id, pos, entry, label, word_idx, composed, vector, found, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      v.entries.forEach((e, pos) => {
        const meta = { columns: e.meta, missing: e.missing };
        const vector = e.vector ? Buffer.from(e.vector.buffer, e.vector.byteOffset, e.vector.byteLength) : null;
        insert.run(id, pos, e.entry, e.label, e.wordIndex ?? null, e.composed ? 1 : 0, vector, e.found ? 1 : 0, JSON.stringify(meta));
      });
      return id;
    })
    .immediate();
}

export function listVocabularyRows(db: Db, modelId: number): VocabularySummary[] {
  return (db.prepare(`${SELECT} WHERE v.model_id = ? ORDER BY v.id DESC`).all(modelId) as VocabRow[]).map(toSummary);
}

export function getVocabularyById(db: Db, id: number): Vocabulary | null {
  const r = db.prepare(`${SELECT} WHERE v.id = ?`).get(id) as VocabRow | undefined;
  if (!r) return null;
  const rows = db
    .prepare(
      `SELECT e.entry, e.label, e.word_idx, e.composed, e.found, e.meta, w.word FROM vocabulary_entries e
       JOIN vocabularies v ON v.id = e.vocabulary_id
       LEFT JOIN words w ON w.model_id = v.model_id AND w.idx = e.word_idx
       WHERE e.vocabulary_id = ? ORDER BY e.pos`,
    )
    .all(id) as {
    entry: string;
    label: string | null;
    word_idx: number | null;
    composed: number;
    found: number;
    meta: string;
    word: string | null;
  }[];
  const entries = rows.map((x): VocabularyEntry => {
    const meta = JSON.parse(x.meta) as { columns?: Record<string, string>; missing?: string[] };
    const e: VocabularyEntry = { entry: x.entry, label: x.label, found: x.found === 1, composed: x.composed === 1 };
    if (x.word_idx !== null) e.wordIndex = x.word_idx;
    if (x.word !== null) e.matched = x.word;
    if (meta.missing) e.missing = meta.missing;
    if (meta.columns) e.meta = meta.columns;
    return e;
  });
  return { ...toSummary(r), entries };
}

export function deleteVocabulary(db: Db, id: number): boolean {
  return db
    .transaction(() => {
      db.prepare('DELETE FROM vocabulary_entries WHERE vocabulary_id = ?').run(id);
      return db.prepare('DELETE FROM vocabularies WHERE id = ?').run(id).changes > 0;
    })
    .immediate();
}
