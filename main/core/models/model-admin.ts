import { ExplorerError } from '../errors';
import type { Db } from '../store/database';
import { findModelRow, getSetting, setSetting } from '../store/models-repo';
import { removeVectorsFile } from '../store/vectors-file';

const ACTIVE = 'active_model';

/** Renames a model; its vocabularies and projections follow (they refer to its id). */
export function renameModel(db: Db, name: string, newName: string): void {
  db.transaction(() => {
    if (!findModelRow(db, name)) throw new ExplorerError('unknown-model', `There is no model named "${name}".`);
    if (name === newName) return;
    if (findModelRow(db, newName)) throw new ExplorerError('model-exists', `A model named "${newName}" already exists.`);
    db.prepare('UPDATE models SET name = ? WHERE name = ?').run(newName, name);
    if (getSetting(db, ACTIVE) === name) setSetting(db, ACTIVE, newName);
  }).immediate();
}

/** Deletes a model with everything stored for it (words, vectors, vocabularies, projections). */
export function deleteModel(db: Db, name: string): boolean {
  const file = db
    .transaction(() => {
      const row = findModelRow(db, name);
      if (!row) return undefined;
      // Explicit deletes rather than relying on the connection's foreign_keys setting.
      for (const sql of [
        'DELETE FROM vocabulary_entries WHERE vocabulary_id IN (SELECT id FROM vocabularies WHERE model_id = ?)',
        'DELETE FROM vocabularies WHERE model_id = ?',
        'DELETE FROM projections WHERE model_id = ?',
        'DELETE FROM model_blocks WHERE model_id = ?',
        'DELETE FROM vector_blocks WHERE model_id = ?',
        'DELETE FROM words WHERE model_id = ?',
        'DELETE FROM models WHERE id = ?',
      ]) {
        db.prepare(sql).run(row.id);
      }
      if (getSetting(db, ACTIVE) === name) db.prepare('DELETE FROM settings WHERE key = ?').run(ACTIVE);
      return row.vectors_file;
    })
    .immediate();
  if (file === undefined) return false;
  // Only once the delete is committed: a crash before leaves the model whole, one after an orphan.
  removeVectorsFile(db, file);
  return true;
}
