/**
 * Time from launch to an interactive map (issue 14):
 * - browser mode, first run (empty store: the default model is imported, the first map is
 *   projected) and warm (the store from that run: model and last map saved): from starting
 *   `embedding-explorer serve` to the server's URL, to the map drawn, to the map settled;
 * - the CLI: a cold process answering `neighbors virtue --json` on the warm store.
 * Chromium's own start is measured apart and left out of the map times (a user's browser is
 * usually running already).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, startServer, waitForScene, waitForSettled } from './browser-app';

const round = (x: number) => Math.round(x * 100) / 100;

interface Launch {
  /** Seconds from spawning the server to its printed URL. */
  serverSeconds: number;
  /** Seconds from spawning the server to the map drawn (points on screen). */
  mapSeconds: number;
  /** Seconds from spawning the server to the map settled (nothing left to animate or place). */
  interactiveSeconds: number;
}

async function launch(dbPath: string): Promise<Launch> {
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const t0 = performance.now();
    const server = await startServer({ db: dbPath, copy: false, timeoutMs: 600_000 });
    try {
      const serverSeconds = (performance.now() - t0) / 1000;
      await page.goto(server.url);
      await waitForScene(page, 600_000);
      const mapSeconds = (performance.now() - t0) / 1000;
      await waitForSettled(page);
      const interactiveSeconds = (performance.now() - t0) / 1000;
      return { serverSeconds: round(serverSeconds), mapSeconds: round(mapSeconds), interactiveSeconds: round(interactiveSeconds) };
    } finally {
      await server.close();
    }
  } finally {
    await browser.close();
  }
}

export async function benchStartup(root: string): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-bench-startup-'));
  try {
    const dbPath = path.join(dir, 'startup.db');
    let t = performance.now();
    await (await launchBrowser()).close();
    const browserStartSeconds = round((performance.now() - t) / 1000);
    const firstRun = await launch(dbPath);
    const warm = await launch(dbPath);
    t = performance.now();
    const cli = spawnSync(
      process.execPath,
      [path.join(root, 'bin/embedding-explorer.mjs'), 'neighbors', 'virtue', '--json', '--db', dbPath],
      {
        encoding: 'utf8',
      },
    );
    const cliSeconds = round((performance.now() - t) / 1000);
    if (cli.status !== 0) throw new Error(`neighbors failed: ${cli.stderr}`);
    return { browserStartSeconds, firstRun, warm, cliNeighborsSeconds: cliSeconds };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
