import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ExplorerEvent, EVENT_CHANNEL, type ImportModelRequest, type JobProgress } from '../../../common/contract/contract';

type Fn = (...args: unknown[]) => unknown;
const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'desktop-'));

/** Everything the shell asks of Electron, recorded. */
const rec = {
  menus: [] as unknown[],
  ipc: new Map<string, Fn>(),
  protocols: [] as string[],
  sessionHandlers: [] as string[],
  themeSource: '',
  sent: [] as [string, unknown][],
  progress: [] as number[],
  focused: 0,
  windows: 0,
  recentDocs: [] as string[],
};

class FakeWindow {
  private readonly handlers = new Map<string, Fn>();
  readonly webContents = {
    setWindowOpenHandler: () => {},
    on: () => {},
    once: (name: string, f: Fn) => name === 'did-finish-load' && queueMicrotask(() => f()),
    send: (channel: string, e: unknown) => rec.sent.push([channel, e]),
  };
  constructor() {
    rec.windows++;
  }
  once() {}
  on(name: string, f: Fn) {
    this.handlers.set(name, f);
  }
  close() {
    this.handlers.get('close')?.();
  }
  maximize() {}
  loadURL() {
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: 1000, height: 700 };
  }
  restore() {}
  focus() {
    rec.focused++;
  }
  setProgressBar(v: number) {
    rec.progress.push(v);
  }
}

const fakeSession = new Proxy(
  {
    protocol: { handle: (scheme: string) => rec.protocols.push(scheme) },
    webRequest: { onBeforeRequest: () => rec.sessionHandlers.push('webRequest') },
  },
  {
    get(target, prop) {
      if (prop in target) return target[prop as keyof typeof target];
      return (name?: unknown) => rec.sessionHandlers.push(typeof name === 'string' ? `${String(prop)}:${name}` : String(prop));
    },
  },
);

vi.mock('electron', () => ({
  app: {
    getPath: () => userData,
    addRecentDocument: (p: string) => rec.recentDocs.push(p),
    clearRecentDocuments: () => {},
    getVersion: () => '0.0.0',
  },
  BrowserWindow: FakeWindow,
  screen: { getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }), getAllDisplays: () => [] },
  nativeTheme: {
    shouldUseDarkColors: true,
    set themeSource(v: string) {
      rec.themeSource = v;
    },
  },
  session: { defaultSession: fakeSession },
  ipcMain: { handle: (channel: string, f: Fn) => rec.ipc.set(channel, f) },
  Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => rec.menus.push(m) },
  dialog: {},
  shell: {},
  protocol: {},
}));

const { Desktop } = await import('../../../main/electron/desktop');

const imports: ImportModelRequest[] = [];
let emit: (e: ExplorerEvent) => void = () => {};
const service = {
  importModel: (r: ImportModelRequest) => (imports.push(r), Promise.resolve({ name: 'wiki' })),
  onEvent: (l: (e: ExplorerEvent) => void) => ((emit = l), () => {}),
};
const vec = path.join(userData, 'wiki.vec');
const csv = path.join(userData, 'animals.csv');
let desktop: InstanceType<typeof Desktop>;

beforeAll(() => {
  fs.writeFileSync(vec, '1 2\na 1 2\n');
  fs.writeFileSync(csv, 'word,label\ncat,animal\n');
  fs.writeFileSync(path.join(userData, 'preferences.json'), JSON.stringify({ theme: 'light' }));
  desktop = new Desktop({ service: service as never, preload: '/app/out/preload/index.cjs', rendererRoot: '/app/out/renderer' });
  desktop.start();
});
afterAll(() => fs.rmSync(userData, { recursive: true, force: true }));

/** Until the page got `n` events: the files are read asynchronously, slower on a busy machine. */
const eventsSent = (n: number) =>
  vi.waitFor(() => expect(rec.sent.filter(([c]) => c === EVENT_CHANNEL).length).toBeGreaterThanOrEqual(n), { timeout: 5000 });

describe('desktop shell start-up', () => {
  it('serves app://, hardens the session, registers its channels, applies the stored theme, builds the menu and opens one window', () => {
    expect(rec.protocols).toEqual(['app']);
    expect(rec.sessionHandlers).toEqual(
      expect.arrayContaining([
        'setPermissionRequestHandler',
        'setPermissionCheckHandler',
        'setDevicePermissionHandler',
        'setDisplayMediaRequestHandler',
        'on:select-hid-device',
        'on:select-serial-port',
        'on:select-usb-device',
        'webRequest',
      ]),
    );
    expect([...rec.ipc.keys()].sort()).toEqual(['ee:desktop:open-dropped', 'ee:desktop:progress']);
    expect(rec.themeSource).toBe('light');
    expect(rec.menus).toHaveLength(1);
    expect(rec.windows).toBe(1);
  });

  it('opens files from a second launch: a model is imported, a vocabulary goes to the page, both become recent', async () => {
    desktop.openFromOs(['/opt/app/embedding-explorer', vec, csv, '/nowhere/gone.vec'], '/');
    await eventsSent(2);
    expect(rec.focused).toBe(1);
    expect(imports).toEqual([{ path: vec, activate: true }]);
    const events = rec.sent
      .filter(([c]) => c === EVENT_CHANNEL)
      .map(([, e]) => e as { action: string; fileName?: string; message?: string });
    expect(events.map((e) => e.action).sort()).toEqual(['open-failed', 'open-vocabulary']);
    expect(events.find((e) => e.action === 'open-failed')?.message).toMatch(/gone\.vec/);
    expect(JSON.parse(fs.readFileSync(path.join(userData, 'recent-files.json'), 'utf8'))).toEqual([
      { path: csv, kind: 'vocabulary' },
      { path: vec, kind: 'model' },
    ]);
    expect(rec.recentDocs).toEqual([vec, csv]);
    expect(rec.menus.length).toBeGreaterThan(1);
  });

  it('shows core job progress on the taskbar and clears it when the job ends', () => {
    const job = (fraction: number, state: JobProgress['state']): JobProgress => ({
      id: 'j',
      kind: 'import',
      phase: '',
      fraction,
      state,
      title: 'x',
    });
    rec.progress.length = 0;
    emit({ type: 'job', job: job(0.5, 'running') });
    emit({ type: 'job', job: job(1, 'done') });
    expect(rec.progress).toEqual([0.5, -1]);
  });
});
