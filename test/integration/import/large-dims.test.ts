import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { largeModelWord, writeLargeBin, writeLargeVec } from '../../../main/bench/large-model';
import { timedImport } from '../../../main/bench/child-import';
import { importVectorFile } from '../../../main/core/import/import-file';
import { exactScan } from '../../../main/core/search/exact-scan';
import { QuantizedIndex } from '../../../main/core/search/quantized-index';
import { type Db, openDatabase } from '../../../main/core/store/database';
import { readModel } from '../../../main/core/store/vector-blocks';
import { tempDir } from '../../helpers/temp';

/** The large-model bench's generator at a small size: same formats, same 300 dimensions, same code paths. */
const SPEC = { words: 3000, dims: 300, clusters: 40, seed: 7 };
const ROOT = path.resolve(__dirname, '../../..');

let dir: string;
let db: Db;
const files: Record<string, string> = {};

async function gzip(src: string): Promise<string> {
  await pipeline(fs.createReadStream(src), zlib.createGzip({ level: 1 }), fs.createWriteStream(`${src}.gz`));
  return `${src}.gz`;
}

beforeAll(async () => {
  dir = tempDir('ee-large-');
  db = openDatabase(path.join(dir, 'store.db')).db;
  files.vec = path.join(dir, 'crawl.vec');
  files.bin = path.join(dir, 'crawl.bin');
  writeLargeVec(files.vec, SPEC);
  writeLargeBin(files.bin, SPEC);
  files['vec.gz'] = await gzip(files.vec);
  files['bin.gz'] = await gzip(files.bin);
  return () => db.close();
});

describe('300-dimensional models in every large-model format', () => {
  it.each(['vec', 'bin', 'vec.gz', 'bin.gz'])('%s imports every row and searches exactly', async (kind) => {
    const name = `large-${kind.replace('.', '-')}`;
    const r = await importVectorFile(db, { file: files[kind], name });
    expect(r).toMatchObject({ words: SPEC.words, dims: 300, duplicates: 0, compressed: kind.endsWith('.gz') });
    const m = readModel(db, name);
    expect(m.words.slice(0, 3)).toEqual([0, 1, 2].map(largeModelWord));
    // The index as the app builds it on load: from the quantisation the import stored.
    const searcher = new QuantizedIndex(m.vectors, 300, m.quantized);
    try {
      for (const q of [0, 17, 999, 2999]) {
        const query = m.vectors.subarray(q * 300, q * 300 + 300);
        const got = searcher.search(query, 10, q);
        const want = exactScan(m.vectors, 300, query, 10, q);
        expect(got.map((g) => g.index)).toEqual(want.map((w) => w.index));
        for (let i = 0; i < got.length; i++) expect(got[i].score).toBeCloseTo(want[i].score, 6);
      }
    } finally {
      searcher.dispose();
    }
  });

  it('reads the same numbers from text and binary', () => {
    const a = readModel(db, 'large-vec');
    const b = readModel(db, 'large-bin');
    expect(a.words).toEqual(b.words);
    let worst = 0;
    for (let i = 0; i < a.vectors.length; i++) worst = Math.max(worst, Math.abs(a.vectors[i] - b.vectors[i]));
    expect(worst).toBeLessThan(1e-6);
  });

  it('keeps memory bounded when the header lies about the size, and says what is wrong', () => {
    // The header claims 2.5 million rows of 300 values (3 GB as float32); 3,000 follow.
    const liar = path.join(dir, 'liar.vec');
    writeLargeVec(liar, SPEC, `2500000 ${SPEC.dims}`);
    const r = timedImport(ROOT, dir, liar, path.join(dir, 'liar.db'), { allowFailure: true });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/2,500,000 words but the file ends after 3,000/);
    // Nothing is sized from the header: the process stays far below the 3 GB it announces.
    expect(r.rssMB).toBeGreaterThan(0);
    expect(r.rssMB).toBeLessThan(400);
  });
});
