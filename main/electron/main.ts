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
import { dbArgument, electronNativeBinding } from './sender';
import { installExportDialogs } from './export-dialog';
import fs from 'node:fs';
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

if (!claimSingleInstance(onSecondLaunch)) {
  console.error('Embedding Explorer is already running; switching to its window.');
  app.quit();
} else {
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
  registerIpc(
    service,
    (event) => isTrustedAppSender(event, devUrl),
    () => BrowserWindow.getAllWindows(),
  );
  installExportDialogs(session.defaultSession, service);
  const shell = new Desktop({ service, preload, rendererRoot, devUrl });
  desktop = shell;
  shell.start();
  service.ensureDefaultModel().catch((e: Error) => console.error(`Embedding Explorer: ${e.message}`));
  shell.openFromOs(process.argv, process.cwd());
  openFileEvents.flush((paths) => {
    shell.focus();
    shell.openPaths(paths);
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) shell.createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => service.close());
}
