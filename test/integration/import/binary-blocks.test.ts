import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { importVectorFile } from '../../../main/core/import/import-file';
import { type Db, openDatabase } from '../../../main/core/store/database';
import { readModel } from '../../../main/core/store/vector-blocks';
import { BLOCK_ROWS } from '../../../main/core/store/model-writer';
import { tempDir } from '../../helpers/temp';
import { fixture, snapshot, word2vecBinary, word2vecText, write } from './vector-files';

// Binary files are normalised, quantised and deduplicated on the parsing thread (ready blocks);
// text files on the storing thread. Both must store the same model from the same rows.

let dir: string;
let db: Db;
let n = 0;

beforeAll(() => {
  dir = tempDir('ee-binary-blocks-');
  db = openDatabase(path.join(dir, 'store.db')).db;
  return () => db.close();
});

/** The words an import must keep: first occurrences, at most `limit`. */
function expectedWords(words: string[], limit?: number): string[] {
  const kept = [...new Set(words)];
  return limit === undefined ? kept : kept.slice(0, limit);
}

describe('word2vec binary import through ready blocks', () => {
  it('stores the same words, vectors, norms and counts as the text import of the same rows', async () => {
    const input = fc.record({
      rows: fc.integer({ min: 1, max: 2 * BLOCK_ROWS + 300 }),
      dims: fc.integer({ min: 1, max: 6 }),
      // Words drawn from a range smaller than the row count repeat.
      spread: fc.double({ min: 0.3, max: 1.5, noNaN: true }),
      limit: fc.option(fc.integer({ min: 1, max: 2 * BLOCK_ROWS + 300 }), { nil: undefined }),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ rows, dims, spread, limit, seed }) => {
        let s = seed;
        const pick = () => (s = (s * 16807) % 2147483647) % Math.max(1, Math.ceil(rows * spread));
        const words = Array.from({ length: rows }, () => `w${pick()}`);
        const f = fixture(words, dims, seed);
        const k = n++;
        // The format is given: a file of a row or two can look like text to the detection.
        const binFile = write(dir, `m${k}.bin`, word2vecBinary(f));
        const bin = await importVectorFile(db, { file: binFile, name: `bin${k}`, limit, format: 'word2vec-binary' });
        const txt = await importVectorFile(db, { file: write(dir, `m${k}.txt`, word2vecText(f)), name: `txt${k}`, limit });
        const want = expectedWords(words, limit);
        expect(bin.words).toBe(want.length);
        expect({ words: txt.words, duplicates: txt.duplicates, limited: txt.limited }).toEqual({
          words: bin.words,
          duplicates: bin.duplicates,
          limited: bin.limited,
        });
        const [a, b] = [readModel(db, `bin${k}`), readModel(db, `txt${k}`)];
        expect(a.words).toEqual(want);
        expect(b.words).toEqual(want);
        // The text holds each float32 as a 9-digit decimal: equal to within float32 rounding.
        for (let i = 0; i < a.vectors.length; i++) expect(Math.abs(a.vectors[i] - b.vectors[i])).toBeLessThan(1e-6);
        for (let i = 0; i < a.norms.length; i++) expect(Math.abs(a.norms[i] - b.norms[i])).toBeLessThanOrEqual(a.norms[i] * 1e-6);
        // The first stored row is the first word's, scaled to unit length.
        const first = f.values.subarray(0, dims);
        const norm = Math.hypot(...first);
        for (let j = 0; j < dims; j++) expect(a.vectors[j]).toBeCloseTo(first[j] / norm, 5);
        db.prepare('DELETE FROM models WHERE name IN (?, ?)').run(`bin${k}`, `txt${k}`);
      }),
      { numRuns: 12 },
    );
  });

  it('rejects an all-zero vector in a later block, naming its byte and word, and stores nothing', async () => {
    const words = Array.from({ length: BLOCK_ROWS + 50 }, (_, i) => `z${i}`);
    const f = fixture(words, 3);
    f.values.fill(0, (BLOCK_ROWS + 10) * 3, (BLOCK_ROWS + 11) * 3);
    const before = snapshot(db);
    const file = write(dir, 'zero.bin', word2vecBinary(f));
    await expect(importVectorFile(db, { file, name: 'zero' })).rejects.toThrow(
      new RegExp(`zero\\.bin, byte \\d+: the vector of "z${BLOCK_ROWS + 10}" is all zeros`),
    );
    expect(snapshot(db)).toBe(before);
  });

  it('stops at the limit on a block boundary and names the first duplicates with their bytes', async () => {
    const words = Array.from({ length: 2 * BLOCK_ROWS }, (_, i) => (i === 7 || i === 9 ? 'w0' : `w${i}`));
    const f = fixture(words, 2);
    const file = write(dir, 'limit.bin', word2vecBinary(f));
    const r = await importVectorFile(db, { file, name: 'limit', limit: BLOCK_ROWS });
    expect(r).toMatchObject({ words: BLOCK_ROWS, limited: true, duplicates: 2 });
    expect(r.duplicateExamples).toEqual([expect.stringMatching(/^"w0" \(byte \d+\)$/), expect.stringMatching(/^"w0" \(byte \d+\)$/)]);
    const m = readModel(db, 'limit');
    expect(m.words.length).toBe(BLOCK_ROWS);
    expect(m.words.at(-1)).toBe(`w${BLOCK_ROWS + 1}`);
  });

  it('a cancel half-way through a binary file leaves nothing behind, and the store stays usable', async () => {
    const big = fixture(
      Array.from({ length: 5 * BLOCK_ROWS }, (_, i) => `c${i}`),
      20,
    );
    const file = write(dir, 'cancel.bin', word2vecBinary(big));
    const before = snapshot(db);
    let polls = 0;
    await expect(importVectorFile(db, { file, name: 'cancelled', isCancelled: () => ++polls > 2 })).rejects.toThrow(/cancelled/);
    expect(snapshot(db)).toBe(before);
    const r = await importVectorFile(db, { file, name: 'after-cancel' });
    expect(r.words).toBe(5 * BLOCK_ROWS);
  });

  it('reports a file cut short after several blocks, storing nothing', async () => {
    const f = fixture(
      Array.from({ length: 3 * BLOCK_ROWS }, (_, i) => `t${i}`),
      4,
    );
    const bytes = word2vecBinary(f);
    const before = snapshot(db);
    const file = write(dir, 'cut.bin', bytes.subarray(0, bytes.length - 30));
    await expect(importVectorFile(db, { file, name: 'cut' })).rejects.toThrow(/cut\.bin, byte \d+: the file is truncated/);
    expect(snapshot(db)).toBe(before);
  });
});
