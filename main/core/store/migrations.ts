import type Database from 'better-sqlite3';

/**
 * Forward-only schema migrations. Migration i brings `PRAGMA user_version` from i to i + 1;
 * later features append to this list and never edit an entry that has shipped.
 */
export const MIGRATIONS: ReadonlyArray<(db: Database.Database) => void> = [
  // 1: models, their words (in frequency order) and unit-normalised vectors in row blocks.
  (db) => {
    db.exec(`
      CREATE TABLE models (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        dims INTEGER NOT NULL,
        word_count INTEGER NOT NULL,
        source TEXT NOT NULL,
        format TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        meta TEXT NOT NULL DEFAULT '{}'
      );
      -- idx is the row in the model's matrix and its frequency rank (file order).
      -- norm is the original vector's L2 norm; vectors are stored unit-normalised.
      CREATE TABLE words (
        model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        word TEXT NOT NULL,
        norm REAL NOT NULL,
        PRIMARY KEY (model_id, idx)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX words_by_word ON words(model_id, word);
      -- Row-major float32 blocks of consecutive rows: one BLOB per block keeps a 341k-word
      -- model to a few hundred rows, so loading it is a handful of large reads.
      CREATE TABLE vector_blocks (
        model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
        block INTEGER NOT NULL,
        first_idx INTEGER NOT NULL,
        row_count INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (model_id, block)
      ) WITHOUT ROWID;
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
