import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importVectorFile } from '../../../main/core/import/import-file';
import { type Db, openDatabase } from '../../../main/core/store/database';
import { readModel } from '../../../main/core/store/vector-blocks';
import { tempDir } from '../../helpers/temp';
import { type Fixture, fixture, gloveText, projectorMetadata, projectorVectors, word2vecBinary, word2vecText, write } from './vector-files';

const WORDS = ['the', 'of', 'Ünïcode', 'naïve', 'new_york', '東京', 'e-mail', 'x'];
const F = fixture(WORDS, 7);

let dir: string;
let db: Db;

beforeAll(() => {
  dir = tempDir('ee-import-');
  db = openDatabase(path.join(dir, 'store.db')).db;
  return () => db.close();
});

/** Every stored vector, scaled back by its norm, equals the written float32 values. */
function expectSameVectors(name: string, f: Fixture, words = f.words): void {
  const m = readModel(db, name);
  expect(m.words).toEqual(words);
  expect(m.row.dims).toBe(f.dims);
  const at = new Map(f.words.map((w, i) => [w, i]));
  const bad: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const src = at.get(words[i])!;
    for (let j = 0; j < f.dims; j++) {
      const want = f.values[src * f.dims + j];
      const got = m.vectors[i * f.dims + j] * m.norms[i];
      // Unit vector (float32) times norm (float32): a few float32 ulps from the written value.
      if (!(Math.abs(got - want) <= Math.abs(want) * 2 ** -21 + 1e-7)) bad.push(`${words[i]}[${j}]: ${got} vs ${want}`);
    }
  }
  expect(bad.slice(0, 5)).toEqual([]);
}

const cases: { label: string; name: string; content: () => string | Buffer; format: string }[] = [
  { label: 'word2vec text', name: 'w2v.txt', content: () => word2vecText(F), format: 'word2vec-text' },
  { label: 'GloVe text', name: 'glove.txt', content: () => gloveText(F), format: 'glove-text' },
  { label: 'fastText .vec', name: 'wiki.vec', content: () => word2vecText(F, true), format: 'fasttext-vec' },
  { label: 'word2vec binary', name: 'model.bin', content: () => word2vecBinary(F), format: 'word2vec-binary' },
];

describe('each format, plain and gzip-compressed, reads back equal to float32 precision', () => {
  for (const c of cases) {
    for (const gzip of [false, true]) {
      it(`${c.label}${gzip ? ' (.gz)' : ''}`, async () => {
        const file = write(dir, gzip ? `${c.name}.gz` : c.name, c.content(), gzip);
        const name = `${c.format}${gzip ? '-gz' : ''}`;
        const r = await importVectorFile(db, { file, name });
        expect(r).toMatchObject({ name, words: WORDS.length, dims: 7, format: c.format, compressed: gzip, duplicates: 0 });
        expect(readModel(db, name).row.format).toBe(gzip ? `${c.format}+gzip` : c.format);
        expectSameVectors(name, F);
      });
    }
  }

  for (const gzip of [false, true]) {
    it(`TensorFlow Projector vectors.tsv + metadata.tsv${gzip ? ' (.gz)' : ''}`, async () => {
      const sub = path.join(dir, gzip ? 'proj-gz' : 'proj');
      (await import('node:fs')).mkdirSync(sub);
      const file = write(sub, gzip ? 'vectors.tsv.gz' : 'vectors.tsv', projectorVectors(F), gzip);
      write(sub, 'metadata.tsv', projectorMetadata(F, gzip));
      const name = `projector${gzip ? '-gz' : ''}`;
      const r = await importVectorFile(db, { file, name });
      expect(r).toMatchObject({ format: 'projector-tsv', words: WORDS.length, dims: 7, compressed: gzip });
      expectSameVectors(name, F);
    });
  }
});

describe('detection and options', () => {
  it('detects from content, not the extension: gzip without .gz, GloVe named .bin, binary named .txt', async () => {
    const a = await importVectorFile(db, { file: write(dir, 'vectors.data', gloveText(F), true), name: 'sniff-gz' });
    expect(a).toMatchObject({ format: 'glove-text', compressed: true });
    const b = await importVectorFile(db, { file: write(dir, 'actually-text.bin', gloveText(F)), name: 'sniff-bin' });
    expect(b.format).toBe('glove-text');
    const c = await importVectorFile(db, { file: write(dir, 'actually-binary.txt', word2vecBinary(F)), name: 'sniff-txt' });
    expect(c.format).toBe('word2vec-binary');
    expectSameVectors('sniff-txt', F);
  });

  it('reads CRLF line endings and blank lines', async () => {
    const file = write(dir, 'crlf.txt', `\r\n${gloveText(F, '\r\n')}\r\n`);
    await importVectorFile(db, { file, name: 'crlf' });
    expectSameVectors('crlf', F);
  });

  it('keeps only the first N words with a limit', async () => {
    const file = write(dir, 'limit.txt', word2vecText(F));
    const r = await importVectorFile(db, { file, name: 'limited', limit: 3 });
    expect(r).toMatchObject({ words: 3, limited: true });
    expectSameVectors('limited', F, WORDS.slice(0, 3));
  });

  it('keeps the first of duplicate words and reports the rest with their lines', async () => {
    const dup = fixture([...WORDS, 'the', 'x'], 7, 11);
    const file = write(dir, 'dups.txt', gloveText(dup));
    const r = await importVectorFile(db, { file, name: 'dups' });
    expect(r.words).toBe(WORDS.length);
    expect(r.duplicates).toBe(2);
    expect(r.duplicateExamples).toEqual(['"the" (line 9)', '"x" (line 10)']);
    const m = readModel(db, 'dups');
    expect(m.norms[0]).toBeCloseTo(Math.hypot(...dup.values.subarray(0, 7)), 4);
  });

  it('names the model after the file and makes the name unique', async () => {
    const file = write(dir, 'wiki.simple.vec.gz', word2vecText(F), true);
    expect((await importVectorFile(db, { file })).name).toBe('wiki.simple');
    expect((await importVectorFile(db, { file })).name).toBe('wiki.simple-2');
  });

  it('streams a file much larger than one read chunk, with rows split across chunks', async () => {
    const words = Array.from({ length: 30_000 }, (_, i) => `w${i}`);
    const big = fixture(words, 50, 3);
    const file = write(dir, 'big.txt.gz', gloveText(big), true);
    const phases: number[] = [];
    const r = await importVectorFile(db, { file, name: 'big', progress: (_p, f) => phases.push(f) });
    expect(r.words).toBe(30_000);
    expectSameVectors('big', big);
    const bin = await importVectorFile(db, { file: write(dir, 'big.bin', word2vecBinary(big)), name: 'big-bin' });
    expect(bin.words).toBe(30_000);
    expectSameVectors('big-bin', big);
  });
});
