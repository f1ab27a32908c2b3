import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importVectorFile } from '../../../main/core/import/import-file';
import { ExplorerService } from '../../../main/core/service';
import { openDatabase } from '../../../main/core/store/database';
import { BLOCK_ROWS, ModelWriter, writeModel } from '../../../main/core/store/model-writer';
import { readModel } from '../../../main/core/store/vector-blocks';
import { copyStore, sweepOrphanFiles } from '../../../main/core/store/vectors-file';
import { tempDir } from '../../helpers/temp';

const dir = tempDir('ee-vectors-file-');
const DIMS = 7;
const N = BLOCK_ROWS + 99;
const WORDS = Array.from({ length: N }, (_, i) => `w${i}`);
const VECTORS = Float32Array.from({ length: N * DIMS }, (_, i) => Math.sin(i * 0.37) * (1 + (i % 5)));

const files = (db: string) => (fs.existsSync(`${db}-vectors`) ? fs.readdirSync(`${db}-vectors`).sort() : []);

function store(name: string): string {
  return path.join(dir, `${name}.db`);
}

function storeModel(db: Database.Database, name: string): ModelWriter {
  return db.transaction(() => {
    const w = new ModelWriter(db, { name, dims: DIMS, source: 'test', format: 'test' });
    WORDS.forEach((word, i) => w.add(word, VECTORS, i * DIMS));
    w.finish();
    return w;
  })();
}

/** The unit vectors as the store must hold them, computed here. */
function expectedUnitRows(): Float32Array {
  const out = new Float32Array(N * DIMS);
  for (let i = 0; i < N; i++) {
    let sq = 0;
    for (let j = 0; j < DIMS; j++) sq += VECTORS[i * DIMS + j] ** 2;
    const inv = 1 / Math.sqrt(sq);
    for (let j = 0; j < DIMS; j++) out[i * DIMS + j] = VECTORS[i * DIMS + j] * inv;
  }
  return out;
}

describe("models' vectors files", () => {
  it('an import writes the unit vectors once, to a file of exactly rows × dims float32 named in its models row, and the blocks keep only words and norms', () => {
    const file = store('write');
    const { db } = openDatabase(file);
    try {
      storeModel(db, 'm');
      const row = db.prepare("SELECT vectors_file FROM models WHERE name = 'm'").get() as { vectors_file: string };
      expect(files(file)).toEqual([row.vectors_file]);
      expect(fs.statSync(path.join(`${file}-vectors`, row.vectors_file)).size).toBe(N * DIMS * 4);
      expect(db.prepare('SELECT sum(length(data)) FROM model_blocks').pluck().get()).toBe(0);
      const m = readModel(db, 'm');
      expect(m.words).toEqual(WORDS);
      const want = expectedUnitRows();
      for (let i = 0; i < want.length; i++) expect(m.vectors[i]).toBeCloseTo(want[i], 6);
    } finally {
      db.close();
    }
  });

  it('deleting a model removes its file, and only its file', () => {
    const file = store('delete');
    const service = ExplorerService.open({ dbPath: file });
    try {
      storeModel(service.db, 'a');
      storeModel(service.db, 'b');
      const [fa, fb] = ['a', 'b'].map((n) => service.db.prepare('SELECT vectors_file FROM models WHERE name = ?').pluck().get(n));
      expect(files(file)).toEqual([fa, fb].sort());
      expect(service.deleteModel({ name: 'a' })).toBe(true);
      expect(files(file)).toEqual([fb]);
      expect(readModel(service.db, 'b').words).toEqual(WORDS);
    } finally {
      service.close();
    }
  });

  it('a model whose transaction does not commit leaves no file: writeModel discards it; a bare writer needs discard()', () => {
    const file = store('rollback');
    const { db } = openDatabase(file);
    try {
      expect(() =>
        writeModel(db, { name: 'x', dims: DIMS, source: 'test', format: 'test' }, (w) => {
          WORDS.forEach((word, i) => w.add(word, VECTORS, i * DIMS));
          expect(files(file)).toHaveLength(1);
          throw new Error('stop before the commit');
        }),
      ).toThrow(/stop before/);
      expect(files(file)).toEqual([]);

      let writer: ModelWriter | undefined;
      expect(() =>
        db.transaction(() => {
          writer = new ModelWriter(db, { name: 'y', dims: DIMS, source: 'test', format: 'test' });
          WORDS.forEach((word, i) => writer!.add(word, VECTORS, i * DIMS));
          writer.finish();
          throw new Error('stop before the commit');
        })(),
      ).toThrow(/stop before/);
      expect(files(file)).toHaveLength(1);
      writer!.discard();
      expect(files(file)).toEqual([]);
      expect(db.prepare('SELECT count(*) FROM models').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('a cancelled file import leaves no vectors file behind', async () => {
    const file = store('cancel');
    const text = path.join(dir, 'cancel.txt');
    fs.writeFileSync(text, WORDS.map((w, i) => `${w} ${Array.from(VECTORS.subarray(i * DIMS, (i + 1) * DIMS)).join(' ')}`).join('\n'));
    const { db } = openDatabase(file);
    try {
      let blocks = 0;
      await expect(
        importVectorFile(db, { file: text, progress: () => blocks++, isCancelled: () => blocks > 2 && files(file).length > 0 }),
      ).rejects.toMatchObject({ code: 'cancelled' });
      expect(files(file)).toEqual([]);
      expect(db.prepare('SELECT count(*) FROM models').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('an orphan (a file no model names, left by a crash) goes at the next start, unless another connection is writing', () => {
    const file = store('orphans');
    const { db } = openDatabase(file);
    storeModel(db, 'kept');
    db.close();
    const kept = files(file);
    const orphan = path.join(`${file}-vectors`, 'model-9-0123abcd.f32');
    const foreign = path.join(`${file}-vectors`, 'notes.txt');
    fs.writeFileSync(orphan, Buffer.alloc(DIMS * 4 * 3));
    fs.writeFileSync(foreign, 'not ours');

    // A writer holds the lock: its own file could be the "orphan", so the sweep leaves everything.
    const writer = new Database(file);
    writer.exec('BEGIN IMMEDIATE');
    const second = openDatabase(file, { busyTimeoutMs: 100 });
    expect(files(file)).toEqual([...kept, 'model-9-0123abcd.f32', 'notes.txt'].sort());
    expect(second.db.pragma('busy_timeout', { simple: true })).toBe(100);
    writer.exec('ROLLBACK');
    writer.close();
    expect(sweepOrphanFiles(second.db)).toBe(1);
    second.db.close();
    expect(files(file)).toEqual([...kept, 'notes.txt'].sort());
    const { db: again } = openDatabase(file);
    expect(readModel(again, 'kept').words).toEqual(WORDS);
    again.close();
  });

  it('a missing or cut file is a clear error naming the model and the file, never wrong vectors', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1, max: N * DIMS * 4 - 1 }), (size) => {
        const file = store(`cut-${Math.random().toString(36).slice(2)}`);
        const { db } = openDatabase(file);
        try {
          storeModel(db, 'm');
          const name = db.prepare('SELECT vectors_file FROM models').pluck().get() as string;
          const vf = path.join(`${file}-vectors`, name);
          if (size < 0) fs.rmSync(vf);
          else fs.truncateSync(vf, size);
          expect(() => readModel(db, 'm')).toThrow(
            expect.objectContaining({ code: 'db-corrupt', message: expect.stringMatching(new RegExp(`"m".*${name}.*(missing|damaged)`)) }),
          );
        } finally {
          db.close();
        }
      }),
      { numRuns: 12 },
    );
  });

  it('copyStore copies the database with its vectors files, and the copy reads alone', () => {
    const src = store('copy-src');
    const { db } = openDatabase(src);
    storeModel(db, 'm');
    db.close();
    const dest = store('copy-dest');
    copyStore(src, dest);
    fs.rmSync(`${src}-vectors`, { recursive: true });
    const { db: copy } = openDatabase(dest);
    try {
      expect(readModel(copy, 'm').words).toEqual(WORDS);
    } finally {
      copy.close();
    }
    expect(() => copyStore(src, dest)).toThrow();
  });
});
