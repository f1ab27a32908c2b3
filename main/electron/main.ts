/**
 * Electron shell: one window over the same core and contract as browser mode and the CLI.
 * Only this folder imports `electron`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, session } from 'electron';
import { resolveDbPath } from '../core/paths';
import { ExplorerService } from '../core/service';
import { registerIpc } from './ipc';
import { dbArgument, electronNativeBinding, isTrustedSender } from './sender';
import { createMainWindow } from './window';
import { installExportDialogs } from './export-dialog';
import { installAppMenu } from './menu';
import fs from 'node:fs';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererFile = path.join(here, '..', 'renderer', 'index.html');
const preload = path.join(here, '..', 'preload', 'index.cjs');
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  console.error('Embedding Explorer is already running; switching to its window.');
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.whenReady().then(start, (e) => fail(e));
}

function fail(e: unknown): void {
  dialog.showErrorBox('Embedding Explorer cannot start', e instanceof Error ? e.message : String(e));
  app.exit(1);
}

function start(): void {
  let service: ExplorerService;
  try {
    const binding = electronNativeBinding(app.getAppPath(), process.versions.electron, process.platform, process.arch);
    service = ExplorerService.open({
      dbPath: resolveDbPath(dbArgument(process.argv)),
      nativeBinding: fs.existsSync(binding) ? binding : undefined,
    });
  } catch (e) {
    return fail(e);
  }
  // No permission (camera, geolocation, notifications...) is ever needed by the page.
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permission === 'clipboard-sanitized-write'));
  registerIpc(
    service,
    (event) => isTrustedSender(event.senderFrame?.url, rendererFile, devUrl),
    () => BrowserWindow.getAllWindows(),
  );
  installExportDialogs(session.defaultSession, service);
  installAppMenu(() => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]);
  createMainWindow({ preload, rendererFile, devUrl });
  service.ensureDefaultModel().catch((e: Error) => console.error(`Embedding Explorer: ${e.message}`));
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow({ preload, rendererFile, devUrl });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => service.close());
}
