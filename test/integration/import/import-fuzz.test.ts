/**
 * The whole import on generated files: real files (plain and gzip-compressed, every format's
 * extension), real format detection, the real parsing thread and a real SQLite store. Each
 * import ends in a new model holding the file's distinct words, or in a clear error naming the
 * file, with the store exactly as it was (never a partial write) and no transaction left open.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { isExplorerError } from '../../../main/core/errors';
import { importVectorFile } from '../../../main/core/import/import-file';
import { type Db, openDatabase } from '../../../main/core/store/database';
import { tempDir } from '../../helpers/temp';
import { anyBytes, binFile, consistentBin, consistentText, consistentTsv, textFile, tsvFile } from '../../unit/import/fuzz-inputs';
import { snapshot } from './vector-files';

/**
 * Each case starts a parsing thread (~80 ms here), so this end-to-end property runs 200 cases;
 * the parsers themselves get 1,000 each in-process (test/unit/import/*-fuzz.test.ts).
 */
const RUNS = 200;
let dir: string;
let db: Db;

beforeAll(async () => {
  dir = tempDir('ee-import-fuzz-');
  db = openDatabase(path.join(dir, 'store.db')).db;
  fs.writeFileSync(path.join(dir, 'existing.txt'), 'alpha 0.1 0.2\nbeta 0.3 0.4\n');
  await importVectorFile(db, { file: path.join(dir, 'existing.txt'), name: 'existing' });
  return () => db.close();
});

const inputs = fc.tuple(
  fc.oneof(textFile, consistentText, tsvFile, consistentTsv, binFile, consistentBin, anyBytes),
  fc.constantFrom('.txt', '.vec', '.bin', '.tsv', ''),
  fc.boolean(),
);

describe('imports of generated files', () => {
  it('end in a complete model or a clear error that leaves the store unchanged', async () => {
    let n = 0;
    const outcomes = { imported: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(inputs, async ([bytes, ext, gzip]) => {
        const file = path.join(dir, `case-${n++}${ext}${gzip ? '.gz' : ''}`);
        fs.writeFileSync(file, gzip ? zlib.gzipSync(bytes) : bytes);
        const before = snapshot(db);
        const models = (db.prepare('SELECT count(*) FROM models').pluck().get() as number) + 0;
        try {
          const r = await importVectorFile(db, { file, name: `m${n}` });
          outcomes.imported++;
          expect(r.words).toBeGreaterThan(0);
          expect(r.compressed).toBe(gzip);
          const row = db.prepare('SELECT word_count, dims FROM models WHERE name = ?').get(`m${n}`) as { word_count: number; dims: number };
          expect(row).toEqual({ word_count: r.words, dims: r.dims });
          expect(db.prepare('SELECT count(*) FROM models').pluck().get()).toBe(models + 1);
        } catch (e) {
          if (!isExplorerError(e)) throw e;
          outcomes.refused++;
          expect(e.message).toContain(path.basename(file));
          expect(snapshot(db)).toBe(before);
        } finally {
          fs.rmSync(file);
        }
        expect(db.inTransaction).toBe(false);
      }),
      { numRuns: RUNS },
    );
    // Both ends are reached: the generators make importable files as well as broken ones.
    expect(outcomes.imported).toBeGreaterThan(RUNS * 0.02);
    expect(outcomes.refused).toBeGreaterThan(RUNS * 0.5);
  });
});
