/**
 * `--self-test`: the real Electron app on a temporary database proves that it works end to end:
 * the page reports ready, a search for "virtue" through the preload and IPC finds "morality",
 * and the scene drew (a capture of its canvas that is not blank, saved to a printed path). Then
 * the app quits with 0, or prints what failed and quits with 1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { app, type BrowserWindow } from 'electron';
import { blankness, checkNeighbours, formatReport, SELF_TEST_K, SELF_TEST_QUERY, type StepResult } from './self-test-checks';

export interface SelfTestContext {
  dir: string;
  dbPath: string;
  pngPath: string;
  timeoutMs: number;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the self-test needs of webContents (a test passes a stand-in). */
export interface SelfTestPage {
  executeJavaScript(code: string): Promise<unknown>;
  capturePage(rect?: Rect): Promise<{ toBitmap(): Buffer; toPNG(): Buffer; getSize(): { width: number; height: number } }>;
}

/** Scripts run in the page's main world (where the preload put window.explorerBridge). */
export const PAGE_SCRIPTS = {
  ready: `(() => { const s = document.getElementById('stage'); return !!s && s.dataset.state === 'ready' && Number(s.dataset.points) > 0 ? Number(s.dataset.points) : 0; })()`,
  state: `[document.getElementById('stage')?.dataset.state, document.getElementById('stage-message')?.textContent].filter(Boolean).join(': ') || 'no #stage'`,
  search: `window.explorerBridge ? window.explorerBridge.neighbors({ words: [${JSON.stringify(SELF_TEST_QUERY)}], k: ${SELF_TEST_K} }) : 'no window.explorerBridge (the preload did not run)'`,
  canvas: `(() => { const c = document.querySelector('#stage canvas'); if (!c) return null; const r = c.getBoundingClientRect(); return { x: Math.round(r.x), y: Math.round(r.y), width: Math.floor(r.width), height: Math.floor(r.height) }; })()`,
};

/** Before the app is ready: a private folder for the database, the picture and Chromium's profile. */
export function prepareSelfTest(timeoutMs: number): SelfTestContext {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedding-explorer-self-test-'));
  app.setPath('userData', path.join(dir, 'user-data'));
  // Without a GPU (CI under xvfb) Chromium draws WebGL in software only when allowed to.
  app.commandLine.appendSwitch('enable-unsafe-swiftshader');
  return { dir, dbPath: path.join(dir, 'explorer.db'), pngPath: path.join(dir, 'self-test.png'), timeoutMs };
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms)),
  );
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Runs the steps; each failure is recorded with its reason, and later steps that need it are skipped. */
export async function runSelfTest(page: SelfTestPage, ctx: SelfTestContext, clock: Clock = realClock): Promise<StepResult[]> {
  const steps: StepResult[] = [];
  const js = (code: string) => withTimeout(page.executeJavaScript(code), 30_000, 'the page');
  const start = clock.now();
  let points = 0;
  let lastError = '';
  while (clock.now() - start < ctx.timeoutMs) {
    points = Number(await js(PAGE_SCRIPTS.ready).catch((e: unknown) => ((lastError = message(e)), 0)));
    if (points > 0) break;
    await clock.sleep(250);
  }
  if (points <= 0) {
    const state = await js(PAGE_SCRIPTS.state).catch((e: unknown) => message(e));
    const detail = `the map was not ready after ${Math.round(ctx.timeoutMs / 1000)} s (page state: ${String(state)}${lastError ? `; ${lastError}` : ''})`;
    steps.push({ name: 'page ready', ok: false, detail });
    await savePicture(page, ctx.pngPath).catch(() => undefined);
    steps.push({ name: 'picture', ok: false, detail: `skipped; the window as it was is in ${ctx.pngPath}` });
    return steps;
  }
  steps.push({
    name: 'page ready',
    ok: true,
    detail: `the map shows ${points.toLocaleString('en-US')} words after ${((clock.now() - start) / 1000).toFixed(1)} s`,
  });

  try {
    steps.push({ name: `search "${SELF_TEST_QUERY}" through the preload and IPC`, ...checkNeighbours(await js(PAGE_SCRIPTS.search)) });
  } catch (e) {
    steps.push({ name: `search "${SELF_TEST_QUERY}" through the preload and IPC`, ok: false, detail: message(e) });
  }

  try {
    const rect = (await js(PAGE_SCRIPTS.canvas)) as Rect | null;
    if (!rect || rect.width <= 0 || rect.height <= 0) throw new Error('the page has no visible scene canvas');
    const { width, height, bitmap } = await savePicture(page, ctx.pngPath, rect);
    const b = blankness(bitmap, width, height);
    const drawn = `${b.differing.toLocaleString('en-US')} of ${b.total.toLocaleString('en-US')} pixels differ from the background; picture: ${ctx.pngPath}`;
    steps.push({ name: 'scene drawn', ok: !b.blank, detail: b.blank ? `the canvas is blank (${drawn})` : drawn });
  } catch (e) {
    steps.push({ name: 'scene drawn', ok: false, detail: message(e) });
  }
  return steps;
}

async function savePicture(page: SelfTestPage, file: string, rect?: Rect) {
  const image = await withTimeout(page.capturePage(rect), 30_000, 'capturePage');
  const { width, height } = image.getSize();
  fs.writeFileSync(file, image.toPNG());
  return { width, height, bitmap: image.toBitmap() };
}

/**
 * Runs the self-test on the app's window, prints the report, closes the store and quits. A
 * failed import of the default model or a crashed page ends it at once.
 */
export async function runSelfTestAndQuit(
  win: BrowserWindow,
  ctx: SelfTestContext,
  closeStore: () => void,
  imported: Promise<void>,
  log = console.log,
): Promise<void> {
  const started = Date.now();
  let steps: StepResult[];
  const gone = new Promise<StepResult[]>((resolve) =>
    win.webContents.once('render-process-gone', (_e, details) =>
      resolve([{ name: 'page', ok: false, detail: `the page's process ended (${details.reason}, exit code ${details.exitCode})` }]),
    ),
  );
  const importFailed = imported.then(
    () => new Promise<StepResult[]>(() => undefined),
    (e: unknown) => [{ name: 'default model import', ok: false, detail: message(e) }],
  );
  try {
    steps = await Promise.race([runSelfTest(win.webContents, ctx), gone, importFailed]);
  } catch (e) {
    steps = [{ name: 'self-test', ok: false, detail: message(e) }];
  }
  const { lines, exitCode } = formatReport(steps, Date.now() - started);
  for (const line of lines) log(line);
  try {
    closeStore();
  } catch {
    // Quitting anyway; the database is temporary.
  }
  // The temporary store is large (the whole default model); the picture stays for the user.
  for (const suffix of ['', '-wal', '-shm', '-vectors']) fs.rmSync(ctx.dbPath + suffix, { force: true, recursive: true });
  app.exit(exitCode);
}
