import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The Electron shell's start-up as main.ts wires it, with Electron stood in for: any API it
 * calls answers with another stand-in, except those the test sets.
 */
function stub(overrides: Record<PropertyKey, unknown> = {}): unknown {
  const cache: Record<PropertyKey, unknown> = { ...overrides };
  return new Proxy(function () {}, {
    get: (_t, prop) => (prop === 'then' ? undefined : prop in cache ? cache[prop] : (cache[prop] = stub())),
    apply: () => stub(),
    construct: () => stub() as object,
  });
}

const state = vi.hoisted(() => ({
  electron: {} as Record<string, unknown>,
  names: [
    'app',
    'dialog',
    'BrowserWindow',
    'ipcMain',
    'session',
    'Menu',
    'nativeTheme',
    'shell',
    'protocol',
    'net',
    'screen',
    'nativeImage',
    'webContents',
  ],
}));
// Each export reads the stand-in of the current test.
vi.mock('electron', () => Object.fromEntries(state.names.map((n) => [n, new Proxy(function () {}, handlerFor(n))])));
function handlerFor(name: string): ProxyHandler<() => void> {
  const target = () => state.electron[name] as Record<PropertyKey, unknown> & ((...a: unknown[]) => unknown);
  return {
    get: (_t, prop) => target()[prop],
    apply: (_t, self, args) => Reflect.apply(target(), self, args),
    construct: (_t, args) => Reflect.construct(target(), args) as object,
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-main-start-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.resetModules();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** Imports main.ts with a stand-in Electron and waits until it exits; what it printed and showed. */
async function startMain(app: Record<string, unknown>, windowThrows?: Error) {
  const exit = vi.fn();
  const showErrorBox = vi.fn();
  const exited = new Promise<number>((resolve) => exit.mockImplementation((code: number) => resolve(code)));
  state.electron = {
    ...Object.fromEntries(state.names.map((n) => [n, stub()])),
    // getPath: the desktop shell keeps window bounds, recent files and the theme in the user-data folder.
    app: stub({ whenReady: () => Promise.resolve(), requestSingleInstanceLock: () => true, getPath: () => dir, exit, ...app }),
    dialog: stub({ showErrorBox }),
    // The window opens on a real display: its bounds are computed from the work area before it is made.
    screen: stub({ getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }), getAllDisplays: () => [] }),
    BrowserWindow: windowThrows
      ? Object.assign(
          function () {
            throw windowThrows;
          },
          { getAllWindows: () => [], getFocusedWindow: () => undefined },
        )
      : stub(),
  };
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  try {
    await import('../../../main/electron/main');
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('no exit'), 10_000))]);
    await new Promise((r) => setTimeout(r, 20));
    return { code, errors, boxes: showErrorBox.mock.calls, unhandled };
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
}

describe('the Electron shell at start-up', () => {
  it('fails loudly when the Electron build of better-sqlite3 is missing, instead of loading the Node build', async () => {
    const appRoot = path.join(dir, 'checkout');
    fs.mkdirSync(path.join(appRoot, 'node_modules', 'better-sqlite3'), { recursive: true });
    fs.writeFileSync(path.join(appRoot, 'node_modules', 'better-sqlite3', 'package.json'), '{"version":"12.11.1"}');
    vi.stubEnv('EMBEDDING_EXPLORER_DB', path.join(dir, 'a.db'));
    const r = await startMain({ isPackaged: false, getAppPath: () => appRoot });
    expect(r.code).toBe(1);
    expect(r.errors.join('\n')).toMatch(
      /^Embedding Explorer cannot start: The Electron build of better-sqlite3 12\.11\.1 for Electron .* is missing .*npm start/m,
    );
    expect(r.boxes).toHaveLength(1);
    expect(r.boxes[0][0]).toBe('Embedding Explorer cannot start');
    expect(r.unhandled).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'a.db'))).toBe(false);
  });

  it('reports an error thrown late in start (the window) and exits 1, with no unhandled rejection', async () => {
    // Packaged: better-sqlite3 loads its own build (here the Node one, as the test runs in Node).
    vi.stubEnv('EMBEDDING_EXPLORER_DB', path.join(dir, 'b.db'));
    const r = await startMain({ isPackaged: true, getAppPath: () => dir }, new Error('the GPU process could not start'));
    expect(r.code).toBe(1);
    expect(r.errors).toContain('Embedding Explorer cannot start: the GPU process could not start');
    expect(r.boxes).toEqual([['Embedding Explorer cannot start', 'the GPU process could not start']]);
    expect(r.unhandled).toEqual([]);
  });
});
