import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;

/** A stand-in for BrowserWindow that records what the shell asks of it. */
class FakeWindow {
  static last: FakeWindow;
  readonly contentsHandlers = new Map<string, Handler>();
  openHandler: Handler | undefined;
  loaded: string | undefined;
  readonly webContents = {
    setWindowOpenHandler: (h: Handler) => (this.openHandler = h),
    on: (name: string, h: Handler) => this.contentsHandlers.set(name, h),
  };
  constructor(readonly options: Record<string, unknown>) {
    FakeWindow.last = this;
  }
  once() {}
  on() {}
  maximize() {}
  loadURL(url: string) {
    this.loaded = url;
    return Promise.resolve();
  }
}

const opened: string[] = [];
vi.mock('electron', () => ({
  BrowserWindow: FakeWindow,
  screen: {
    getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
    getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  },
  nativeTheme: { shouldUseDarkColors: true },
  shell: { openExternal: (url: string) => (opened.push(url), Promise.resolve()) },
}));

const { createMainWindow } = await import('../../../main/electron/window');

const open = (devUrl?: string) => {
  createMainWindow({ preload: 'out/preload/index.cjs', devUrl, saved: null, saveState: () => {} });
  return FakeWindow.last;
};

beforeEach(() => {
  opened.length = 0;
});

describe('the app window', () => {
  it('pins the webPreferences', () => {
    expect(open().options.webPreferences).toEqual({
      preload: path.resolve('out/preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    });
  });

  it('loads the page from app://, or the dev server only when given one', () => {
    expect(open().loaded).toBe('app://bundle/index.html');
    expect(open('http://localhost:5173/').loaded).toBe('http://localhost:5173/');
  });

  it('opens at a size that fits the display', () => {
    const o = open().options;
    expect(o).toMatchObject({ width: 1360, height: 860, minWidth: 800, minHeight: 560, show: false });
  });

  it('cancels every navigation, redirect and webview', () => {
    const w = open();
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      const handler = w.contentsHandlers.get(name);
      expect(handler, name).toBeDefined();
      handler!(event, 'https://example.com/');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
  });

  it('denies every new window and opens only allowlisted links outside', async () => {
    const w = open();
    for (const url of ['https://nlp.stanford.edu/projects/glove/', 'https://example.com/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(w.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    await Promise.resolve();
    expect(opened).toEqual(['https://nlp.stanford.edu/projects/glove/']);
  });
});
