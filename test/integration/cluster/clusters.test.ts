import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUmapSync } from '../../../common/umap/umap-runner';
import { ExplorerService } from '../../../main/core/service';
import { copyOfDefaultDb } from '../../helpers/temp';

const ROOT = path.resolve(__dirname, '../../..');
let dbPath: string;
let service: ExplorerService;
let first: number;
let second: number;
let otherSeed: number;

/** The default 5,000-word map, laid out briefly (clusters live in the vector space; the layout only places labels). */
async function saveDefaultMap(seed: number, name: string): Promise<number> {
  const data = await service.viewData({ view: { kind: 'top', top: 5000 }, knnK: 14 });
  const params = { nNeighbors: 15, minDist: 0.1, nEpochs: 20, seed };
  const coords = runUmapSync(data, params);
  return (await service.saveProjection({ view: { kind: 'top', top: 5000 }, params, words: data.words, coords, name })).id;
}

beforeAll(async () => {
  dbPath = copyOfDefaultDb();
  service = ExplorerService.open({ dbPath });
  first = await saveDefaultMap(42, 'first');
  second = await saveDefaultMap(42, 'second');
  otherSeed = await saveDefaultMap(7, 'other seed');
}, 120_000);

afterAll(() => service.close());

describe('clusters of the default 5,000-word map', () => {
  it('are the same for the same seed, named by real member words, most central first', async () => {
    const a = await service.clusters({ id: first });
    const b = await service.clusters({ id: second });
    expect(a.method).toMatchObject({ algorithm: 'spherical-kmeans', k: 24, seed: 42 });
    expect(b.clusters.map((c) => ({ ...c, anchor: undefined }))).toEqual(a.clusters.map((c) => ({ ...c, anchor: undefined })));
    expect(Array.from(b.assignment)).toEqual(Array.from(a.assignment));

    const projection = (await service.getProjection({ id: first }))!;
    const model = await service.model();
    expect(a.clusters.reduce((s, c) => s + c.size, 0)).toBe(projection.words.length);
    for (const c of a.clusters) {
      expect(c.words).toHaveLength(c.size);
      const nameWords = c.name.split(' · ');
      expect(nameWords).toEqual(c.words.slice(0, 3));
      for (const w of nameWords) expect(model.lookup(w)).toBeGreaterThanOrEqual(0);
      // The name words are the members nearest the mean of the members' vectors.
      const mean = new Float64Array(model.dims);
      for (const w of c.words) {
        const r = model.row(model.lookup(w));
        for (let j = 0; j < model.dims; j++) mean[j] += r[j];
      }
      const cos = (w: string) => {
        const r = model.row(model.lookup(w));
        let s = 0;
        for (let j = 0; j < model.dims; j++) s += r[j] * mean[j];
        return s;
      };
      const best = Math.max(...c.words.map(cos));
      expect(cos(c.words[0])).toBeCloseTo(best, 4);
      for (let i = 1; i < Math.min(20, c.words.length); i++) expect(cos(c.words[i - 1])).toBeGreaterThanOrEqual(cos(c.words[i]) - 1e-4);
    }
    // Largest first, and every point in the cluster its assignment names.
    for (let i = 1; i < a.clusters.length; i++) expect(a.clusters[i - 1].size).toBeGreaterThanOrEqual(a.clusters[i].size);
    a.clusters.forEach((c) => c.words.forEach((w) => expect(a.assignment[projection.words.indexOf(w)]).toBe(c.id)));
    // The days of the week end up together.
    const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((w) => a.assignment[projection.words.indexOf(w)]);
    expect(new Set(days).size).toBe(1);
  });

  it('change with the seed, are stored with the projection and deleted with it', async () => {
    const a = await service.clusters({ id: first });
    const c = await service.clusters({ id: otherSeed });
    expect(c.method.seed).toBe(7);
    expect(c.clusters.map((x) => x.name)).not.toEqual(a.clusters.map((x) => x.name));

    const raw = new Database(dbPath, { readonly: true });
    const stored = raw.prepare('SELECT projection_id FROM projection_clusters ORDER BY projection_id').pluck().all();
    expect(stored).toEqual([first, second, otherSeed]);
    raw.close();
    // Read back from the store by a fresh service: the same clusters.
    const again = ExplorerService.open({ dbPath });
    try {
      const back = await again.clusters({ id: first });
      expect(back.clusters).toEqual(a.clusters);
      expect(back.assignment).toEqual(a.assignment);
    } finally {
      again.close();
    }
    expect(await service.deleteProjection({ id: otherSeed })).toBe(true);
    const after = new Database(dbPath, { readonly: true });
    expect(after.prepare('SELECT COUNT(*) FROM projection_clusters WHERE projection_id = ?').pluck().get(otherSeed)).toBe(0);
    after.close();
  });

  it('an unknown projection is a clear error', async () => {
    await expect(service.clusters({ id: 99999 })).rejects.toThrow(/no projection with id 99999/);
  });
});

describe('embedding-explorer clusters', () => {
  function cli(...args: string[]) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/embedding-explorer.mjs'), 'clusters', '--db', dbPath, ...args], {
      encoding: 'utf8',
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('prints {projection, clusters: [{id, name, size, words}]} for an id, a name or latest', async () => {
    const expected = await service.clusters({ id: second });
    const byId = cli(String(second), '--json');
    expect(byId.code, byId.stderr).toBe(0);
    const doc = JSON.parse(byId.stdout) as { projection: number; clusters: { id: number; name: string; size: number; words: string[] }[] };
    expect(Object.keys(doc)).toEqual(['projection', 'clusters']);
    expect(doc.projection).toBe(second);
    expect(doc.clusters).toEqual(expected.clusters.map(({ id, name, size, words }) => ({ id, name, size, words })));
    expect(JSON.parse(cli('second', '--json').stdout)).toEqual(doc);
    expect(JSON.parse(cli('latest', '--json').stdout)).toEqual(doc);
    const text = cli('latest');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(expected.clusters[0].name);
  });

  it('says so for an unknown projection (exit 1) and bad usage (exit 2)', () => {
    const unknown = cli('no such map');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no saved projection named "no such map"/);
    expect(cli().code).toBe(2);
    expect(cli('1', '2').code).toBe(2);
  });
});
