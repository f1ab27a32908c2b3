import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalogiesEvaluation, PairsEvaluation } from '../../../common/contract/contract';
import { isExplorerError } from '../../../main/core/errors';
import { ExplorerService } from '../../../main/core/service';
import { tempDir } from '../../helpers/temp';
import { type Fixture, word2vecText, write } from '../import/vector-files';

/**
 * A model whose analogies have known answers: every word is base + gender + role, three
 * orthonormal features of equal weight, so king − man + woman is exactly queen. Filler words
 * point elsewhere.
 */
function designed(): Fixture {
  const dims = 12;
  const feature: Record<string, number> = { base: 0, M: 1, F: 2, plain: 3, royal: 4, young: 5 };
  const people: [string, string, string][] = [
    ['man', 'M', 'plain'],
    ['woman', 'F', 'plain'],
    ['king', 'M', 'royal'],
    ['queen', 'F', 'royal'],
    ['boy', 'M', 'young'],
    ['girl', 'F', 'young'],
  ];
  const words: string[] = [];
  const rows: number[][] = [];
  for (const [w, g, r] of people) {
    const v = new Array<number>(dims).fill(0);
    v[feature.base] = v[feature[g]] = v[feature[r]] = 1;
    words.push(w);
    rows.push(v);
  }
  for (let i = 0; i < 40; i++) {
    const v = new Array<number>(dims).fill(0);
    v[6 + (i % 6)] = 1;
    v[(i * 7) % 6] = 0.3 + (i % 5) * 0.1;
    words.push(`filler${i}`);
    rows.push(v);
  }
  return { words, dims, values: Float32Array.from(rows.flat()) };
}

/**
 * Seeded vectors: the first 400 words are base_i + role_j plus noise (so analogies across them
 * are often, not always, solvable), the rest random; some words repeat another's name in another
 * case (gensim keeps the most frequent per upper-case form).
 */
function randomFixture(n: number, dims: number, seed: number): Fixture {
  let s = seed;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(i % 17 === 5 ? `W${i - 1}` : i % 23 === 7 ? `Word${i - 3}` : `w${i}`);
  const parts = Array.from({ length: 40 }, () => Array.from({ length: dims }, rnd));
  const values = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dims; j++) {
      values[i * dims + j] = Math.fround(i < 400 ? parts[Math.floor(i / 20)][j] + parts[20 + (i % 20)][j] + 0.4 * rnd() : rnd());
    }
  }
  return { words, dims, values };
}

let service: ExplorerService;
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  service = ExplorerService.open({ dbPath: path.join(dir, 'eval.db') });
  await service.importModel({ path: write(dir, 'designed.txt', word2vecText(designed())), name: 'designed' });
});
afterAll(() => service.close());

const analogies = async (content: string, restrict?: number, model = 'designed') =>
  (await service.evaluate({ kind: 'analogies', fileName: 'q.txt', content, model, restrict })) as AnalogiesEvaluation;
const pairs = async (content: string, model = 'designed', restrict?: number) =>
  (await service.evaluate({ kind: 'pairs', fileName: 'p.tsv', content, model, restrict })) as PairsEvaluation;

describe('analogy evaluation with known answers', () => {
  const file = [
    ': family',
    'man king woman queen',
    'man boy woman girl',
    'MAN King woman QUEEN',
    'king queen boy girl',
    'man king woman boy',
    'man king woman duchess',
    ': broken',
    'man king woman',
    '',
    'king man queen woman\r',
  ].join('\n');

  it('counts correct, wrong and skipped questions per section', async () => {
    const r = await analogies(file);
    expect(r).toMatchObject({ questions: 7, skipped: 1, invalid: 2, correct: 5 });
    expect(r.sections).toEqual([
      { name: 'family', correct: 4, total: 5, accuracy: 0.8 },
      { name: 'broken', correct: 1, total: 1, accuracy: 1 },
    ]);
    expect(r.accuracy).toBeCloseTo(5 / 6, 12);
  });

  it('skips questions with words outside the restricted vocabulary', async () => {
    // Only man, woman, king, queen, boy are among the first 5 words: girl questions are skipped.
    const r = await analogies(file, 5);
    expect(r).toMatchObject({ skipped: 3, correct: 3 });
  });

  it('refuses a file with a question before any section, naming the line', async () => {
    await expect(analogies('man king woman queen\n: s\n')).rejects.toThrow(/q\.txt, line 1/);
    await expect(analogies(': s\nnot four words\n')).rejects.toThrow(/no question/);
  });
});

describe('word-pair evaluation with known answers', () => {
  const model = designed();
  const cos = (a: string, b: string) => {
    const [i, j] = [model.words.indexOf(a), model.words.indexOf(b)];
    let d = 0;
    let na = 0;
    let nb = 0;
    for (let k = 0; k < model.dims; k++) {
      d += model.values[i * model.dims + k] * model.values[j * model.dims + k];
      na += model.values[i * model.dims + k] ** 2;
      nb += model.values[j * model.dims + k] ** 2;
    }
    return d / Math.sqrt(na * nb);
  };
  const list = [
    ['man', 'woman'],
    ['king', 'queen'],
    ['man', 'king'],
    ['boy', 'queen'],
    ['filler1', 'man'],
    ['filler3', 'girl'],
    ['filler4', 'filler10'],
  ];

  it('Pearson and Spearman are 1 for scores linear in cosine, −1 reversed; unknown words are skipped', async () => {
    const lines = [
      '# comment',
      ...list.map(([a, b]) => `${a.toUpperCase()}\t${b}\t${(3 * cos(a, b) + 1).toFixed(6)}`),
      'man\tduchess\t5',
      'bad line',
      'a\tb\tx',
    ];
    const r = await pairs(lines.join('\r\n'));
    expect(r).toMatchObject({ pairs: list.length, skipped: 1, invalid: 2 });
    expect(r.oovRatio).toBeCloseTo((1 / (list.length + 1)) * 100, 10);
    expect(r.pearson).toBeCloseTo(1, 5);
    expect(r.spearman).toBeCloseTo(1, 10);
    const reversed = await pairs(list.map(([a, b]) => `${a}\t${b}\t${-cos(a, b)}`).join('\n'));
    expect(reversed.pearson).toBeCloseTo(-1, 5);
    expect(reversed.spearman).toBeCloseTo(-1, 10);
  });

  it('refuses a file without one comparable pair', async () => {
    await expect(pairs('duke\tduchess\t3\n')).rejects.toThrow(/no pair could be compared/);
  });
});

describe('benchmark files from generated input', () => {
  it('end in a result or a clear error, never a crash', async () => {
    const line = fc.oneof(
      fc.constantFrom(': section', ':', ': ', 'man king woman queen', 'man\tking\t3', '# c', '', '\r', 'king\tqueen\tnan', 'a\tb\t1_0'),
      fc.string({ maxLength: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 20 }),
        fc.constantFrom('pairs', 'analogies') as fc.Arbitrary<'pairs' | 'analogies'>,
        async (lines, kind) => {
          try {
            const r = await service.evaluate({ kind, fileName: 'gen.txt', content: lines.join('\n'), model: 'designed' });
            if (r.kind === 'pairs') expect(r.pairs).toBeGreaterThan(0);
            else expect(r.questions).toBeGreaterThan(0);
          } catch (e) {
            expect(isExplorerError(e)).toBe(true);
            expect((e as Error).message).toMatch(/gen\.txt/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

const gensim = spawnSync('/usr/bin/python3', ['-c', 'import gensim'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!gensim)('the same figures as gensim on the same vectors', () => {
  it('evaluate_word_pairs and evaluate_word_analogies, restricted and case-insensitive', async () => {
    const f = randomFixture(1500, 16, 11);
    const vectors = write(dir, 'random.txt', word2vecText(f));
    await service.importModel({ path: vectors, name: 'random' });
    let s = 5;
    const pick = () => f.words[(s = (s * 48271) % 2147483647) % f.words.length];
    const qs: string[] = [];
    const at = (base: number, role: number) => f.words[base * 20 + role];
    for (let sec = 0; sec < 3; sec++) {
      qs.push(`: section-${sec}`);
      for (let i = 0; i < 150; i++) {
        const [b1, b2, r1, r2] = [0, 1, 2, 3].map(() => (s = (s * 48271) % 2147483647) % 20);
        const q = sec === 2 ? [pick(), pick(), pick(), pick()] : [at(b1, r1), at(b1, r2), at(b2, r1), at(b2, r2)];
        qs.push(q.map((w, j) => (j === 1 ? w.toUpperCase() : w)).join(' '));
      }
    }
    const ps: string[] = ['# pairs'];
    for (let i = 0; i < 300; i++) ps.push(`${pick()}\t${pick()}\t${(s % 1000) / 100}`);
    ps.push('unknownword\tw1\t3');
    const qFile = write(dir, 'q.txt', qs.join('\n'));
    const pFile = write(dir, 'p.tsv', ps.join('\n'));
    const script = `
import json, sys
from gensim.models import KeyedVectors
kv = KeyedVectors.load_word2vec_format(sys.argv[1])
p, sp, oov = kv.evaluate_word_pairs(sys.argv[2], restrict_vocab=1200)
score, sections = kv.evaluate_word_analogies(sys.argv[3], restrict_vocab=1200)
print(json.dumps({'pearson': float(p[0]), 'spearman': float(sp.correlation), 'oov': oov, 'accuracy': score,
  'sections': [[len(x['correct']), len(x['correct']) + len(x['incorrect'])] for x in sections[:-1]]}))`;
    const r = spawnSync('/usr/bin/python3', ['-c', script, vectors, pFile, qFile], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const ref = JSON.parse(r.stdout);
    const mine = await pairs(fs.readFileSync(pFile, 'utf8'), 'random', 1200);
    expect(Math.abs(mine.pearson! - ref.pearson)).toBeLessThan(1e-3);
    expect(Math.abs(mine.spearman! - ref.spearman)).toBeLessThan(1e-3);
    expect(mine.oovRatio).toBeCloseTo(ref.oov, 10);
    const a = await analogies(fs.readFileSync(qFile, 'utf8'), 1200, 'random');
    expect(a.sections.map((x) => [x.correct, x.total])).toEqual(ref.sections);
    expect(Math.abs(a.accuracy - ref.accuracy)).toBeLessThan(1e-3);
    expect(a.correct).toBeGreaterThan(0);
  });
});
