/**
 * The umap-js reference engine through the CLI: `project --engine umap-js` lays out the real
 * default model's words over the core's exact kNN graph, stores which engine made the layout and
 * how long it took, gives the same layout for the same seed, and preserves the cosine
 * neighbourhoods about as well as our engine does.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExplorerService } from '../../../main/core/service';
import { layoutQuality } from '../../../main/bench/projection-quality';
import { copyOfDefaultDb } from '../../helpers/temp';

const ROOT = path.resolve(__dirname, '../../..');
let db: string;

beforeAll(() => {
  db = copyOfDefaultDb();
});

function project(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/embedding-explorer.mjs'), 'project', '--db', db, '--json', ...args], {
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Doc {
  id: number;
  params: { nNeighbors: number; minDist: number; nEpochs: number; seed: number; engine?: string };
  engine: string;
  seconds: number;
  points: { word: string; x: number; y: number; z: number }[];
}

const coordsOf = (doc: Doc) => Float32Array.from(doc.points.flatMap((p) => [p.x, p.y, p.z]));

async function trustworthiness(service: ExplorerService, doc: Doc): Promise<number> {
  const data = await service.viewData({ view: { kind: 'words', words: doc.points.map((p) => p.word) }, knnK: 10 });
  expect(data.words).toEqual(doc.points.map((p) => p.word));
  return layoutQuality(data.vectors, data.dims, coordsOf(doc), data.knnIndices, data.knnK, 10).trustworthiness;
}

describe('embedding-explorer project --engine umap-js', () => {
  it('lays out every word with finite coordinates, deterministically for a seed, stored as made by umap-js', async () => {
    const a = project('--top', '1000', '--seed', '11', '--epochs', '200', '--engine', 'umap-js');
    expect(a.code, a.stderr).toBe(0);
    const doc = JSON.parse(a.stdout) as Doc;
    expect(doc.engine).toBe('umap-js');
    expect(doc.params).toEqual({ nNeighbors: 15, minDist: 0.1, nEpochs: 200, seed: 11, engine: 'umap-js' });
    expect(doc.points.length).toBeGreaterThanOrEqual(1000);
    expect(doc.seconds).toBeGreaterThan(0);
    const coords = coordsOf(doc);
    expect(coords.every(Number.isFinite)).toBe(true);
    // Not collapsed: the layout spans a real volume on every axis.
    for (let d = 0; d < 3; d++) {
      const axis = doc.points.map((p) => [p.x, p.y, p.z][d]);
      expect(Math.max(...axis) - Math.min(...axis)).toBeGreaterThan(1);
    }

    const b = project('--top', '1000', '--seed', '11', '--epochs', '200', '--engine', 'umap-js');
    expect(b.code, b.stderr).toBe(0);
    expect(coordsOf(JSON.parse(b.stdout) as Doc)).toEqual(coords);

    const ours = project('--top', '1000', '--seed', '11', '--epochs', '200');
    expect(ours.code, ours.stderr).toBe(0);
    const oursDoc = JSON.parse(ours.stdout) as Doc;
    expect(oursDoc.engine).toBe('builtin');
    expect(oursDoc.params.engine).toBeUndefined();

    const service = ExplorerService.open({ dbPath: db });
    try {
      const stored = await service.getProjection({ id: doc.id });
      expect(stored?.params.engine).toBe('umap-js');
      expect(stored?.meta).toMatchObject({ source: 'cli', engine: 'umap-js' });
      expect(stored?.name).toMatch(/umap-js/);
      const theirs = await trustworthiness(service, doc);
      const mine = await trustworthiness(service, oursDoc);
      expect(theirs).toBeGreaterThan(0.8);
      expect(theirs).toBeGreaterThan(mine - 0.05);
    } finally {
      service.close();
    }
  });

  it('refuses an unknown engine with a usage error', () => {
    const r = project('--top', '1000', '--engine', 'tsne');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--engine must be one of builtin, umap-js \(got "tsne"\)/);
  });
});
