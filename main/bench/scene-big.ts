/**
 * The scene at 200,000 points with real words: the bench stores a projection of the model's
 * most frequent words (laid out by scene-layout.ts, deterministic and cheap) in a copy of the
 * store, opens the app on it (the page shows the newest projection first), and measures:
 * - the time from opening the page to the map showing all points;
 * - orbiting with labels shown: animation-frame intervals, page work per frame (render + labels),
 *   the longest page task, and the labels on screen;
 * - hover picking: the first look-up after a camera move (builds the screen index) and the rest.
 * Frame times are software GL (SwiftShader) on this machine: relative figures, not a GPU's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ExplorerService } from '../core/service';
import { startApp, waitForScene, waitForSettled } from './browser-app';
import { islandLayout } from './scene-layout';
import { copyStore } from '../core/store/vectors-file';

export interface BigMapBench {
  points: number;
  /** Layout computed and stored by the bench (not part of what the page does), s. */
  layoutSeconds: number;
  /** Page opened to the map showing every point, s. */
  openSeconds: number;
  /** Longest page task from loading the page to the map drawn and settled (WebGL start-up, decoding, layout), ms. */
  openLongestTaskMs: number;
  /** Whether the page's clustering of the map had finished before the orbits (else they shared the CPU with it). */
  clusteredBeforeOrbit: boolean;
  /** Orbiting with every point drawn in every frame, and with the adaptive level of detail (the app's default). */
  orbitFull: BigMapBench['orbit'];
  orbit: {
    frames: number;
    /** Animation-frame interval (what the eye sees), ms. */
    medianMs: number;
    p95Ms: number;
    fps: number;
    /** Page work per rendered frame (render call + labels), ms. */
    pageWorkMedianMs: number;
    pageWorkP95Ms: number;
    pageWorkMaxMs: number;
    /** Longest task on the page's main thread while orbiting (PerformanceObserver longtask, > 50 ms), ms; 0 if none. */
    longestTaskMs: number;
    longTasks: number;
    /** Points drawn per moving frame at the end of the orbit (every point when the level of detail is off). */
    drawnWhileMoving: number;
  };
  /** Labels on screen after orbiting (bounded by the label budget, never piled up). */
  labelsShown: number;
  /** Hover picking: a first look-up after a camera move (builds the screen grid), then the mean of 1,000 look-ups, ms. */
  picking: { firstMs: number; meanMs: number; hits: number };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))] ?? 0;
};
const round = (x: number) => Math.round(x * 10) / 10;

/** Copies the store and saves a projection of its active model's `points` most frequent words in it. */
export async function storeWithBigMap(
  dbPath: string,
  points: number,
  dir: string,
): Promise<{ db: string; seconds: number; points: number }> {
  const db = path.join(dir, 'big-map.db');
  copyStore(dbPath, db);
  const service = ExplorerService.open({ dbPath: db });
  try {
    const model = await service.model();
    const n = Math.min(points, model.size);
    const t0 = performance.now();
    const coords = islandLayout(model.vectors, model.dims, n);
    const seconds = (performance.now() - t0) / 1000;
    await service.saveProjection({
      view: { kind: 'top', top: n },
      params: { nNeighbors: 15, minDist: 0.1, nEpochs: 0, seed: 42 },
      words: model.words.slice(0, n),
      coords,
      name: `Scene bench: ${n} words`,
    });
    return { db, seconds, points: n };
  } finally {
    service.close();
  }
}

async function orbit(page: Page, frames: number, lod: boolean): Promise<BigMapBench['orbit']> {
  await page.evaluate(`window.explorerProbe.setMotionLod(${lod})`);
  await page.evaluate(`(() => {
    window.__orbitTasks = [];
    window.explorerProbe.resetFrames();
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__orbitTasks.push(e.duration); }).observe({ type: 'longtask', buffered: false });
  })()`);
  const intervals = (await page.evaluate(`window.explorerProbe.orbit(${frames})`)) as number[];
  const work = (await page.evaluate('window.explorerProbe.frameWork()')) as number[];
  const tasks = (await page.evaluate('window.__orbitTasks')) as number[];
  const drawn = (await page.evaluate('window.explorerProbe.drawn()')) as { budget: number | null };
  const points = Number(await page.getAttribute('#stage', 'data-points'));
  const median = quantile(intervals, 0.5);
  return {
    frames: intervals.length,
    medianMs: round(median),
    p95Ms: round(quantile(intervals, 0.95)),
    fps: round(1000 / Math.max(1e-3, median)),
    pageWorkMedianMs: round(quantile(work, 0.5)),
    pageWorkP95Ms: round(quantile(work, 0.95)),
    pageWorkMaxMs: round(Math.max(0, ...work)),
    longestTaskMs: round(Math.max(0, ...tasks)),
    longTasks: tasks.length,
    drawnWhileMoving: lod && drawn.budget !== null ? Math.min(points, drawn.budget) : points,
  };
}

export async function benchBigMap(
  dbPath: string,
  opts: { points?: number; frames?: number; screenshot?: string } = {},
): Promise<BigMapBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-bench-scene-'));
  try {
    const stored = await storeWithBigMap(dbPath, opts.points ?? 200_000, dir);
    const t0 = Date.now();
    const app = await startApp({ db: stored.db, copy: false, waitForScene: false });
    try {
      const { page } = app;
      await page.waitForSelector(`#stage[data-state="ready"][data-points="${stored.points}"]`, { state: 'attached', timeout: 240_000 });
      const openSeconds = (Date.now() - t0) / 1000;
      await waitForScene(page);
      await waitForSettled(page);
      const openTasks = (await page.evaluate(
        `new Promise((resolve) => { const got = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) got.push(e.duration); }).observe({ type: 'longtask', buffered: true }); setTimeout(() => resolve(got), 200); })`,
      )) as number[];
      // The page clusters a map it opens (in the main process): orbit once that is done, so the
      // figures are the scene's and not a share of two cores with the clustering.
      const clustered = await page
        .waitForSelector('#stage[data-clusters]', { state: 'attached', timeout: 180_000 })
        .then(() => true)
        .catch(() => false);
      await waitForSettled(page);
      const orbitFull = await orbit(page, opts.frames ?? 120, false);
      await waitForSettled(page);
      const figures = await orbit(page, opts.frames ?? 120, true);
      await waitForSettled(page);
      const labelsShown = ((await page.evaluate('window.explorerProbe.labels()')) as string[]).length;
      if (opts.screenshot) await page.screenshot({ path: opts.screenshot });
      const picking = (await page.evaluate('window.explorerProbe.pickTiming(1000)')) as BigMapBench['picking'];
      return {
        points: stored.points,
        layoutSeconds: round(stored.seconds),
        openSeconds: round(openSeconds),
        openLongestTaskMs: round(Math.max(0, ...openTasks)),
        clusteredBeforeOrbit: clustered,
        orbitFull,
        orbit: figures,
        labelsShown,
        picking: {
          firstMs: round(picking.firstMs),
          meanMs: Math.round(picking.meanMs * 1000) / 1000,
          hits: picking.hits,
        },
      };
    } finally {
      await app.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
