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
import { dbArgument, isTrustedSender } from './sender';
import { createMainWindow } from './window';
import { installExportDialogs } from './export-dialog';
import { installAppMenu } from './menu';
import fs from 'node:fs';
import { chooseNativeBinding, explainNativeError } from './native-binding';
import { prepareSelfTest, runSelfTestAndQuit, type SelfTestContext } from './self-test';
import { parseSelfTestArgs } from './self-test-checks';
import { markReadyWhenShown, startWhenReady } from './startup';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererFile = path.join(here, '..', 'renderer', 'index.html');
const preload = path.join(here, '..', 'preload', 'index.cjs');
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

app.enableSandbox();

// Start-up and its failures (startup.ts), the --self-test mode (self-test.ts).
let selfTest: SelfTestContext | null = null;
let argError: unknown = null;
try {
  const args = parseSelfTestArgs(process.argv);
  if (args.enabled) selfTest = prepareSelfTest(args.timeoutMs);
} catch (e) {
  argError = e;
}

if (argError) fail(argError);
else if (!selfTest && !app.requestSingleInstanceLock()) {
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
  void startWhenReady(app.whenReady(), start, fail);
}

function fail(e: unknown): void {
  const text = e instanceof Error ? e.message : String(e);
  console.error(`Embedding Explorer cannot start: ${text}`);
  try {
    if (!selfTest) dialog.showErrorBox('Embedding Explorer cannot start', text);
  } finally {
    app.exit(1);
  }
}

function start(): void {
  let service: ExplorerService;
  try {
    const nativeBinding = chooseNativeBinding({
      packaged: app.isPackaged,
      appRoot: app.getAppPath(),
      electron: process.versions.electron,
      platform: process.platform,
      arch: process.arch,
      exists: fs.existsSync,
      readText: (f) => fs.readFileSync(f, 'utf8'),
    });
    service = ExplorerService.open({ dbPath: selfTest?.dbPath ?? resolveDbPath(dbArgument(process.argv)), nativeBinding });
  } catch (e) {
    throw explainNativeError(e);
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
  const win = createMainWindow({ preload, rendererFile, devUrl });
  markReadyWhenShown(win);
  const imported = service.ensureDefaultModel();
  imported.catch((e: Error) => console.error(`Embedding Explorer: ${e.message}`));
  if (selfTest) void runSelfTestAndQuit(win, selfTest, () => service.close(), imported);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow({ preload, rendererFile, devUrl });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => service.close());
}
