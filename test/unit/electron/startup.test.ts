import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseNativeBinding, electronNativeBinding, explainNativeError } from '../../../main/electron/native-binding';
import { markReadyWhenShown, READY_ENV, startWhenReady } from '../../../main/electron/startup';
import { READY_ENV as LAUNCHER_READY_ENV } from '../../../scripts/launcher.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-startup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Collects unhandled rejections while `body` runs (and a tick after). */
async function unhandledDuring(body: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const listener = (e: unknown) => seen.push(e);
  process.on('unhandledRejection', listener);
  try {
    await body();
    await new Promise((r) => setTimeout(r, 20));
  } finally {
    process.off('unhandledRejection', listener);
  }
  return seen;
}

describe('start-up failures reach the error handler', () => {
  it('catches an error thrown inside start, which ready.then(start, fail) left unhandled', async () => {
    const failed: unknown[] = [];
    const boom = new Error('window could not be created');
    const unhandled = await unhandledDuring(() =>
      startWhenReady(
        Promise.resolve(),
        () => {
          throw boom;
        },
        (e) => failed.push(e),
      ),
    );
    expect(failed).toEqual([boom]);
    expect(unhandled).toEqual([]);
  });

  it('catches a late rejection of an async start, and a failed ready', async () => {
    const failed: unknown[] = [];
    await startWhenReady(
      Promise.resolve(),
      async () => {
        await new Promise((r) => setTimeout(r, 5));
        throw new Error('late');
      },
      (e) => failed.push(e),
    );
    await startWhenReady(
      Promise.reject(new Error('not ready')),
      () => undefined,
      (e) => failed.push(e),
    );
    expect(failed.map((e) => (e as Error).message)).toEqual(['late', 'not ready']);
  });

  it('runs start once and calls no handler when all goes well', async () => {
    let started = 0;
    const failed: unknown[] = [];
    await startWhenReady(
      Promise.resolve(),
      () => void started++,
      (e) => failed.push(e),
    );
    expect([started, failed.length]).toEqual([1, 0]);
  });
});

describe('telling the launcher that the window opened', () => {
  it('uses the variable the launcher sets, and writes the file only once the window is ready to show', () => {
    expect(READY_ENV).toBe(LAUNCHER_READY_ENV);
    const file = path.join(dir, 'ready');
    const win = new EventEmitter();
    markReadyWhenShown(win, { [READY_ENV]: file });
    expect(fs.existsSync(file)).toBe(false);
    win.emit('ready-to-show');
    expect(fs.existsSync(file)).toBe(true);
  });

  it('does nothing outside the launcher', () => {
    const win = new EventEmitter();
    markReadyWhenShown(win, {});
    expect(win.listenerCount('ready-to-show')).toBe(0);
  });
});

describe('the better-sqlite3 binding of the Electron shell', () => {
  const appRoot = path.join(dir, 'app');
  fs.mkdirSync(path.join(appRoot, 'node_modules', 'better-sqlite3'), { recursive: true });
  fs.writeFileSync(path.join(appRoot, 'node_modules', 'better-sqlite3', 'package.json'), '{"version":"12.11.1"}');
  const ctx = {
    packaged: false,
    appRoot,
    electron: '41.7.1',
    platform: 'linux',
    arch: 'x64',
    exists: fs.existsSync,
    readText: (f: string) => fs.readFileSync(f, 'utf8'),
  };
  const expected = electronNativeBinding(appRoot, { electron: '41.7.1', betterSqlite3: '12.11.1', platform: 'linux', arch: 'x64' });

  it('says the Electron build is missing, instead of loading the Node build', () => {
    expect(() => chooseNativeBinding(ctx)).toThrow(
      /The Electron build of better-sqlite3 12\.11\.1 for Electron 41\.7\.1 is missing .*"npm start"/,
    );
  });

  it('loads the Electron build made for this better-sqlite3 version', () => {
    fs.mkdirSync(path.dirname(expected), { recursive: true });
    fs.writeFileSync(expected, '');
    expect(expected).toContain('electron-41.7.1-better-sqlite3-12.11.1-linux-x64');
    expect(chooseNativeBinding(ctx)).toBe(expected);
    // After an upgrade of better-sqlite3 the old build is not taken.
    fs.writeFileSync(path.join(appRoot, 'node_modules', 'better-sqlite3', 'package.json'), '{"version":"12.12.0"}');
    expect(() => chooseNativeBinding(ctx)).toThrow(/better-sqlite3 12\.12\.0 .* is missing/);
  });

  it('leaves a package its own rebuilt module', () => {
    expect(chooseNativeBinding({ ...ctx, packaged: true })).toBeUndefined();
  });

  it('turns a raw NODE_MODULE_VERSION error into one that names the fix', () => {
    const raw = new Error(
      "The module '/p/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 145.",
    );
    const explained = explainNativeError(raw);
    expect(explained.message).toMatch(
      /^better-sqlite3 was built for another runtime than this Electron\. .*node scripts\/native\.mjs electron/,
    );
    const other = new Error('database is locked');
    expect(explainNativeError(other)).toBe(other);
  });
});
