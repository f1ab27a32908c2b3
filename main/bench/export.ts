/**
 * Export figures: the time to export 50,000 and 200,000 points of the real default model to each
 * format, the longest stretch the event loop was blocked meanwhile (the budget is 50 ms) and the
 * peak memory the export added (resident set size above what the process held before it).
 * Called by the bench entry as a section; `dbPath` may name a store that already holds the
 * default model (else one is imported into a temporary folder first).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Projection } from '../../common/contract/contract';
import { type PendingFile, writeFilesAtomic } from '../core/export/atomic-write';
import { projectionCsv } from '../core/export/csv-writer';
import { type ExportData, prepareExport } from '../core/export/export-data';
import { projectionHtml } from '../core/export/html-writer';
import { projectionJson } from '../core/export/json-writer';
import { projectorMetadata, projectorVectors } from '../core/export/projector-writer';
import { projectionSvg } from '../core/export/svg-writer';
import type { Model } from '../core/model/model';
import { ExplorerService } from '../core/service';

/**
 * Samples the event loop every millisecond and keeps the longest gap beyond the timer's own,
 * with the CPU time the process used during that gap: on a busy shared machine a long gap with
 * little CPU is the process waiting for a core, not export work holding the loop.
 */
function loopMonitor(): { stop(): { wallMs: number; cpuMs: number; peakRssMB: number } } {
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let worst = { wallMs: 0, cpuMs: 0 };
  const rss0 = process.memoryUsage.rss();
  let peak = rss0;
  let timer: NodeJS.Timeout;
  const sample = () => {
    const now = performance.now();
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
    const cpu = process.cpuUsage(lastCpu);
    const gap = now - last - 1;
    if (gap > worst.wallMs) worst = { wallMs: gap, cpuMs: (cpu.user + cpu.system) / 1000 };
    last = now;
    lastCpu = process.cpuUsage();
  };
  const tick = () => {
    sample();
    timer = setTimeout(tick, 1);
  };
  timer = setTimeout(tick, 1);
  return {
    stop() {
      clearTimeout(timer);
      sample();
      return { ...worst, peakRssMB: Math.round((peak - rss0) / 1e5) / 10 };
    },
  };
}

const ms = (v: number) => Math.round(v * 10) / 10;

/** Exports the n most frequent words of the model (random coordinates) to every format; figures per format. */
async function exportAll(model: Model, n: number, dir: string): Promise<Record<string, unknown>> {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296) * 20 - 10;
  const projection: Projection = {
    id: 0,
    name: `bench ${n}`,
    model: model.name,
    createdAt: new Date().toISOString(),
    pointCount: n,
    view: { kind: 'top', top: n },
    params: { nNeighbors: 15, minDist: 0.1, nEpochs: 200, seed: 42 },
    words: model.words.slice(0, n),
    coords: Float32Array.from({ length: n * 3 }, rand),
    meta: {},
  };
  const q = model.lookup('virtue');
  const figures: Record<string, unknown> = {};
  const formats: Record<string, (d: ExportData) => PendingFile[]> = {
    csv: (d) => [{ path: path.join(dir, 'p.csv'), content: projectionCsv(d) }],
    json: (d) => [{ path: path.join(dir, 'p.json'), content: projectionJson(d) }],
    tsv: (d) => [
      { path: path.join(dir, 'vectors.tsv'), content: projectorVectors(d, model, d.rows, 'original') },
      { path: path.join(dir, 'metadata.tsv'), content: projectorMetadata(d) },
    ],
    svg: (d) => [{ path: path.join(dir, 'p.svg'), content: projectionSvg(d) }],
    html: (d) => [{ path: path.join(dir, 'p.html'), content: projectionHtml(d) }],
  };
  for (const [format, files] of Object.entries(formats)) {
    (globalThis as { gc?: () => void }).gc?.();
    const monitor = loopMonitor();
    const t0 = performance.now();
    const data = await prepareExport({
      projection,
      model,
      labels: new Array<string>(n).fill(''),
      query: { text: 'virtue', matched: 'virtue', modelIndex: q },
      appVersion: 'bench',
      source: '',
    });
    const written = await writeFilesAtomic(files(data));
    const seconds = (performance.now() - t0) / 1000;
    const worst = monitor.stop();
    figures[format] = {
      seconds: Math.round(seconds * 1000) / 1000,
      longestBlockMs: ms(worst.wallMs),
      cpuInLongestBlockMs: ms(worst.cpuMs),
      peakAddedRssMB: worst.peakRssMB,
      megabytes: Math.round(written.reduce((s, w) => s + w.bytes, 0) / 1e5) / 10,
    };
  }
  return figures;
}

export async function benchExport(
  _root: string,
  opts: { dbPath?: string; points?: number; largePoints?: number } = {},
): Promise<Record<string, unknown>> {
  const n = opts.points ?? 50_000;
  const large = opts.largePoints ?? 200_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-bench-export-'));
  const service = ExplorerService.open({ dbPath: opts.dbPath ?? path.join(dir, 'bench.db') });
  try {
    await service.ensureDefaultModel();
    const model = await service.model();
    // On a shared machine the loop also stalls when the process is simply not scheduled; an
    // idle second shows that floor so the per-format figures can be read against it.
    const idle = loopMonitor();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idleWorst = idle.stop();
    const figures: Record<string, unknown> = { points: n, idleLongestBlockMs: ms(idleWorst.wallMs) };
    Object.assign(figures, await exportAll(model, n, dir));
    if (large > 0) figures.large = { points: large, ...(await exportAll(model, Math.min(large, model.size), dir)) };
    return figures;
  } finally {
    service.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
