/**
 * Cluster figures for `npm run bench`: clustering and naming the 20,000 most frequent words (as
 * the app does on first request: spherical k-means in the core, names, stored with the
 * projection), beside the projection time of the same map in this run, and beside scikit-learn's
 * KMeans with the same k on the same unit vectors (one initialisation, names computed the same
 * way). The core's event loop is watched while it clusters: its longest stall is the figure the
 * page would feel (the page only waits for the answer).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultUmapParams } from '../../common/contract/contract';
import { runUmapSync } from '../../common/umap/umap-runner';
import { clusterCount } from '../core/cluster/spherical-kmeans';
import { ExplorerService } from '../core/service';
import { startApp } from './browser-app';

const PYTHON = '/usr/bin/python3';

/** scikit-learn KMeans on unit vectors (k-means++ start, one run, seeded) plus the same naming. */
const SKLEARN_SNIPPET = `
import json, sys, time
import numpy as np
from sklearn.cluster import KMeans
X = np.fromfile(sys.argv[1], dtype=np.float32).reshape(-1, int(sys.argv[2]))
k, seed = int(sys.argv[3]), int(sys.argv[4])
KMeans(n_clusters=2, n_init=1, random_state=0).fit(X[:500])
t = time.perf_counter()
km = KMeans(n_clusters=k, n_init=1, random_state=seed).fit(X)
names = []
for c in range(k):
    members = np.flatnonzero(km.labels_ == c)
    mean = X[members].mean(axis=0)
    names.append(members[np.argsort(-(X[members] @ mean))[:3]].tolist())
sec = time.perf_counter() - t
import sklearn
print(json.dumps({'seconds': sec, 'iterations': int(km.n_iter_), 'version': sklearn.__version__}))
`;

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Longest gap between timer ticks while `work` runs, as wall time and as the CPU time this
 * process used inside that gap: on a machine shared with other busy processes a gap can be long
 * only because the process was not scheduled, and the CPU figure tells the two apart.
 */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; maxMs: number; maxCpuMs: number }> {
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let maxMs = 0;
  let maxCpuMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    maxMs = Math.max(maxMs, now - last);
    maxCpuMs = Math.max(maxCpuMs, (cpu.user + cpu.system) / 1000);
    last = now;
    lastCpu = process.cpuUsage();
  }, 1);
  try {
    const result = await work();
    return { result, maxMs, maxCpuMs };
  } finally {
    clearInterval(timer);
  }
}

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

/**
 * Opens the app on the store (its latest projection is the 20,000-word map) and waits until the
 * map has settled; then deletes the stored clusters and has the page ask for them again, so the
 * core clusters the map while the page runs, and records the page's long tasks (> 50 ms on its
 * main thread) between asking and showing them.
 */
async function pageWhileClustering(service: ExplorerService, id: number): Promise<Record<string, unknown>> {
  const app = await startApp({ db: service.dbPath, copy: false });
  try {
    const page = app.page;
    await page.waitForSelector('#stage[data-clusters]', { timeout: 600_000 });
    await page.evaluate('window.explorerProbe.settled()');
    service.db.prepare('DELETE FROM projection_clusters WHERE projection_id = ?').run(id);
    await page.evaluate(`(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask' });
      performance.clearMarks();
      const stage = document.getElementById('stage');
      const id = stage.dataset.projectionId;
      stage.dataset.projectionId = '';
      stage.dataset.projectionId = id;
    })()`);
    await page.waitForSelector('#stage[data-clusters]', { timeout: 600_000 });
    const r = (await page.evaluate(`(() => {
      const start = performance.getEntriesByName('ee:clusters-start').pop();
      const done = performance.getEntriesByName('ee:clusters-done').pop();
      const during = window.__longTasks.filter(([s, d]) => s + d >= start.startTime && s <= done.startTime);
      return { waitedMs: done.startTime - start.startTime, tasks: during.map(([, d]) => Math.round(d)) };
    })()`)) as { waitedMs: number; tasks: number[] };
    return { waitedForCoreMs: Math.round(r.waitedMs), longTasks: r.tasks.length, longestTaskMs: Math.max(0, ...r.tasks) };
  } finally {
    await app.close();
  }
}

export async function benchClusters(opts: {
  dbPath: string;
  top?: number;
  log?: (line: string) => void;
}): Promise<Record<string, unknown>> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const top = opts.top ?? 20000;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-bench-clusters-'));
  const service = ExplorerService.open({ dbPath: opts.dbPath });
  try {
    await service.model();
    log(`clusters: top ${top}: projection (exact kNN graph + UMAP)…`);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const view = await service.viewData({ view: { kind: 'top', top }, knnK: 15 });
    const params = defaultUmapParams(view.words.length);
    const coords = runUmapSync(view, params);
    const projectionSeconds = (performance.now() - t0) / 1000;
    const projectionCpu = cpuSeconds(c0);
    const { id } = await service.saveProjection({ view: view.view, params, words: view.words, coords });
    log(`clusters: top ${top}: clustering and naming…`);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const { result, maxMs, maxCpuMs } = await longestStall(() => service.clusters({ id }));
    const clusterSeconds = (performance.now() - t1) / 1000;
    const clusterCpu = cpuSeconds(c1);
    const t2 = performance.now();
    await service.clusters({ id });
    const storedMs = performance.now() - t2;
    const figures: Record<string, unknown> = {
      points: view.words.length,
      k: result.method.k,
      iterations: result.method.iterations,
      ours_cluster_and_name_seconds: round(clusterSeconds),
      projection_seconds_same_map: round(projectionSeconds),
      cluster_share_of_projection: round(clusterSeconds / projectionSeconds, 3),
      ours_cluster_cpu_seconds: round(clusterCpu),
      projection_cpu_seconds_same_map: round(projectionCpu),
      machine_load_average: round(os.loadavg()[0], 1),
      reopen_stored_ms: round(storedMs, 1),
      core_longest_stall_ms: round(maxMs, 1),
      core_longest_stall_cpu_ms: round(maxCpuMs, 1),
      largest_clusters: result.clusters.slice(0, 3).map((c) => `${c.name} (${c.size})`),
    };
    if (fs.existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import sklearn'], { encoding: 'utf8' }).status === 0) {
      log(`clusters: top ${top}: scikit-learn KMeans on the same vectors…`);
      const vecFile = path.join(tmp, 'vectors.f32');
      fs.writeFileSync(vecFile, new Uint8Array(view.vectors.buffer, view.vectors.byteOffset, view.vectors.byteLength));
      const snippet = path.join(tmp, 'kmeans.py');
      fs.writeFileSync(snippet, SKLEARN_SNIPPET);
      const k = clusterCount(view.words.length);
      const r = spawnSync(PYTHON, [snippet, vecFile, String(view.dims), String(k), String(params.seed)], {
        encoding: 'utf8',
        timeout: 600_000,
      });
      const line = (r.stdout ?? '')
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .pop();
      if (r.status === 0 && line) {
        const res = JSON.parse(line) as { seconds: number; iterations: number; version: string };
        figures.sklearn_kmeans_seconds = round(res.seconds);
        figures.sklearn_iterations = res.iterations;
        figures.sklearn_version = res.version;
        figures.time_ratio_ours_over_sklearn = round(clusterSeconds / res.seconds);
      } else figures.sklearn_note = `scikit-learn failed: ${(r.stderr ?? '').trim().split('\n').pop() ?? `exit ${r.status}`}`;
    } else figures.sklearn_note = 'scikit-learn not installed: no reference';
    log(`clusters: top ${top}: the page while the core clusters the map it shows…`);
    figures.page = await pageWhileClustering(service, id);
    figures.note =
      'ours = spherical k-means (one thread, time-sliced in the core) + naming + storing; sklearn = KMeans (Lloyd, BLAS threads) on the same unit vectors, one k-means++ start, same naming.';
    return figures;
  } finally {
    service.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
