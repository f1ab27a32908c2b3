/**
 * Scene figures, measured in browser mode in headless Chromium with software GL (SwiftShader), so
 * frame times are relative figures for this machine, not what a GPU laptop shows:
 * - long tasks (PerformanceObserver "longtask", > 50 ms on the page's main thread) during a
 *   projection run of the default view, streamed into the scene;
 * - orbiting 50,000 points: frame interval (median, p95) and the number of draw calls per frame;
 * - a map of 200,000 real words (scene-big.ts): orbit frame times with labels, with and without the
 *   level of detail, page work per frame, the longest page task, and hover-picking time.
 * Called by the bench entry as a section; needs the app built (`npm run build`) and Chromium.
 * `dbPath` may name a store that already holds the default model (it is copied, never written);
 * without it the server imports the model into a temporary store first.
 */
import type { Page } from 'playwright-core';
import { startApp, waitForSettled } from './browser-app';
import { benchBigMap, type BigMapBench } from './scene-big';

export interface SceneBench {
  /** Points and wall time of the measured projection run. */
  projectionPoints: number;
  projectionMs: number;
  /** Long tasks on the page's main thread during the run: count, longest and total, ms. */
  longTasks: { count: number; maxMs: number; totalMs: number };
  /** Orbiting n points: animation-frame intervals, ms. */
  orbit: { points: number; frames: number; medianMs: number; p95Ms: number; fps: number; cpuMsPerFrame: number };
  /** Draw calls per frame (points + highlight; labels are HTML). */
  drawCalls: number;
  /** Scene work per streamed layout (page main thread), ms. */
  layoutUpdates: { count: number; medianMs: number; maxMs: number };
  /** Longest CPU time of one rendered frame (render + labels), ms. */
  maxFrameCpuMs: number;
  renderer: string;
  /** The 200,000-word map; absent without a store holding the model (`dbPath`). */
  bigMap?: BigMapBench;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))] ?? 0;
};
const round = (x: number) => Math.round(x * 10) / 10;

/** Resolves when the projection run has finished and the map shows its layout. */
async function untilIdle(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForSelector('#projection-progress[hidden]', { state: 'attached', timeout: timeoutMs });
  await page.waitForSelector('#stage[data-state="ready"]', { state: 'attached', timeout: timeoutMs });
}

export async function benchScene(
  _root: string,
  opts: { dbPath?: string; points?: number; frames?: number; top?: number; skipProjection?: boolean; bigPoints?: number } = {},
): Promise<SceneBench> {
  const small = await benchSmall(opts);
  return opts.dbPath && opts.bigPoints !== 0
    ? { ...small, bigMap: await benchBigMap(opts.dbPath, { points: opts.bigPoints, frames: opts.frames }) }
    : small;
}

async function benchSmall(
  opts: { dbPath?: string; points?: number; frames?: number; top?: number; skipProjection?: boolean } = {},
): Promise<SceneBench> {
  const points = opts.points ?? 50_000;
  const frames = opts.frames ?? 120;
  const top = opts.top ?? 5000;
  const app = await startApp({ db: opts.dbPath, waitForScene: true });
  try {
    const { page } = app;
    const renderer = String(
      await page.evaluate(
        `(() => { const gl = document.createElement('canvas').getContext('webgl2'); const i = gl && gl.getExtension('WEBGL_debug_renderer_info'); return i ? gl.getParameter(i.UNMASKED_RENDERER_WEBGL) : 'unknown'; })()`,
      ),
    );
    // 1. Long tasks while a projection runs and streams its layouts into the scene.
    await page.evaluate(`(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: false });
    })()`);
    await page.fill('#view-size', String(top));
    const t0 = Date.now();
    if (!opts.skipProjection) {
      await page.click('#projection-run');
      await page.waitForSelector('#projection-progress:not([hidden])', { state: 'attached', timeout: 10_000 }).catch(() => undefined);
      await untilIdle(page, 600_000);
    }
    const projectionMs = Date.now() - t0;
    const tasks = (await page.evaluate('window.__longTasks.map((t) => t.duration)')) as number[];
    const timeline = await page.evaluate(`(() => {
      const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('ee:')).map((m) => [m.name, Math.round(m.startTime)]);
      const layouts = performance.getEntriesByName('ee:layout').map((m) => m.duration).sort((a, b) => a - b);
      return { marks, medianLayoutMs: layouts[layouts.length >> 1] ?? 0, maxLayoutMs: Math.max(0, ...layouts), layouts: layouts.length, maxFrameMs: window.explorerProbe.maxFrameMs(), tasks: window.__longTasks.map((t) => [Math.round(t.start), Math.round(t.duration)]) };
    })()`);
    if (process.env.SCENE_BENCH_TIMELINE) process.stderr.write(`${JSON.stringify(timeline)}\n`);
    const t = timeline as { medianLayoutMs: number; maxLayoutMs: number; layouts: number; maxFrameMs: number };
    const projectionPoints = Number(await page.getAttribute('#stage', 'data-points'));
    // 2. Orbiting many points (synthetic clustered layout: the scene's cost depends on the count only).
    await page.evaluate(`window.explorerProbe.synthetic(${points})`);
    await waitForSettled(page);
    const intervals = (await page.evaluate(`window.explorerProbe.orbit(${frames})`)) as number[];
    const info = (await page.evaluate('window.explorerProbe.info()')) as { calls: number; points: number; cpuMs: number };
    const median = quantile(intervals, 0.5);
    return {
      projectionPoints,
      projectionMs,
      longTasks: { count: tasks.length, maxMs: round(Math.max(0, ...tasks)), totalMs: round(tasks.reduce((a, b) => a + b, 0)) },
      orbit: {
        points: info.points,
        frames: intervals.length,
        medianMs: round(median),
        p95Ms: round(quantile(intervals, 0.95)),
        fps: round(1000 / Math.max(1e-3, median)),
        cpuMsPerFrame: round(info.cpuMs),
      },
      drawCalls: info.calls,
      layoutUpdates: { count: t.layouts, medianMs: round(t.medianLayoutMs), maxMs: round(t.maxLayoutMs) },
      maxFrameCpuMs: round(t.maxFrameMs),
      renderer,
    };
  } finally {
    await app.close();
  }
}
