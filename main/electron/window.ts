import path from 'node:path';
import { BrowserWindow, screen } from 'electron';
import { openExternalLink } from './external-links';
import { APP_ENTRY } from './protocol';
import { windowBackground } from './theme';
import { MIN_SIZE, restoreBounds, type WindowState } from './window-state';

export interface WindowOptions {
  preload: string;
  /** The development server's URL (only with the explicit dev flag, see dev-url.ts). */
  devUrl?: string;
  /** Bounds remembered from the last run. */
  saved: WindowState | null;
  /** Called with the window's state when it closes, to be remembered. */
  saveState(state: WindowState): void;
}

/** The URL the window loads: the app's own protocol, or the dev server in development. */
export function entryUrl(devUrl?: string): string {
  return devUrl ?? APP_ENTRY;
}

/** The app window. It never navigates away, never opens another window, never attaches a webview. */
export function createMainWindow(opts: WindowOptions): BrowserWindow {
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea);
  const bounds = restoreBounds(opts.saved, workAreas);
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Embedding Explorer',
    backgroundColor: windowBackground(),
    // Written out here, not built elsewhere, so static analysis (Electronegativity) sees them;
    // test/unit/electron/window.test.ts pins them. Sandboxed and context-isolated, no Node
    // anywhere (page, workers, subframes), web security on, no webview tag, no experimental or
    // extra Blink features, middle-click (auxclick) disabled, no navigation by dropping a file.
    webPreferences: {
      preload: path.resolve(opts.preload),
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
    },
  });
  if (opts.saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => opts.saveState({ bounds: win.getNormalBounds(), maximized: win.isMaximized() }));
  const contents = win.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    // Links the app itself shows open in the user's browser, if they are on the allowlist.
    void openExternalLink(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  void win.loadURL(entryUrl(opts.devUrl));
  return win;
}
