import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ViewData, VIEW_EXAMPLES } from '../../../common/contract/contract';
import { dispatch } from '../../../main/core/dispatch';
import { bruteForceKnn } from '../../../main/core/projection/knn-graph';
import { ExplorerService } from '../../../main/core/service';
import { copyOfDefaultDb } from '../../helpers/temp';

let service: ExplorerService;
let dbPath: string;

beforeAll(() => {
  dbPath = copyOfDefaultDb();
  service = ExplorerService.open({ dbPath });
});
afterAll(() => service.close());

describe('view data on the real default model', () => {
  let view: ViewData;

  it('the default view: the 1,000 most frequent alphabetic words, then the examples, with vectors and ranks', async () => {
    view = await service.viewData({ view: { kind: 'top', top: 1000 }, knnK: 15 });
    expect(view.model).toBe('glove-6b-100d');
    const words = view.words;
    for (const w of words) expect(w).toMatch(/^\p{L}{2,}$/u);
    expect(words.slice(0, 5)).toEqual(['the', 'of', 'to', 'and', 'in']);
    for (const e of VIEW_EXAMPLES) expect(words).toContain(e);
    expect(new Set(words).size).toBe(words.length);
    expect(words.length).toBeGreaterThanOrEqual(1000);
    expect(words.length).toBeLessThanOrEqual(1004);
    expect(view.vectors.length).toBe(words.length * view.dims);
    // Ranks are increasing over the first 1,000 (frequency order) and unit vectors have norm 1.
    for (let i = 1; i < 1000; i++) expect(view.ranks[i]).toBeGreaterThan(view.ranks[i - 1]);
    let norm = 0;
    for (let j = 0; j < view.dims; j++) norm += view.vectors[j] ** 2;
    expect(norm).toBeCloseTo(1, 5);
  });

  it('the kNN graph equals a brute-force scan over the view', () => {
    const ref = bruteForceKnn(view.vectors, view.words.length, view.dims, 15);
    expect(view.knnK).toBe(15);
    expect(Array.from(view.knnIndices)).toEqual(Array.from(ref.indices));
    expect(Array.from(view.knnDistances)).toEqual(Array.from(ref.distances));
    const virtue = view.words.indexOf('virtue');
    const near = Array.from(view.knnIndices.subarray(virtue * 15, virtue * 15 + 15)).map((i) => view.words[i]);
    expect(near.length).toBe(15);
  });

  it('a 20,000-word view is computed across worker threads, as a job, with the same answer as one thread', async () => {
    const jobs: { kind: string; state: string; fraction: number }[] = [];
    const off = service.onEvent((e) => {
      if (e.type === 'job') jobs.push(e.job);
    });
    const big = await service.viewData({ view: { kind: 'top', top: 20000 }, knnK: 15 });
    off();
    const mine = jobs.filter((j) => j.kind === 'neighbour-graph');
    expect(mine[0].state).toBe('running');
    expect(mine[mine.length - 1]).toMatchObject({ state: 'done', fraction: 1 });
    expect(big.words.length).toBe(20000);
    const rows = [0, 1, 4999, 12345, 19999];
    for (const r of rows) {
      const d = big.dims;
      const sims: { j: number; s: number }[] = [];
      for (let j = 0; j < big.words.length; j++) {
        if (j === r) continue;
        let s = 0;
        for (let t = 0; t < d; t++) s += big.vectors[r * d + t] * big.vectors[j * d + t];
        sims.push({ j, s });
      }
      sims.sort((a, b) => b.s - a.s || a.j - b.j);
      expect(Array.from(big.knnIndices.subarray(r * 15, r * 15 + 15))).toEqual(sims.slice(0, 15).map((x) => x.j));
    }
  });

  it('cancelling the neighbour graph of a large view stops it', async () => {
    const off = service.onEvent((e) => {
      if (e.type === 'job' && e.job.kind === 'neighbour-graph' && e.job.state === 'running') service.jobs.cancel(e.job.id);
    });
    try {
      await expect(service.viewData({ view: { kind: 'top', top: 30000 } })).rejects.toThrow(/cancelled/);
    } finally {
      off();
    }
  });

  it('word lists report unknown words; neighbourhood views start with the query', async () => {
    const w = await service.viewData({ view: { kind: 'words', words: ['virtue', 'Morality', 'walked', 'walking', 'qqzzxxq', 'virtue'] } });
    expect(w.words).toEqual(['virtue', 'morality', 'walked', 'walking']);
    expect(w.missing).toEqual(['qqzzxxq']);
    const nb = await service.viewData({ view: { kind: 'neighbourhood', query: 'virtue', k: 50 } });
    expect(nb.words[0]).toBe('virtue');
    expect(nb.words).toContain('morality');
    expect(nb.words.length).toBe(51);
    await expect(service.viewData({ view: { kind: 'neighbourhood', query: 'virtuee', k: 50 } })).rejects.toThrow(
      /not in glove-6b-100d.*virtue/,
    );
    await expect(service.viewData({ view: { kind: 'words', words: ['virtue', 'qqzzxxq'] } })).rejects.toThrow(/at least 3/);
  });

  it('vocabulary views use found entries: model words and composed vectors', async () => {
    const db = new Database(dbPath);
    const modelId = (db.prepare('SELECT id FROM models WHERE name = ?').get('glove-6b-100d') as { id: number }).id;
    const vocabId = Number(
      db.prepare("INSERT INTO vocabularies(model_id, name, source, created_at) VALUES (?, 'test vocab', 'test', '2026-01-01')").run(modelId)
        .lastInsertRowid,
    );
    const ins = db.prepare(
      'INSERT INTO vocabulary_entries(vocabulary_id, pos, entry, word_idx, composed, vector, found) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const idx = (w: string) => (db.prepare('SELECT idx FROM words WHERE model_id = ? AND word = ?').get(modelId, w) as { idx: number }).idx;
    ins.run(vocabId, 0, 'virtue', idx('virtue'), 0, null, 1);
    ins.run(vocabId, 1, 'morality', idx('morality'), 0, null, 1);
    ins.run(vocabId, 2, 'not-there', null, 0, null, 0);
    const composed = new Float32Array(100).fill(0.1);
    ins.run(vocabId, 3, 'new york', null, 1, Buffer.from(composed.buffer), 1);
    ins.run(vocabId, 4, 'walked', idx('walked'), 0, null, 1);
    db.close();
    const v = await service.viewData({ view: { kind: 'vocabulary', vocabularyId: vocabId } });
    expect(v.words).toEqual(['virtue', 'morality', 'new york', 'walked']);
    expect(v.missing).toEqual(['not-there']);
    expect(v.vectors[2 * 100]).toBeCloseTo(0.1, 5); // unit-normalised 0.1 × 100 dims
    await expect(service.viewData({ view: { kind: 'vocabulary', vocabularyId: 99999 } })).rejects.toThrow(/no vocabulary with id 99999/);
  });
});

describe('saved projections in SQLite', () => {
  const params = { nNeighbors: 15, minDist: 0.1, nEpochs: 200, seed: 42 };

  it('save, list (newest first), get by id and latest, rename, delete', async () => {
    expect(await service.getProjection({ id: 'latest' })).toBeNull();
    expect(await service.listProjections({})).toEqual([]);
    const words = ['virtue', 'morality', 'walked', 'walking'];
    const coords = Float32Array.from({ length: 12 }, (_, i) => i * 0.5 - 2.25);
    const first = await service.saveProjection({ view: { kind: 'words', words }, params, words, coords });
    expect(first.pointCount).toBe(4);
    expect(first.name).toBe('4 words · seed 42');
    expect(first.model).toBe('glove-6b-100d');
    const second = await service.saveProjection({
      view: { kind: 'top', top: 5000 },
      params: { ...params, seed: 7 },
      words: ['the', 'of', 'and'],
      coords: new Float32Array(9).fill(1),
      name: 'Mine',
      meta: { seconds: 1.5 },
    });
    expect(second.id).toBeGreaterThan(first.id);

    const list = await service.listProjections({});
    expect(list.map((p) => p.id)).toEqual([second.id, first.id]);
    expect(list[0]).toMatchObject({ name: 'Mine', view: { kind: 'top', top: 5000 }, params: { seed: 7 } });

    const latest = await service.getProjection({ id: 'latest' });
    expect(latest?.id).toBe(second.id);
    expect(latest?.meta).toEqual({ seconds: 1.5 });
    const got = await service.getProjection({ id: first.id });
    expect(got?.words).toEqual(words);
    expect(Array.from(got!.coords)).toEqual(Array.from(coords));
    expect(got?.view).toEqual({ kind: 'words', words });
    expect(got?.params).toEqual(params);
    expect(new Date(got!.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const renamed = await service.renameProjection({ id: first.id, name: 'Chapter examples' });
    expect(renamed.name).toBe('Chapter examples');
    await expect(service.renameProjection({ id: 99999, name: 'x' })).rejects.toThrow(/no saved projection with id 99999/);

    expect(await service.deleteProjection({ id: second.id })).toBe(true);
    expect(await service.deleteProjection({ id: second.id })).toBe(false);
    expect((await service.getProjection({ id: 'latest' }))?.id).toBe(first.id);
    expect(await service.getProjection({ id: second.id })).toBeNull();
  });

  it('a reopened store holds the same projection', async () => {
    const again = ExplorerService.open({ dbPath });
    try {
      const latest = await again.getProjection({ id: 'latest' });
      expect(latest?.name).toBe('Chapter examples');
      expect(latest?.coords.length).toBe(12);
    } finally {
      again.close();
    }
  });

  it('bad requests are refused at the boundary and nothing is stored', async () => {
    const before = (await service.listProjections({})).length;
    const bad = [
      { view: { kind: 'top', top: 5000 }, params, words: ['a', 'b', 'c'], coords: new Float32Array(8) },
      { view: { kind: 'top', top: 5000 }, params, words: ['a', 'b', 'c'], coords: Float32Array.from([0, 0, 0, 0, NaN, 0, 0, 0, 0]) },
      { view: { kind: 'top', top: 5000 }, params: { ...params, minDist: 2 }, words: ['a', 'b', 'c'], coords: new Float32Array(9) },
      { view: { kind: 'top', top: 500 }, params, words: ['a', 'b', 'c'], coords: new Float32Array(9) },
      { view: { kind: 'top', top: 5000 }, params, words: ['a', 'b', 'c'], coords: [0, 0, 0, 0, 0, 0, 0, 0, 0] },
    ];
    const messages: string[] = [];
    for (const req of bad) {
      const r = await dispatch(service, 'saveProjection', req);
      expect(r.ok).toBe(false);
      if (!r.ok) messages.push(r.error.message);
    }
    expect(messages[0]).toMatch(/3 numbers per word: 9 for 3 words \(got 8\)/);
    expect(messages[1]).toMatch(/coords\[4\] is not a finite number/);
    expect(messages[2]).toMatch(/params.minDist must be between 0 and 0.99/);
    expect(messages[3]).toMatch(/view.top must be between 1000 and 200000/);
    expect(messages[4]).toMatch(/Float32Array/);
    expect((await service.listProjections({})).length).toBe(before);
    const r = await dispatch(service, 'getProjection', { id: 0 });
    expect(r.ok).toBe(false);
    const v = await dispatch(service, 'viewData', { view: { kind: 'top', top: 200_001 } });
    expect(v.ok).toBe(false);
  });
});
