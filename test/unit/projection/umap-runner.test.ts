import { UMAP } from 'umap-js';
import { describe, expect, it } from 'vitest';
import { bruteForceKnn } from '../../../main/core/projection/knn-graph';
import { findAbParams } from '../../../common/umap/ab-params';
import { fuzzySimplicialSet } from '../../../common/umap/fuzzy-graph';
import { placePoints } from '../../../common/umap/place-points';
import { ProjectionCancelled, runUmap, runUmapSync, type UmapInput } from '../../../common/umap/umap-runner';
import { clusterPurity, clusteredVectors } from './fixtures';

const N = 600;
const DIMS = 20;
const { vectors, labels } = clusteredVectors(N, DIMS, 6, 3);
const knn = bruteForceKnn(vectors, N, DIMS, 15);
const input: UmapInput = { knnIndices: knn.indices, knnDistances: knn.distances, knnK: knn.k, vectors, dims: DIMS };
const params = { nNeighbors: 15, minDist: 0.1, nEpochs: 120, seed: 42 };

function maxDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('UMAP runner', () => {
  it('gives identical coordinates for the same input, parameters and seed (1e-6), and others for another seed', async () => {
    const a = runUmapSync(input, params);
    const b = runUmapSync(input, params);
    expect(a.length).toBe(N * 3);
    expect(maxDiff(a, b)).toBeLessThanOrEqual(1e-6);
    // The async path the Web Worker runs is the same computation.
    const c = await runUmap(input, params, { sliceMs: 5 });
    expect(maxDiff(a, c)).toBeLessThanOrEqual(1e-6);
    const other = runUmapSync(input, { ...params, seed: 7 });
    expect(maxDiff(a, other)).toBeGreaterThan(1e-3);
    for (const x of a) expect(Number.isFinite(x)).toBe(true);
  });

  it('separates clusters: most points have their nearest 3-D neighbour in their own cluster', () => {
    const coords = runUmapSync(input, params);
    expect(clusterPurity(coords, labels)).toBeGreaterThan(0.95);
  });

  it('reports phases and epoch x of y, streams intermediate layouts, and stops when cancelled', async () => {
    const seen: string[] = [];
    const layouts: number[] = [];
    await runUmap(input, params, {
      layoutEvery: 30,
      onProgress: (p) => seen.push(`${p.phase} ${p.epoch}/${p.epochs}`),
      onLayout: (coords, epoch) => {
        expect(coords.length).toBe(N * 3);
        layouts.push(epoch);
      },
    });
    expect(seen[0]).toBe('graph 0/120');
    expect(seen).toContain('optimise 60/120');
    expect(seen[seen.length - 1]).toBe('done 120/120');
    expect(layouts).toEqual([0, 30, 60, 90]);

    let epochsSeen = 0;
    const run = runUmap(input, params, { layoutEvery: 1, onProgress: (p) => (epochsSeen = p.epoch), isCancelled: () => epochsSeen >= 10 });
    await expect(run).rejects.toBeInstanceOf(ProjectionCancelled);
    expect(epochsSeen).toBeLessThan(20);
  });

  it('rejects bad parameters and malformed graphs with readable errors', () => {
    expect(() => runUmapSync(input, { ...params, nNeighbors: 1 })).toThrow(/nNeighbors/);
    expect(() => runUmapSync(input, { ...params, minDist: 1.5 })).toThrow(/minDist/);
    expect(() => runUmapSync(input, { ...params, nEpochs: 0 })).toThrow(/nEpochs/);
    expect(() => runUmapSync(input, { ...params, seed: -1 })).toThrow(/seed/);
    expect(() => runUmapSync(input, { ...params, nNeighbors: 40 })).toThrow(/knnK ≥ 39/);
    expect(() => runUmapSync({ ...input, knnDistances: input.knnDistances.subarray(1) }, params)).toThrow(/malformed/);
    expect(() => runUmapSync({ knnIndices: new Int32Array([1, 0]), knnDistances: new Float32Array(2), knnK: 1 }, params)).toThrow(
      /at least 3 points/,
    );
  });

  it('builds the same fuzzy graph as umap-js from the same precomputed kNN', () => {
    const n = 120;
    const small = clusteredVectors(n, 10, 4, 9).vectors;
    const g = bruteForceKnn(small, n, 10, 14);
    // umap-js expects self as the first neighbour, as umap-learn does.
    const idx: number[][] = [];
    const dist: number[][] = [];
    for (let i = 0; i < n; i++) {
      idx.push([i, ...Array.from(g.indices.subarray(i * 14, (i + 1) * 14))]);
      dist.push([0, ...Array.from(g.distances.subarray(i * 14, (i + 1) * 14))]);
    }
    const umap = new UMAP({ nNeighbors: 15, nComponents: 3, random: () => 0.5 });
    umap.setPrecomputedKNN(idx, dist);
    umap.initializeFit(Array.from({ length: n }, (_, i) => Array.from(small.subarray(i * 10, (i + 1) * 10))));
    const reference = (
      umap as unknown as { graph: { get(r: number, c: number): number; getAll(): { row: number; col: number; value: number }[] } }
    ).graph;
    const ours = fuzzySimplicialSet({ n, k: 14, indices: g.indices, distances: g.distances }, 15);
    const theirs = reference.getAll().filter((e) => e.value !== 0);
    expect(ours.vals.length).toBe(theirs.length);
    for (let i = 0; i < n; i++) {
      for (let p = ours.rowPtr[i]; p < ours.rowPtr[i + 1]; p++) {
        expect(ours.vals[p]).toBeCloseTo(reference.get(i, ours.cols[p]), 6);
      }
    }
  });

  it("fits umap-learn's curve parameters", () => {
    const { a, b } = findAbParams(1, 0.1);
    expect(a).toBeCloseTo(1.577, 2);
    expect(b).toBeCloseTo(0.895, 2);
  });

  it('places an added point near its neighbourhood without moving the layout', () => {
    // Leave one point of cluster 0 out, lay out the rest, then place it.
    const keep = Array.from({ length: N }, (_, i) => i).filter((i) => i !== 0);
    const sub = new Float32Array(keep.length * DIMS);
    keep.forEach((r, i) => sub.set(vectors.subarray(r * DIMS, (r + 1) * DIMS), i * DIMS));
    const g = bruteForceKnn(sub, keep.length, DIMS, 15);
    const layout = runUmapSync({ knnIndices: g.indices, knnDistances: g.distances, knnK: g.k, vectors: sub, dims: DIMS }, params);
    const before = layout.slice();
    // Exact neighbours of the left-out point among the layout's points.
    const q = vectors.subarray(0, DIMS);
    const sims = keep.map((_, i) => {
      let s = 0;
      for (let t = 0; t < DIMS; t++) s += sub[i * DIMS + t] * q[t];
      return { i, s };
    });
    sims.sort((x, y) => y.s - x.s || x.i - y.i);
    const nb = sims.slice(0, 15);
    const placed = placePoints(
      { layout, neighbours: Int32Array.from(nb.map((x) => x.i)), distances: Float32Array.from(nb.map((x) => 1 - x.s)), k: 15 },
      { minDist: 0.1, seed: 42 },
    );
    expect(maxDiff(layout, before)).toBe(0);
    expect(placed.length).toBe(3);
    // Distance to the centroid of its neighbours is small compared with the layout's extent.
    const c = [0, 1, 2].map((d) => nb.reduce((s, x) => s + layout[x.i * 3 + d], 0) / nb.length);
    const dist = Math.hypot(placed[0] - c[0], placed[1] - c[1], placed[2] - c[2]);
    const extent = Math.max(
      ...[0, 1, 2].map((d) => Math.max(...keep.map((_, i) => layout[i * 3 + d])) - Math.min(...keep.map((_, i) => layout[i * 3 + d]))),
    );
    expect(dist).toBeLessThan(extent * 0.1);
    // And its nearest point in 3-D belongs to its own cluster.
    let best = -1;
    let bestD = Infinity;
    keep.forEach((r, i) => {
      const d = Math.hypot(layout[i * 3] - placed[0], layout[i * 3 + 1] - placed[1], layout[i * 3 + 2] - placed[2]);
      if (d < bestD) {
        bestD = d;
        best = r;
      }
    });
    expect(labels[best]).toBe(labels[0]);
    // Placement is seeded too.
    const again = placePoints(
      { layout, neighbours: Int32Array.from(nb.map((x) => x.i)), distances: Float32Array.from(nb.map((x) => 1 - x.s)), k: 15 },
      { minDist: 0.1, seed: 42 },
    );
    expect(maxDiff(placed, again)).toBe(0);
  });
});

describe('neighbours of added points among a view', () => {
  it('equals the brute-force ranking (nearest first, ties to the lower index)', async () => {
    const { nearestAmong } = await import('../../../common/umap/place-points');
    const queries = vectors.subarray(0, 5 * DIMS);
    const points = vectors.subarray(5 * DIMS);
    const got = nearestAmong(points, queries, DIMS, 15);
    expect(got.k).toBe(15);
    for (let q = 0; q < 5; q++) {
      const sims: { i: number; s: number }[] = [];
      for (let i = 0; i < N - 5; i++) {
        let s = 0;
        for (let t = 0; t < DIMS; t++) s += points[i * DIMS + t] * queries[q * DIMS + t];
        sims.push({ i, s });
      }
      sims.sort((a, b) => b.s - a.s || a.i - b.i);
      expect(Array.from(got.indices.subarray(q * 15, q * 15 + 15))).toEqual(sims.slice(0, 15).map((x) => x.i));
      expect(got.distances[q * 15]).toBeCloseTo(1 - sims[0].s, 6);
    }
  });
});

describe('small views', () => {
  it('lays out a view smaller than nNeighbors (a query and 10 neighbours) with finite coordinates', () => {
    const n = 11;
    const small = clusteredVectors(n, 12, 2, 4).vectors;
    const g = bruteForceKnn(small, n, 12, 15);
    expect(g.k).toBe(10);
    const coords = runUmapSync(
      { knnIndices: g.indices, knnDistances: g.distances, knnK: g.k, vectors: small, dims: 12 },
      { nNeighbors: 15, minDist: 0.1, nEpochs: 100, seed: 1 },
    );
    expect(coords.length).toBe(33);
    for (const x of coords) expect(Number.isFinite(x)).toBe(true);
  });
});
