import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../../../main/core/model/model';
import { defaultModelFile, ExplorerService } from '../../../main/core/service';
import { sharedDefaultDb } from '../../helpers/temp';

let service: ExplorerService;
let model: Model;

beforeAll(async () => {
  service = ExplorerService.open({ dbPath: sharedDefaultDb() });
  model = await service.model();
});
afterAll(() => service.close());

const row = (w: string) => {
  const i = model.words.indexOf(w);
  if (i < 0) throw new Error(`${w} missing`);
  return i;
};
const cosRows = (i: number, q: ArrayLike<number>) => {
  let s = 0;
  for (let j = 0; j < model.dims; j++) s += model.vectors[i * model.dims + j] * q[j];
  return s;
};

/** The reference, written independently: score every stored row, drop the inputs, sort. */
function plainScan(score: (i: number) => number, inputs: number[], k = 10, limit = model.size) {
  const all: { word: string; similarity: number; rank: number }[] = [];
  for (let i = 0; i < limit; i++) if (!inputs.includes(i)) all.push({ word: model.words[i], similarity: score(i), rank: i });
  return all.sort((a, b) => b.similarity - a.similarity || a.rank - b.rank).slice(0, k);
}

function addReference(weighted: [string, number][], k = 10, limit?: number) {
  const q = new Float64Array(model.dims);
  for (const [w, f] of weighted) for (let j = 0; j < model.dims; j++) q[j] += f * model.vectors[row(w) * model.dims + j];
  const n = Math.hypot(...q);
  return plainScan(
    (i) => cosRows(i, q) / n,
    weighted.map(([w]) => row(w)),
    k,
    limit,
  );
}

function mulReference(pos: string[], neg: string[], k = 10) {
  const f = (i: number, w: string) => (1 + cosRows(i, model.row(row(w)))) / 2;
  return plainScan(
    (i) => pos.reduce((p, w) => p * f(i, w), 1) / (neg.reduce((p, w) => p * f(i, w), 1) + 1e-6),
    [...pos, ...neg].map(row),
    k,
  );
}

function expectSame(got: { word: string; similarity: number }[] | undefined, ref: { word: string; similarity: number }[]) {
  expect(got?.map((n) => n.word)).toEqual(ref.map((n) => n.word));
  got!.forEach((n, i) => expect(Math.abs(n.similarity - ref[i].similarity)).toBeLessThan(1e-5));
}

const ask = async (q: string, method: 'add' | 'mul' = 'add', k = 10) => (await service.neighbors({ words: [q], k, method }))[0];

describe('expressions on the real default model', () => {
  it('king - man + woman ranks queen first, equal to a plain scan over the stored vectors', async () => {
    const r = await ask('king - man + woman');
    expect(r.neighbors![0].word).toBe('queen');
    expectSame(
      r.neighbors,
      addReference([
        ['king', 1],
        ['man', -1],
        ['woman', 1],
      ]),
    );
    expect(r).toMatchObject({ expression: 'king - man + woman', method: 'add' });
    expect(r.terms!.map((t) => [t.matched, t.weight])).toEqual([
      ['king', 1],
      ['man', -1],
      ['woman', 1],
    ]);
  });

  it.each([
    [
      'paris - france + italy',
      [
        ['paris', 1],
        ['france', -1],
        ['italy', 1],
      ],
    ],
    [
      '0.5*good + bad',
      [
        ['good', 0.5],
        ['bad', 1],
      ],
    ],
    [
      'walked - walk + swim',
      [
        ['walked', 1],
        ['walk', -1],
        ['swim', 1],
      ],
    ],
    [
      'mean(virtue, morality) - 2*sin',
      [
        ['virtue', 0.5],
        ['morality', 0.5],
        ['sin', -2],
      ],
    ],
    [
      '(Berlin - Germany) + Japan',
      [
        ['berlin', 1],
        ['germany', -1],
        ['japan', 1],
      ],
    ],
  ] as [string, [string, number][]][])('%s equals the plain scan (3CosAdd)', async (q, weighted) => {
    expectSame((await ask(q)).neighbors, addReference(weighted));
  });

  it('3CosMul equals gensim’s formula computed by a plain scan', async () => {
    expectSame((await ask('king - man + woman', 'mul')).neighbors, mulReference(['king', 'woman'], ['man']));
    expectSame((await ask('tokyo - japan + france', 'mul')).neighbors, mulReference(['tokyo', 'france'], ['japan']));
  });

  it('an analogy is the expression b - a + c, restricted when asked', async () => {
    const a = await service.analogy({ a: 'man', b: 'king', c: 'woman', k: 10 });
    const e = await ask('king - man + woman');
    expect(a.query).toBe('king - man + woman');
    expect(a.neighbors).toEqual(e.neighbors);
    const restricted = await service.analogy({ a: 'man', b: 'king', c: 'woman', k: 10, restrict: 5000 });
    expectSame(
      restricted.neighbors,
      addReference(
        [
          ['king', 1],
          ['man', -1],
          ['woman', 1],
        ],
        10,
        5000,
      ),
    );
    const mul = await service.analogy({ a: 'man', b: 'king', c: 'woman', method: 'mul' });
    expect(mul.neighbors).toEqual((await ask('king - man + woman', 'mul')).neighbors);
  });

  it('a quoted phrase the model lacks is the normalised mean of its words, which are left out', async () => {
    const r = await ask('"ice cream"');
    expectSame(
      r.neighbors,
      addReference([
        ['ice', 1],
        ['cream', 1],
      ]),
    );
    expect(r.terms).toEqual([{ text: 'ice cream', matched: 'ice cream', weight: 1, phrase: true }]);
  });

  it('keeps the plain path for words, even ones that look like operators', async () => {
    const plain = await ask('virtue');
    expect(plain.matched).toBe('virtue');
    expect(plain.expression).toBeUndefined();
    expect(plain.neighbors!.map((n) => n.rank)).toEqual(model.neighborsOf(row('virtue'), 10).map((h) => h.index));
    for (const w of ['-', 'e-mail', '1/2', '(']) {
      if (model.lookup(w) < 0) continue;
      expect((await ask(w)).matched).toBe(model.words[model.lookup(w)]);
    }
    const unknown = await ask('virtuue');
    expect(unknown.error).toMatchObject({
      code: 'unknown-word',
      message: expect.stringMatching(/^"virtuue" is not in glove-6b-100d\. Did you mean: virtue/),
    });
  });

  it.each([
    ['kng - man', 'unknown-word', 1, 3],
    ['king - womn', 'unknown-word', 8, 4],
    ['king -', 'dangling-operator', 6, 1],
    ['(king - man', 'unbalanced-parenthesis', 1, 1],
    ['king + 3', 'expected-word', 8, 1],
    ['king - king', 'cancels-out', 1, 11],
    ['"ice qqzxcream" + cake', 'unknown-word', 1, 15],
  ])('%j answers with error %s at column %i', async (q, code, column, length) => {
    const r = await ask(q);
    expect(r.neighbors).toBeUndefined();
    expect(r.error).toMatchObject({ code, column, length });
  });

  it('suggests close spellings for an unknown word in an expression', async () => {
    expect((await ask('kng - man')).error!.suggestions).toContain('king');
  });
});

describe('an expression’s neighbourhood as a view', () => {
  it('holds the expression’s words, then its answers', async () => {
    const v = await service.viewData({ view: { kind: 'neighbourhood', query: 'king - man + woman', k: 10 }, knnK: 5 });
    expect(v.words.slice(0, 4)).toEqual(['king', 'man', 'woman', 'queen']);
    expect(v.words).toHaveLength(13);
    await expect(service.viewData({ view: { kind: 'neighbourhood', query: 'king -', k: 10 } })).rejects.toMatchObject({
      code: 'dangling-operator',
      details: { column: 6 },
    });
  });
});

describe('odd one out and axes', () => {
  it('doesnt_match: cosine of each word with the normalised mean, lowest is odd', async () => {
    const words = ['breakfast', 'cereal', 'dinner', 'lunch'];
    const r = await service.doesntMatch({ words: [...words, 'brekfast'] });
    expect(r.odd).toBe('cereal');
    expect(r.missing).toEqual([{ word: 'brekfast', suggestions: expect.arrayContaining(['breakfast']) }]);
    const mean = new Float64Array(model.dims);
    for (const w of words) for (let j = 0; j < model.dims; j++) mean[j] += model.vectors[row(w) * model.dims + j];
    const n = Math.hypot(...mean);
    for (const s of r.similarities) expect(s.similarity).toBeCloseTo(cosRows(row(s.word), mean) / n, 6);
    expect(r.similarities.map((s) => s.similarity)).toEqual([...r.similarities.map((s) => s.similarity)].sort((a, b) => b - a));
  });

  it('an axis is the unit vector of its expression, labelled at both ends', async () => {
    const r = await service.axes({ axes: ['good - bad', 'he - she', 'rich'] });
    expect(r.axes.map((a) => [a.positiveLabel, a.negativeLabel])).toEqual([
      ['good', 'bad'],
      ['he', 'she'],
      ['rich', '−(rich)'],
    ]);
    const x = r.vectors.subarray(0, model.dims);
    const diff = Array.from(model.row(row('good')), (v, j) => v - model.row(row('bad'))[j]);
    const n = Math.hypot(...diff);
    diff.forEach((v, j) => expect(x[j]).toBeCloseTo(v / n, 6));
    await expect(service.axes({ axes: ['good - bad', 'he -'] })).rejects.toMatchObject({
      code: 'invalid-expression',
      details: { axis: 1, column: 4 },
    });
  });
});

const gensim = spawnSync('/usr/bin/python3', ['-c', 'import gensim'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!gensim)('the same figures as gensim on the same vectors', () => {
  const baseline = path.resolve(__dirname, '../../../../shared/baselines/baseline.py');
  it.each(['add', 'mul'] as const)('analogy man king woman (%s): same top 10, similarities within 1e-5', async (method) => {
    const r = spawnSync(
      '/usr/bin/python3',
      [baseline, 'analogy', 'man', 'king', 'woman', '--method', method, '--wink', defaultModelFile()],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) return; // the reference script is not on this machine
    const ref = JSON.parse(r.stdout).neighbors as { word: string; similarity: number }[];
    expectSame((await service.analogy({ a: 'man', b: 'king', c: 'woman', method })).neighbors, ref);
  });
});
