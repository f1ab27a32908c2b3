import Database from 'better-sqlite3';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUmapSync } from '../../../common/umap/umap-runner';
import { exportProjectionText } from '../../../main/core/export/exporter';
import { ExplorerService } from '../../../main/core/service';
import { SCHEMA_VERSION } from '../../../main/core/store/migrations';
import { copyOfDefaultDb } from '../../helpers/temp';
import { inlineVectorFiles } from '../../helpers/legacy-store';
import { runCli } from '../../helpers/cli';

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
    return runCli(['clusters', '--db', dbPath, ...args]);
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

describe('exports carry the clusters', () => {
  it('CSV, Projector metadata and JSON have the cluster of every point; SVG and HTML name them in legends', async () => {
    const clusters = await service.clusters({ id: first });
    const projection = (await service.getProjection({ id: first }))!;
    const byWord = new Map(projection.words.map((w, i) => [w, clusters.assignment[i]]));
    const placed = { words: ['zebra', 'walked'], coords: new Float32Array([0, 0, 0, 1, 1, 1]) };

    const [csv] = await exportProjectionText(service, { id: first, format: 'csv', placed });
    const rows = parseCsv(csv.content, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toContain('cluster');
    for (const r of rows.slice(0, projection.words.length)) {
      const id = byWord.get(r.word)!;
      expect(Number(r.cluster)).toBe(id);
      expect(r.cluster_name).toBe(clusters.clusters[id].name);
    }
    // A point placed after the layout joins the cluster with the nearest mean: zebra is an animal.
    const zebra = rows.find((r) => r.word === 'zebra')!;
    expect(zebra.placed).toBe('1');
    expect(clusters.clusters[Number(zebra.cluster)].words).toContain('animals');

    const [, meta] = await exportProjectionText(service, { id: first, format: 'tsv' });
    const lines = meta.content.trimEnd().split('\n');
    expect(lines[0]).toBe('word\tlabel\tcluster\tcluster_name');
    for (const line of lines.slice(1, 200)) {
      const [word, , id, name] = line.split('\t');
      expect(Number(id)).toBe(byWord.get(word));
      expect(name).toBe(clusters.clusters[Number(id)].name);
    }

    const [json] = await exportProjectionText(service, { id: first, format: 'json' });
    const doc = JSON.parse(json.content) as {
      clusters: { id: number; name: string; size: number }[];
      points: { word: string; cluster: number }[];
    };
    expect(doc.clusters).toEqual(clusters.clusters.map(({ id, name, size }) => ({ id, name, size })));
    for (const p of doc.points) expect(p.cluster).toBe(byWord.get(p.word));

    const [svg] = await exportProjectionText(service, { id: first, format: 'svg' });
    const xml = new XMLParser({ ignoreAttributes: false }).parse(svg.content) as {
      svg: { g: { '@_id': string; text?: { '#text': string; '@_data-cluster'?: string }[] }[] };
    };
    const legend = xml.svg.g.find((g) => g['@_id'] === 'cluster-legend')!;
    const legendNames = legend.text!.filter((t) => t['@_data-cluster'] !== undefined).map((t) => t['#text']);
    expect(legendNames).toEqual(clusters.clusters.map((c) => `${c.name} (${c.size.toLocaleString('en-US')})`));
    const onMap = xml.svg.g.find((g) => g['@_id'] === 'cluster-labels')!.text!;
    expect(onMap.length).toBeGreaterThan(3);

    const [html] = await exportProjectionText(service, { id: first, format: 'html' });
    const data = JSON.parse(/<script id="ee-data" type="application\/json">([\s\S]*?)<\/script>/.exec(html.content)![1]) as {
      meta: { clusters: { id: number; name: string }[] };
      clusters: number[];
    };
    expect(data.meta.clusters.map((c) => c.name)).toEqual(clusters.clusters.map((c) => c.name));
    expect(data.clusters).toEqual(Array.from(clusters.assignment));
  });
});

describe('schema 3', () => {
  it('a store from before clusters is migrated forward with its projections kept, and gets clusters on request', async () => {
    const old = copyOfDefaultDb();
    const seed = ExplorerService.open({ dbPath: old });
    const words = ['cat', 'dog', 'horse', 'paris', 'london', 'berlin', 'red', 'green', 'blue'];
    const coords = Float32Array.from({ length: words.length * 3 }, (_, i) => i);
    const { id } = await seed.saveProjection({
      view: { kind: 'words', words },
      params: { nNeighbors: 5, minDist: 0.1, nEpochs: 10, seed: 3 },
      words,
      coords,
    });
    seed.close();
    const raw = new Database(old);
    // Back to schema 2: vectors in the blocks, blocks where schema 2 kept them, no clusters table.
    inlineVectorFiles(raw);
    raw.exec('INSERT INTO vector_blocks SELECT * FROM model_blocks; DROP TABLE model_blocks; DROP TABLE projection_clusters');
    raw.pragma('user_version = 2');
    raw.close();

    const migrated = ExplorerService.open({ dbPath: old });
    try {
      expect(migrated.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect((await migrated.getProjection({ id }))!.words).toEqual(words);
      const c = await migrated.clusters({ id });
      expect(c.method.k).toBe(2);
      expect(c.clusters.flatMap((x) => x.words).sort()).toEqual([...words].sort());
    } finally {
      migrated.close();
    }
  });
});
