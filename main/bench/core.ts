import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExplorerService, defaultModelFile } from '../core/service';
import { exactScan } from '../core/search/exact-scan';
import { runBaseline } from './baseline';

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Child-process modes, so each figure is taken in a fresh process (RSS, cold model load). */
export async function benchChild(mode: string, dbPath: string, model?: string): Promise<void> {
  const t0 = performance.now();
  const service = ExplorerService.open({ dbPath });
  if (mode === 'import') await service.ensureDefaultModel();
  else if (mode === 'open') {
    // What a warm start needs for its first map: the words, and the vectors of the top 5,000.
    const m = await service.partialModel(model);
    await service.vectorsOf({ model, words: m.words.slice(0, 5000) });
  } else await service.model(model);
  const seconds = (performance.now() - t0) / 1000;
  service.close();
  process.stdout.write(`${JSON.stringify({ seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
}

function child(mode: string, dbPath: string): { seconds: number; maxRssMB: number } {
  const self = fileURLToPath(import.meta.url);
  const entry = path.join(path.dirname(self), self.includes(`${path.sep}chunks${path.sep}`) ? '..' : '.', 'bench.js');
  const r = spawnSync(process.execPath, [entry, '--child', mode, dbPath], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench child ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

/**
 * Issue 2 figures: first-run import, warm load, exact top-10 latency against numpy. Imports the
 * default model into `dbPath` (which must not hold it yet), leaving it there for other sections.
 */
export async function benchCore(root: string, queries = 200, dbPath?: string): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-bench-core-'));
  dbPath ??= path.join(dir, 'bench.db');
  try {
    const imp = fs.existsSync(dbPath) ? null : child('import', dbPath);
    const loads = [child('load', dbPath), child('load', dbPath), child('load', dbPath)].sort((a, b) => a.seconds - b.seconds);
    const service = ExplorerService.open({ dbPath });
    const model = await service.model();
    // The baseline's default query set: words 1000..1199 of the model.
    const words = model.words.slice(1000, 1000 + queries);
    const times: number[] = [];
    let exact = true;
    for (let rep = 0; rep < 2; rep++) {
      for (let w = 0; w < words.length; w++) {
        const i = 1000 + w;
        const t = performance.now();
        const hits = model.neighborsOf(i, 10);
        if (rep === 1) times.push(performance.now() - t);
        if (rep === 0 && w % 10 === 0) {
          const ref = exactScan(model.vectors, model.dims, model.row(i), 10, i);
          exact &&= JSON.stringify(ref.map((h) => h.index)) === JSON.stringify(hits.map((h) => h.index));
        }
      }
    }
    const plain: number[] = [];
    for (let w = 0; w < 20; w++) {
      const t = performance.now();
      exactScan(model.vectors, model.dims, model.row(1000 + w), 10, 1000 + w);
      plain.push(performance.now() - t);
    }
    service.close();
    times.sort((a, b) => a - b);
    plain.sort((a, b) => a - b);
    const wordsFile = path.join(dir, 'queries.txt');
    fs.writeFileSync(wordsFile, words.join('\n'));
    const base = runBaseline(root, ['knn', '--words', wordsFile, '--k', '10', '--wink', defaultModelFile()]);
    const numpyMedian = base.ok ? Number(base.value!.median_ms) : null;
    const median = quantile(times, 0.5);
    return {
      model: `${model.name} (${model.size.toLocaleString('en-US')} × ${model.dims})`,
      firstRunImportSeconds: imp ? round(imp.seconds) : 'not measured (store existed)',
      firstRunImportPeakRssMB: imp ? Math.round(imp.maxRssMB) : null,
      warmModelLoadSeconds: round(loads[1].seconds),
      warmModelLoadPeakRssMB: Math.round(loads[1].maxRssMB),
      knnQueries: times.length,
      knnTop10MedianMs: round(median),
      knnTop10P95Ms: round(quantile(times, 0.95)),
      knnExactAgainstPlainScan: exact,
      plainJsScanMedianMs: round(quantile(plain, 0.5)),
      numpyMedianMs: numpyMedian === null ? null : round(numpyMedian),
      numpyP95Ms: base.ok ? round(Number(base.value!.p95_ms)) : null,
      knnMedianRatioToNumpy: numpyMedian === null ? null : round(median / numpyMedian, 3),
      ...(base.ok ? {} : { baselineNote: base.note }),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
