import type { Projection } from '../../../common/contract/contract';
import type { Db } from '../store/database';

export interface VocabularyExtras {
  /** Category label per point ('' when none). */
  labels: string[];
  /** Unit vectors of composed entries (several words), by point index. */
  vectors: Map<number, Float32Array>;
}

/**
 * Labels (and composed-entry vectors) of a vocabulary projection, read from the store; other
 * views have no labels. Entries are matched to points by their text.
 */
export function vocabularyExtras(db: Db, projection: Projection): VocabularyExtras {
  const labels = new Array<string>(projection.words.length).fill('');
  const vectors = new Map<number, Float32Array>();
  if (projection.view.kind !== 'vocabulary') return { labels, vectors };
  const rows = db
    .prepare('SELECT entry, label, vector FROM vocabulary_entries WHERE vocabulary_id = ? AND found = 1 ORDER BY pos')
    .all(projection.view.vocabularyId) as { entry: string; label: string | null; vector: Buffer | null }[];
  const byEntry = new Map(rows.map((r) => [r.entry, r]));
  projection.words.forEach((w, i) => {
    const r = byEntry.get(w);
    if (!r) return;
    labels[i] = r.label ?? '';
    if (r.vector && r.vector.byteLength % 4 === 0) {
      // Copy: a BLOB's Buffer need not be 4-byte aligned.
      vectors.set(i, new Float32Array(new Uint8Array(r.vector).buffer));
    }
  });
  return { labels, vectors };
}
