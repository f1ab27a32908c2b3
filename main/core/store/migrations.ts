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
      -- idx is the row in the model's matrix and its frequency rank (file order). This table
      -- serves look-ups and prefix completion; loading reads the blocks below.
      CREATE TABLE words (
        model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        word TEXT NOT NULL,
        PRIMARY KEY (model_id, idx)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX words_by_word ON words(model_id, word);
      -- Blocks of consecutive rows: one row per block keeps a 341k-word model to under a
      -- hundred rows, so loading it is a handful of large reads.
      --   words: the block's words joined by newlines (words never contain one); norms: float32 original L2 norms;
      --   data: float32 unit vectors, row-major; q8: int8 quantised rows padded to a multiple
      --   of 16 bytes; qmeta: float32 triples (scale, residual norm, quantised norm) per row,
      --   the bounds that make the int8 pre-scan exact (search/quantize.ts).
      CREATE TABLE vector_blocks (
        model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
        block INTEGER NOT NULL,
        first_idx INTEGER NOT NULL,
        row_count INTEGER NOT NULL,
        words TEXT NOT NULL,
        norms BLOB NOT NULL,
        data BLOB NOT NULL,
        q8 BLOB NOT NULL,
        qmeta BLOB NOT NULL,
        PRIMARY KEY (model_id, block)
      ) WITHOUT ROWID;
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
  // 2: user vocabularies (per model) and saved projections (per model).
  (db) => {
    db.exec(`
      CREATE TABLE vocabularies (
        id INTEGER PRIMARY KEY,
        model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        source TEXT NOT NULL,
        created_at TEXT NOT NULL,
        meta TEXT NOT NULL DEFAULT '{}',
        UNIQUE (model_id, name)
      );
      -- One row per normalised entry, in file order. word_idx is the model row for a single
      -- word found in the model; composed entries (several words) carry their own unit vector.
      CREATE TABLE vocabulary_entries (
        vocabulary_id INTEGER NOT NULL REFERENCES vocabularies(id) ON DELETE CASCADE,
        pos INTEGER NOT NULL,
        entry TEXT NOT NULL,
        label TEXT,
        word_idx INTEGER,
        composed INTEGER NOT NULL DEFAULT 0,
        vector BLOB,
        found INTEGER NOT NULL,
        meta TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (vocabulary_id, pos)
      ) WITHOUT ROWID;
      -- Everything needed to reproduce a layout: model, words, parameters (JSON, seed included)
      -- and the coordinates (float32, point_count × 3, row-major, in word order).
      CREATE TABLE projections (
        id INTEGER PRIMARY KEY,
        model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        params TEXT NOT NULL,
        words TEXT NOT NULL,
        point_count INTEGER NOT NULL,
        coords BLOB NOT NULL,
        meta TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX projections_by_model ON projections(model_id, id);
    `);
  },
  // 3: clusters of a saved projection, computed on first request and kept with it.
  (db) => {
    db.exec(`
      -- method: JSON {algorithm, k, seed, iterations}; clusters: JSON [{id, name, size, anchor}]
      -- in id order; members: int32 point indices, cluster 0's first, each cluster most central
      -- first; centres: float32 unit mean vectors, one per cluster (places points added later).
      CREATE TABLE projection_clusters (
        projection_id INTEGER PRIMARY KEY REFERENCES projections(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        method TEXT NOT NULL,
        clusters TEXT NOT NULL,
        members BLOB NOT NULL,
        centres BLOB NOT NULL
      );
    `);
  },
  // 4: vector blocks of new imports in a rowid table. Multi-megabyte rows in the WITHOUT ROWID
  // vector_blocks are overflow chains hanging off an index b-tree, which SQLite writes at about
  // half the speed of the same rows in a table b-tree. Models stored before stay where they are
  // (the reader looks in both tables): moving gigabytes at start-up would cost minutes.
  (db) => {
    db.exec(`
      -- Same columns and meaning as vector_blocks (see migration 1), words and norms still before
      -- the vector bytes so reading a model's head stops short of them; q8 and qmeta are empty
      -- (zero-length) for the blocks imports write: the index derives them as a model loads.
      CREATE TABLE model_blocks (
        model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
        block INTEGER NOT NULL,
        first_idx INTEGER NOT NULL,
        row_count INTEGER NOT NULL,
        words TEXT NOT NULL,
        norms BLOB NOT NULL,
        data BLOB NOT NULL,
        q8 BLOB NOT NULL,
        qmeta BLOB NOT NULL,
        PRIMARY KEY (model_id, block)
      );
    `);
  },
  // 5: models' vectors in a file of their own beside the store (vectors-file.ts): imports write
  // it once instead of twice through the log. NULL: the vectors are in the blocks' data column
  // (models stored before, and stores in memory); otherwise the blocks keep words and norms and
  // an empty data column.
  (db) => {
    db.exec('ALTER TABLE models ADD COLUMN vectors_file TEXT');
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
