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
import { dbArgument } from './db-argument';
import { installExportDialogs } from './export-dialog';
import fs from 'node:fs';
import { chooseNativeBinding, explainNativeError } from './native-binding';
import { prepareSelfTest, runSelfTestAndQuit, type SelfTestContext } from './self-test';
import { parseSelfTestArgs } from './self-test-checks';
import { markReadyWhenShown, startWhenReady } from './startup';
// Desktop shell: app:// protocol, hardening, menu, dialogs, files from the OS (see desktop.ts).
import { isTrustedAppSender } from './app-sender';
import { Desktop } from './desktop';
import { devRendererUrl } from './dev-url';
import { registerAppScheme } from './protocol';
import { claimSingleInstance, collectOpenFileEvents } from './single-instance';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererRoot = path.join(here, '..', 'renderer');
const preload = path.join(here, '..', 'preload', 'index.cjs');
const devUrl = devRendererUrl(process.env, process.argv, app.isPackaged);

app.enableSandbox();
registerAppScheme();
let desktop: Desktop | undefined;
const openFileEvents = collectOpenFileEvents();
const onSecondLaunch = (argv: string[], cwd: string): void => {
  desktop?.focus();
  desktop?.openFromOs(argv, cwd);
};

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
else if (!selfTest && !claimSingleInstance(onSecondLaunch)) {
  console.error('Embedding Explorer is already running; switching to its window.');
  app.quit();
} else {
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
  registerIpc(
    service,
    (event) => isTrustedAppSender(event, devUrl),
    () => BrowserWindow.getAllWindows(),
  );
  installExportDialogs(session.defaultSession, service);
  const shell = new Desktop({ service, preload, rendererRoot, devUrl });
  desktop = shell;
  const win = shell.start();
  markReadyWhenShown(win);
  const imported = service.ensureDefaultModel();
  imported.catch((e: Error) => console.error(`Embedding Explorer: ${e.message}`));
  if (selfTest) void runSelfTestAndQuit(win, selfTest, () => service.close(), imported);
  else {
    shell.openFromOs(process.argv, process.cwd());
    openFileEvents.flush((paths) => {
      shell.focus();
      shell.openPaths(paths);
    });
  }
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) shell.createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => service.close());
}
