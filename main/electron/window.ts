import path from 'node:path';
import { BrowserWindow, nativeTheme, shell } from 'electron';

export interface WindowPaths {
  preload: string;
  rendererFile: string;
  devUrl?: string;
}

/** The app window: sandboxed, context-isolated, no Node in the page, no navigation away. */
export function createMainWindow(paths: WindowPaths): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Embedding Explorer',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#0e1117' : '#f6f7f9',
    webPreferences: {
      preload: path.resolve(paths.preload),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to documentation open in the real browser; the app window never spawns another.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  if (paths.devUrl) void win.loadURL(paths.devUrl);
  else void win.loadFile(paths.rendererFile);
  return win;
}
