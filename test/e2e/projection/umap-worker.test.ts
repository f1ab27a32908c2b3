/**
 * The projection Web Worker as the page runs it (the built module worker in headless Chromium):
 * the same input, parameters and seed give the same coordinates in two runs, and the same as the
 * runner under Node (the CLI's path); cancel stops a run between epochs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bruteForceKnn } from '../../../main/core/projection/knn-graph';
import { fastKnnGraph } from '../../../main/core/projection/knn-symmetric';
import { runUmapSync } from '../../../common/umap/umap-runner';
import { PARTS_FROM } from '../../../common/umap/layout-parts';
import { clusteredVectors } from '../../unit/projection/fixtures';
import { sharedDefaultDb } from '../../helpers/temp';
import { type AppHandle, ROOT, startApp } from '../../../main/bench/browser-app';

const N = 400;
const DIMS = 16;
const { vectors } = clusteredVectors(N, DIMS, 5, 21);
const knn = bruteForceKnn(vectors, N, DIMS, 15);
const params = { nNeighbors: 15, minDist: 0.1, nEpochs: 80, seed: 42 };

/** The bits of the DOM Worker the page script uses (this file is typechecked without DOM types). */
interface PageWorker {
  onerror: ((e: { message: string; filename?: string; lineno?: number }) => void) | null;
  onmessage: ((e: { data: any }) => void) | null; // eslint-disable-line @typescript-eslint/no-explicit-any
  postMessage(m: unknown): void;
  terminate(): void;
}

interface PageResult {
  coords: number[];
  messages: string[];
}

describe('UMAP Web Worker in Chromium', () => {
  let app: AppHandle;
  let workerUrl: string;
  beforeAll(async () => {
    app = await startApp({ db: sharedDefaultDb(), waitForScene: false });
    const asset = fs.readdirSync(path.join(ROOT, 'out/renderer/assets')).find((f) => /^umap-worker-.*\.js$/.test(f));
    if (!asset) throw new Error('out/renderer/assets has no umap-worker bundle: run "npm run build" first.');
    workerUrl = `/assets/${asset}`;
  });
  afterAll(() => app?.close());

  function runInWorker(cancelAfterEpoch?: number, data = { knn, vectors, dims: DIMS, params }): Promise<PageResult> {
    return app.page.evaluate(
      ({ url, idx, dist, k, vec, dims, p, cancelAt }) =>
        new Promise<PageResult>((resolve, reject) => {
          const WorkerCtor = (globalThis as unknown as { Worker: new (u: string, o: { type: string }) => PageWorker }).Worker;
          const worker = new WorkerCtor(url, { type: 'module' });
          const messages: string[] = [];
          worker.onerror = (e) =>
            reject(new Error(`worker error: ${e.message} at ${e.filename}:${e.lineno} after ${messages.slice(-3).join(', ')}`));
          worker.onmessage = (e) => {
            const m = e.data;
            if (m.type === 'progress') {
              messages.push(`${m.progress.phase} ${m.progress.epoch}/${m.progress.epochs}`);
              if (cancelAt !== undefined && m.progress.epoch >= cancelAt) worker.postMessage({ type: 'cancel', id: 1 });
            } else if (m.type === 'layout') {
              messages.push(`layout ${m.epoch} ${m.coords instanceof Float32Array ? m.coords.length : 'not-f32'}`);
            } else {
              messages.push(m.type);
              worker.terminate();
              if (m.type === 'error') reject(new Error(m.message));
              else resolve({ coords: m.type === 'done' ? Array.from(m.coords as Float32Array) : [], messages });
            }
          };
          worker.postMessage({
            type: 'run',
            id: 1,
            input: {
              knnIndices: Int32Array.from(idx),
              knnDistances: Float32Array.from(dist),
              knnK: k,
              vectors: Float32Array.from(vec),
              dims,
            },
            params: p,
            layoutEvery: cancelAt === undefined ? 20 : 1,
          });
        }),
      {
        url: workerUrl,
        idx: Array.from(data.knn.indices),
        dist: Array.from(data.knn.distances),
        k: data.knn.k,
        vec: Array.from(data.vectors),
        dims: data.dims,
        p: data.params,
        cancelAt: cancelAfterEpoch,
      },
    );
  }

  it('streams progress and layouts, and gives the same coordinates in two runs and as under Node', async () => {
    const a = await runInWorker();
    const b = await runInWorker();
    expect(a.messages).toContain('graph 0/80');
    expect(a.messages).toContain('layout 40 1200');
    expect(a.messages).toContain('optimise 80/80');
    expect(a.messages[a.messages.length - 1]).toBe('done');
    const node = runUmapSync({ knnIndices: knn.indices, knnDistances: knn.distances, knnK: knn.k, vectors, dims: DIMS }, params);
    let diffRuns = 0;
    let diffNode = 0;
    for (let i = 0; i < node.length; i++) {
      diffRuns = Math.max(diffRuns, Math.abs(a.coords[i] - b.coords[i]));
      diffNode = Math.max(diffNode, Math.abs(a.coords[i] - node[i]));
    }
    expect(a.coords.length).toBe(N * 3);
    expect(diffRuns).toBeLessThanOrEqual(1e-6);
    expect(diffNode).toBeLessThanOrEqual(1e-6);
  });

  it('lays out a large map in parts on nested workers, with the coordinates of the one-thread run under Node', async () => {
    const n = PARTS_FROM;
    const dims = 8;
    const big = clusteredVectors(n, dims, 10, 33);
    const bigKnn = fastKnnGraph(big.vectors, n, dims, 10);
    const bigParams = { nNeighbors: 10, minDist: 0.1, nEpochs: 12, seed: 3 };
    const partWorkers: string[] = [];
    const onWorker = (w: { url(): string }) => {
      if (/layout-part-worker/.test(w.url())) partWorkers.push(w.url());
    };
    app.page.on('worker', onWorker);
    const r = await runInWorker(undefined, { knn: bigKnn, vectors: big.vectors, dims, params: bigParams });
    app.page.off('worker', onWorker);
    expect(r.messages[r.messages.length - 1]).toBe('done');
    expect(partWorkers.length).toBeGreaterThanOrEqual(1);
    const node = runUmapSync(
      { knnIndices: bigKnn.indices, knnDistances: bigKnn.distances, knnK: bigKnn.k, vectors: big.vectors, dims },
      bigParams,
    );
    let diff = 0;
    for (let i = 0; i < node.length; i++) diff = Math.max(diff, Math.abs(r.coords[i] - node[i]));
    expect(r.coords.length).toBe(n * 3);
    expect(diff).toBeLessThanOrEqual(1e-6);
  });

  it('stops between epochs when cancelled', async () => {
    const r = await runInWorker(5);
    expect(r.messages[r.messages.length - 1]).toBe('cancelled');
    const epochs = r.messages.filter((m) => m.startsWith('optimise')).length;
    expect(epochs).toBeLessThan(80);
  });
});

describe('placing added words in Chromium', () => {
  let app: AppHandle;
  let workerUrl: string;
  beforeAll(async () => {
    app = await startApp({ db: sharedDefaultDb(), waitForScene: false });
    const asset = fs.readdirSync(path.join(ROOT, 'out/renderer/assets')).find((f) => /^umap-worker-.*\.js$/.test(f));
    workerUrl = `/assets/${asset}`;
  });
  afterAll(() => app?.close());

  it('places a point next to its neighbours with the layout fixed, as the runner does under Node', async () => {
    const node = runUmapSync({ knnIndices: knn.indices, knnDistances: knn.distances, knnK: knn.k, vectors, dims: DIMS }, params);
    const placed = await app.page.evaluate(
      ({ url, layout, vec, dims }) =>
        new Promise<{ coords: number[]; neighbours: number[] }>((resolve, reject) => {
          const WorkerCtor = (globalThis as unknown as { Worker: new (u: string, o: { type: string }) => PageWorker }).Worker;
          const worker = new WorkerCtor(url, { type: 'module' });
          worker.onerror = (e) => reject(new Error(`worker error: ${e.message}`));
          worker.onmessage = (e) => {
            worker.terminate();
            if (e.data.type === 'placed')
              resolve({ coords: Array.from(e.data.coords as Float32Array), neighbours: Array.from(e.data.neighbours as Int32Array) });
            else reject(new Error(JSON.stringify(e.data)));
          };
          // The view's own point 7 as an "added" word: it lands on or next to itself.
          worker.postMessage({
            type: 'place',
            id: 9,
            viewVectors: Float32Array.from(vec),
            layout: Float32Array.from(layout),
            newVectors: Float32Array.from(vec.slice(7 * dims, 8 * dims)),
            dims,
            params: { nNeighbors: 15, minDist: 0.1, seed: 42 },
          });
        }),
      { url: workerUrl, layout: Array.from(node), vec: Array.from(vectors), dims: DIMS },
    );
    expect(placed.coords).toHaveLength(3);
    expect(placed.neighbours[0]).toBe(7);
    // Within the spread of its 15 neighbours.
    const nb = placed.neighbours.slice(0, 15);
    const centre = [0, 1, 2].map((d) => nb.reduce((s, i) => s + node[i * 3 + d], 0) / nb.length);
    const spread = Math.max(
      ...nb.map((i) => Math.hypot(node[i * 3] - centre[0], node[i * 3 + 1] - centre[1], node[i * 3 + 2] - centre[2])),
    );
    expect(Math.hypot(placed.coords[0] - centre[0], placed.coords[1] - centre[1], placed.coords[2] - centre[2])).toBeLessThanOrEqual(
      spread,
    );
  });
});
