/**
 * Reusable e2e harness: starts the built app in browser mode on a private copy of a database,
 * opens it in headless Chromium with real WebGL (SwiftShader) and hands back the page.
 *
 * Needs `npm run build` first (the CLI runs from out/). Independent of vitest, so benches can use
 * it too: pass the database path explicitly (in tests, `sharedDefaultDb()` from test/helpers/temp).
 *
 *   const app = await startApp({ db: sharedDefaultDb() });
 *   try { await app.page.getByRole('combobox', { name: 'Search words' }).fill('virtue'); … }
 *   finally { await app.close(); }
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { copyStore } from '../core/store/vectors-file';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** The project folder: found upwards from this file, so it works from test/ and from a bundle in out/. */
export const ROOT = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'bin/embedding-explorer.mjs')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface ServerHandle {
  /**
   * The start-up URL the server printed: its one-time code works once (the first page load
   * trades it for the session cookie), so a second browser context needs `origin` + cookie.
   */
  url: string;
  /** http://127.0.0.1:PORT, without any code. */
  origin: string;
  /** The session secret (printed because of --print-token), for `Authorization: Bearer` calls from tests. */
  token: string;
  /** Database the server uses (the private copy unless `copy: false`). */
  dbPath: string;
  /** Everything the server printed so far (stdout + stderr), for failure messages. */
  output(): string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Source database (e.g. the shared default-model store). Omit for an empty store (first run). */
  db?: string;
  /** Copy `db` into a temp folder first (default true): tests must not write to shared stores. */
  copy?: boolean;
  /** Extra CLI arguments. */
  args?: string[];
  /** Ms to wait for the URL line. Default 60 s. */
  timeoutMs?: number;
}

/** Starts `embedding-explorer serve --no-open --port 0` and resolves once it printed its URL. */
export async function startServer(options: ServeOptions = {}): Promise<ServerHandle> {
  const cli = path.join(ROOT, 'bin/embedding-explorer.mjs');
  if (!fs.existsSync(path.join(ROOT, 'out/main/cli.js'))) throw new Error('App not built: run "npm run build" first.');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-e2e-'));
  let dbPath = path.join(dir, 'explorer.db');
  if (options.db && options.copy !== false) copyStore(options.db, dbPath);
  else if (options.db) dbPath = options.db;
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, 'serve', '--no-open', '--print-token', '--db', dbPath, '--port', '0', ...(options.args ?? [])],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BROWSER: 'none' },
    },
  );
  let out = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => (out += s));
  const [url, token] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in time:\n${out}`)), options.timeoutMs ?? 60_000);
    child.stdout!.on('data', (s: string) => {
      out += s;
      const m = /running at (http:\/\/\S+)/.exec(out);
      const t = /API token: ([0-9a-f]+)/.exec(out);
      if (m && t) {
        clearTimeout(timer);
        resolve([m[1], t[1]]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
  let closed = false;
  return {
    url,
    origin: new URL(url).origin,
    token,
    dbPath,
    output: () => out,
    async close() {
      if (closed) return;
      closed = true;
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium with SwiftShader WebGL. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface AppHandle {
  server: ServerHandle;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors collected so far. */
  errors: string[];
  /** Opens the app again in a new page of the same context (the session cookie is the context's). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export interface AppOptions extends ServeOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'dark' | 'light';
  /** Wait for the scene to have drawn a projection (default true when `db` is given). */
  waitForScene?: boolean;
}

/** Server + browser + page on the app, ready to use. */
export async function startApp(options: AppOptions = {}): Promise<AppHandle> {
  const server = await startServer(options);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 800 },
      colorScheme: options.colorScheme ?? 'dark',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    const watch = (p: Page) => {
      p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      p.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
    };
    watch(page);
    await page.goto(server.url);
    const handle: AppHandle = {
      server,
      browser,
      context,
      page,
      errors,
      async reload() {
        await handle.page.reload();
      },
      async close() {
        await browser!.close().catch(() => undefined);
        await server.close();
      },
    };
    if (options.waitForScene ?? Boolean(options.db)) await waitForScene(page);
    return handle;
  } catch (e) {
    await browser?.close().catch(() => undefined);
    await server.close();
    throw e;
  }
}

/**
 * Resolves when the scene shows a projection: `#stage` carries `data-points` (> 0) and
 * `data-state="ready"`. Timeout generous because first-start projections compute UMAP.
 */
export async function waitForScene(page: Page, timeoutMs = 240_000): Promise<void> {
  // A selector wait, not a predicate: the page's CSP (no eval) rules out waitForFunction strings.
  try {
    await page.waitForSelector('#stage[data-state="ready"][data-points]:not([data-points="0"])', { state: 'attached', timeout: timeoutMs });
  } catch (e) {
    const why = await page
      .evaluate(
        `[document.getElementById('stage')?.dataset.state, document.getElementById('stage-message')?.textContent, document.getElementById('projection-error')?.textContent].join(' | ')`,
      )
      .catch((err: Error) => err.message);
    throw new Error(`The scene did not become ready within ${timeoutMs} ms (${String(why)}): ${(e as Error).message}`);
  }
}

/**
 * Resolves when the map has settled (no fly-to, streamed layout, neighbour placement or label
 * repack still to come): the page's own signal, so tests never sleep a guessed time.
 */
export async function waitForSettled(page: Page): Promise<void> {
  await page.evaluate('window.explorerProbe.settled()');
}

/** Counts canvas pixels that differ clearly from the scene background, from a real screenshot. */
export async function nonBackgroundPixels(page: Page, selector = '#stage canvas'): Promise<{ count: number; total: number }> {
  const png = decodePng(await page.locator(selector).first().screenshot());
  const { data, width, height } = png;
  // Background = the most common colour among a coarse sample.
  const tally = new Map<number, number>();
  for (let i = 0; i < width * height; i += 97) {
    const key = (data[i * 4] << 16) | (data[i * 4 + 1] << 8) | data[i * 4 + 2];
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  const bg = [...tally.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const [br, bgG, bb] = [(bg >> 16) & 255, (bg >> 8) & 255, bg & 255];
  let count = 0;
  for (let i = 0; i < width * height; i++) {
    const d = Math.abs(data[i * 4] - br) + Math.abs(data[i * 4 + 1] - bgG) + Math.abs(data[i * 4 + 2] - bb);
    if (d > 30) count++;
  }
  return { count, total: width * height };
}

/** Minimal decoder for the 8-bit, non-interlaced RGB/RGBA PNGs Chromium writes. Returns RGBA. */
export function decodePng(buf: Buffer): { width: number; height: number; data: Uint8Array } {
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = 6;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('ascii', pos + 4, pos + 8);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) throw new Error('unsupported PNG (bit depth or interlace)');
      colorType = body[9];
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  if (!bpp) throw new Error(`unsupported PNG colour type ${colorType}`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const cur = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? cur[row + x - bpp] : 0;
      const b = y > 0 ? cur[row - stride + x] : 0;
      const c = x >= bpp && y > 0 ? cur[row - stride + x - bpp] : 0;
      let v = raw[src + x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[row + x] = v & 255;
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data[i * 4] = cur[i * bpp];
    data[i * 4 + 1] = cur[i * bpp + 1];
    data[i * 4 + 2] = cur[i * bpp + 2];
    data[i * 4 + 3] = bpp === 4 ? cur[i * bpp + 3] : 255;
  }
  return { width, height, data };
}
