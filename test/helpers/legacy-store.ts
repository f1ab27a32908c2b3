import fs from 'node:fs';
import path from 'node:path';
import { META_PER_ROW, quantizeRows, strideOf } from '../../main/core/search/quantize';
import { BlockBuilder, type VectorBlock } from '../../main/core/store/block-builder';
import type { Db } from '../../main/core/store/database';
import { MIGRATIONS } from '../../main/core/store/migrations';

/** Makes `db` a store exactly as schema 3 left it (migrations 1 to 3, nothing after). */
export function makeSchema3(db: Db): void {
  db.pragma('page_size = 65536');
  db.pragma('journal_mode = WAL');
  for (const m of MIGRATIONS.slice(0, 3)) m(db);
  db.pragma('user_version = 3');
}

/**
 * Writes a model with the SQL of the writer that shipped with schemas 1 to 3: its blocks in the
 * WITHOUT ROWID vector_blocks table, with their int8 quantisation. `vectors` holds
 * words.length × dims raw values.
 */
export function writeLegacyModel(db: Db, name: string, dims: number, words: string[], vectors: ArrayLike<number>): number {
  return db.transaction(() => {
    const info = db
      .prepare("INSERT INTO models(name, dims, word_count, source, format, imported_at, meta) VALUES (?, ?, 0, 'legacy', 'test', ?, '{}')")
      .run(name, dims, new Date(0).toISOString());
    const id = Number(info.lastInsertRowid);
    const insert = db.prepare(
      'INSERT INTO vector_blocks(model_id, block, first_idx, row_count, words, norms, data, q8, qmeta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const bytes = (a: ArrayBufferView, n: number) => Buffer.from(a.buffer, a.byteOffset, n);
    let block = 0;
    let first = 0;
    const store = (b: VectorBlock) => {
      const q8 = new Int8Array(b.rows * strideOf(dims));
      const meta = new Float32Array(b.rows * META_PER_ROW);
      quantizeRows(b.data, dims, 0, b.rows, q8, meta);
      insert.run(
        id,
        block++,
        first,
        b.rows,
        b.words,
        bytes(b.norms, b.rows * 4),
        bytes(b.data, b.rows * dims * 4),
        bytes(q8, q8.byteLength),
        bytes(meta, meta.byteLength),
      );
      first += b.rows;
    };
    const builder = new BlockBuilder(dims, store);
    words.forEach((w, i) => builder.add(w, vectors, i * dims));
    builder.flush();
    const addWord = db.prepare('INSERT INTO words(model_id, idx, word) VALUES (?, ?, ?)');
    words.forEach((w, i) => addWord.run(id, i, w));
    db.prepare('UPDATE models SET word_count = ? WHERE id = ?').run(words.length, id);
    return id;
  })();
}

/**
 * Puts every model's vectors back into its model_blocks rows and drops the vectors_file column,
 * as stores were before schema 5 (a store of `path`, open as `db` on a plain connection).
 */
export function inlineVectorFiles(db: Db): void {
  const models = db.prepare('SELECT id, dims, vectors_file FROM models WHERE vectors_file IS NOT NULL').all() as {
    id: number;
    dims: number;
    vectors_file: string;
  }[];
  const dir = `${db.name}-vectors`;
  const update = db.prepare('UPDATE model_blocks SET data = ? WHERE model_id = ? AND block = ?');
  for (const m of models) {
    const bytes = fs.readFileSync(path.join(dir, m.vectors_file));
    const blocks = db.prepare('SELECT block, first_idx, row_count FROM model_blocks WHERE model_id = ?').all(m.id) as {
      block: number;
      first_idx: number;
      row_count: number;
    }[];
    const row = m.dims * 4;
    for (const b of blocks) update.run(bytes.subarray(b.first_idx * row, (b.first_idx + b.row_count) * row), m.id, b.block);
  }
  db.exec('ALTER TABLE models DROP COLUMN vectors_file');
  fs.rmSync(dir, { recursive: true, force: true });
}
