import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ExplorerService } from '../../../main/core/service';
import { openDatabase } from '../../../main/core/store/database';
import { SCHEMA_VERSION } from '../../../main/core/store/migrations';
import { BLOCK_ROWS, ModelWriter } from '../../../main/core/store/model-writer';
import { readModel, readModelHead } from '../../../main/core/store/vector-blocks';
import { makeSchema3, writeLegacyModel } from '../../helpers/legacy-store';
import { tempDir } from '../../helpers/temp';
import { META_PER_ROW, quantizeRows, strideOf } from '../../../main/core/search/quantize';

const dir = tempDir();
const DIMS = 12;
// Three blocks, the last one short.
const N = 2 * BLOCK_ROWS + 321;
const WORDS = Array.from({ length: N }, (_, i) => `w${i}`);
/** Deterministic raw vectors with structure (rows near one of a few directions) and varied norms. */
const VECTORS = (() => {
  const v = new Float32Array(N * DIMS);
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  for (let i = 0; i < N; i++) for (let j = 0; j < DIMS; j++) v[i * DIMS + j] = (j === i % DIMS ? 3 : 0) + rnd() * (1 + (i % 7));
  return v;
})();

const count = (db: Database.Database, table: string, id?: number) =>
  db
    .prepare(`SELECT count(*) FROM ${table}${id === undefined ? '' : ' WHERE model_id = ?'}`)
    .pluck()
    .get(...(id === undefined ? [] : [id])) as number;

function schema3Store(file: string): number {
  const raw = new Database(file);
  makeSchema3(raw);
  const id = writeLegacyModel(raw, 'old', DIMS, WORDS, VECTORS);
  raw.close();
  return id;
}

function importNew(db: Database.Database, name: string): number {
  return db.transaction(() => {
    const w = new ModelWriter(db, { name, dims: DIMS, source: 'test', format: 'test' });
    WORDS.forEach((word, i) => w.add(word, VECTORS, i * DIMS));
    w.finish();
    return w.modelId;
  })();
}

describe('vector block tables (schema 4)', () => {
  it('reads a model stored before schema 4 from its old table, bit for bit as a new import stores it, with its stored quantisation', () => {
    const file = path.join(dir, 'upgrade.db');
    const oldId = schema3Store(file);
    const { db } = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    // Nothing moved: the old blocks stay where they were, the new table starts empty.
    expect(count(db, 'vector_blocks', oldId)).toBe(3);
    expect(count(db, 'model_blocks')).toBe(0);
    const newId = importNew(db, 'new');
    expect(count(db, 'model_blocks', newId)).toBe(3);
    expect(count(db, 'vector_blocks')).toBe(3);
    expect(readModelHead(db, 'old').table).toBe('vector_blocks');
    expect(readModelHead(db, 'new').table).toBe('model_blocks');

    const a = readModel(db, 'old');
    const b = readModel(db, 'new');
    expect(a.words).toEqual(WORDS);
    expect(b.words).toEqual(WORDS);
    expect(Buffer.from(a.norms.buffer).equals(Buffer.from(b.norms.buffer))).toBe(true);
    expect(Buffer.from(a.vectors.buffer).equals(Buffer.from(b.vectors.buffer))).toBe(true);
    // The old model keeps its stored quantisation, exactly what the index derives for the new one.
    expect(b.quantized).toBeUndefined();
    expect(a.quantized!.length).toBe(3);
    a.quantized!.forEach((q) => {
      const q8 = new Int8Array(q.count * strideOf(DIMS));
      const meta = new Float32Array(q.count * META_PER_ROW);
      quantizeRows(b.vectors, DIMS, q.first, q.count, q8, meta);
      expect(Buffer.from(q.q8).equals(Buffer.from(q8.buffer))).toBe(true);
      expect(Buffer.from(q.meta).equals(Buffer.from(meta.buffer))).toBe(true);
    });
    db.close();
  });

  it('searches an upgraded model as before and as the same model imported anew', async () => {
    const file = path.join(dir, 'search.db');
    schema3Store(file);
    const service = ExplorerService.open({ dbPath: file });
    try {
      importNew(service.db, 'new');
      const queries = ['w0', 'w5', `w${BLOCK_ROWS + 7}`, `w${N - 1}`];
      const old = await service.neighbors({ model: 'old', words: queries, k: 15 });
      const fresh = await service.neighbors({ model: 'new', words: queries, k: 15 });
      expect(old.every((r) => r.neighbors?.length === 15)).toBe(true);
      expect(old.map((r) => r.neighbors)).toEqual(fresh.map((r) => r.neighbors));
      // Exact: the best neighbour of a row is the row with the highest cosine, computed here.
      const unit = (i: number) => {
        const row = Array.from(VECTORS.subarray(i * DIMS, (i + 1) * DIMS));
        const n = Math.hypot(...row);
        return row.map((x) => x / n);
      };
      const q = unit(5);
      let best = -1;
      let bestScore = -Infinity;
      for (let i = 0; i < N; i++) {
        if (i === 5) continue;
        const s = unit(i).reduce((acc, x, j) => acc + x * q[j], 0);
        if (s > bestScore) [best, bestScore] = [i, s];
      }
      expect(old[1].neighbors![0].word).toBe(WORDS[best]);
    } finally {
      service.close();
    }
  });

  it('deleting a model removes its blocks from whichever table holds them', () => {
    const file = path.join(dir, 'delete.db');
    const oldId = schema3Store(file);
    const service = ExplorerService.open({ dbPath: file });
    try {
      const newId = importNew(service.db, 'new');
      const other = importNew(service.db, 'other');
      expect(service.deleteModel({ name: 'old' })).toBe(true);
      expect(count(service.db, 'vector_blocks', oldId)).toBe(0);
      expect(count(service.db, 'words', oldId)).toBe(0);
      expect(service.deleteModel({ name: 'new' })).toBe(true);
      expect(count(service.db, 'model_blocks', newId)).toBe(0);
      expect(count(service.db, 'model_blocks', other)).toBe(3);
      // And through the foreign key alone (a models row deleted by other means).
      service.db.prepare('DELETE FROM words WHERE model_id = ?').run(other);
      service.db.prepare('DELETE FROM models WHERE id = ?').run(other);
      expect(count(service.db, 'model_blocks')).toBe(0);
    } finally {
      service.close();
    }
  });
});
