import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { EVENT_CHANNEL, type ExplorerEvent, type JobProgress } from '../../common/contract/contract';
import type { ExplorerService } from '../core/service';
import { showAbout, showLicences } from './about';
import { isTrustedAppSender } from './app-sender';
import { registerDesktopIpc } from './desktop-ipc';
import { checkOpenPath, checkOpenPaths, type CheckedPath, filesFromArgv } from './file-kinds';
import { openExternalLink } from './external-links';
import { readJsonFile, tryWriteJsonFile } from './json-file';
import { installAppMenu } from './menu';
import { openFile } from './open-files';
import { hardenSession } from './permissions';
import { ProgressTracker } from './progress';
import { handleAppProtocol } from './protocol';
import { addRecent, parseRecent, type RecentFile, withoutMissing } from './recent-files';
import { applyTheme, parseThemeChoice, type ThemeChoice } from './theme';
import { createMainWindow } from './window';
import { parseWindowState } from './window-state';

export interface DesktopOptions {
  service: ExplorerService;
  preload: string;
  /** out/renderer: the only folder app:// serves. */
  rendererRoot: string;
  devUrl?: string;
}

const MODEL_FILTERS = [
  { name: 'Word vectors', extensions: ['vec', 'gz', 'bin', 'txt', 'tsv'] },
  { name: 'All files', extensions: ['*'] },
];
const VOCABULARY_FILTERS = [
  { name: 'Vocabularies', extensions: ['txt', 'csv', 'tsv'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * The desktop side of the app around one window: protocol and session hardening, the menu, native
 * dialogs, recent files, theme, taskbar progress, files dropped or opened from the OS. The core
 * and the contract are the same as in browser mode; this adds only what a desktop app owes.
 */
export class Desktop {
  private win: BrowserWindow | undefined;
  private recent: RecentFile[];
  private theme: ThemeChoice;
  private readonly progress = new ProgressTracker();
  private readonly files: { state: string; recent: string; prefs: string };
  private pageReady: Promise<void> = Promise.resolve();

  constructor(private readonly opts: DesktopOptions) {
    const dir = app.getPath('userData');
    this.files = {
      state: path.join(dir, 'window-state.json'),
      recent: path.join(dir, 'recent-files.json'),
      prefs: path.join(dir, 'preferences.json'),
    };
    this.recent = parseRecent(readJsonFile(this.files.recent));
    this.theme = parseThemeChoice((readJsonFile(this.files.prefs) as { theme?: unknown } | undefined)?.theme);
  }

  /** Call once the app is ready; opens the window and returns it. */
  start(): BrowserWindow {
    const { service, devUrl } = this.opts;
    hardenSession(session.defaultSession, devUrl);
    handleAppProtocol(session.defaultSession, this.opts.rendererRoot);
    applyTheme(this.theme);
    this.rebuildMenu();
    registerDesktopIpc((event) => isTrustedAppSender(event, devUrl), {
      openPaths: (paths) => this.openPaths(paths),
      progress: (job) => this.showProgress(job),
    });
    service.onEvent((e) => {
      if (e.type === 'job') this.showProgress(e.job);
    });
    return this.createWindow();
  }

  createWindow(): BrowserWindow {
    const win = createMainWindow({
      preload: this.opts.preload,
      devUrl: this.opts.devUrl,
      saved: parseWindowState(readJsonFile(this.files.state)),
      saveState: (state) => tryWriteJsonFile(this.files.state, state),
    });
    this.win = win;
    this.pageReady = new Promise((resolve) => win.webContents.once('did-finish-load', () => resolve()));
    win.on('closed', () => {
      if (this.win === win) this.win = undefined;
    });
    return win;
  }

  window(): BrowserWindow | undefined {
    return this.win && !this.win.isDestroyed() ? this.win : undefined;
  }

  /** Brings the window to the front (a second launch, a file opened from the OS). */
  focus(): void {
    const win = this.window() ?? this.createWindow();
    if (win.isMinimized()) win.restore();
    win.focus();
  }

  send(event: ExplorerEvent): void {
    void this.pageReady.then(() => this.window()?.webContents.send(EVENT_CHANNEL, event));
  }

  /** Opens paths from a command line or the OS: validated like a drop, failures told to the page. */
  openFromOs(argv: readonly string[], cwd: string): void {
    const paths = filesFromArgv(argv, cwd);
    if (paths.length === 0) return;
    this.focus();
    this.openPaths(paths);
  }

  /** Opens validated paths; throws when `paths` is not a list of at most MAX_OPEN_PATHS entries. */
  openPaths(paths: unknown): number {
    const { ok, errors } = checkOpenPaths(paths);
    for (const message of errors) this.send({ type: 'menu', action: 'open-failed', message });
    for (const file of ok) void this.open(file);
    return ok.length;
  }

  private open(file: CheckedPath): Promise<void> {
    return openFile(file, { service: this.opts.service, send: (e) => this.send(e), remember: (r) => this.remember(r) });
  }

  private showProgress(job: JobProgress): void {
    const value = this.progress.update(job);
    this.window()?.setProgressBar(value);
  }

  private async chooseAndOpen(kind: 'model' | 'vocabulary'): Promise<void> {
    const win = this.window();
    const options: Electron.OpenDialogOptions = {
      title: kind === 'model' ? 'Import a model' : 'Open a vocabulary',
      buttonLabel: kind === 'model' ? 'Import' : 'Open',
      properties: ['openFile'],
      filters: kind === 'model' ? MODEL_FILTERS : VOCABULARY_FILTERS,
    };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    if (result.canceled || result.filePaths.length === 0) return;
    try {
      const file = checkOpenPath(result.filePaths[0]);
      // The menu item chosen decides the kind of a .txt or .tsv file, whatever its size.
      await this.open({ ...file, kind });
    } catch (e) {
      this.send({ type: 'menu', action: 'open-failed', message: (e as Error).message });
    }
  }

  private remember(file: RecentFile): void {
    this.recent = addRecent(this.recent, file);
    tryWriteJsonFile(this.files.recent, this.recent);
    app.addRecentDocument(file.path);
    this.rebuildMenu();
  }

  private rebuildMenu(): void {
    this.recent = withoutMissing(this.recent, (p) => fs.existsSync(p));
    installAppMenu(
      { isMac: process.platform === 'darwin', dev: Boolean(this.opts.devUrl), recent: this.recent, theme: this.theme },
      {
        openVocabulary: () => void this.chooseAndOpen('vocabulary'),
        importModel: () => void this.chooseAndOpen('model'),
        openRecent: (r) => {
          try {
            void this.open({ ...checkOpenPath(r.path), kind: r.kind });
          } catch (e) {
            this.send({ type: 'menu', action: 'open-failed', message: (e as Error).message });
            this.rebuildMenu();
          }
        },
        clearRecent: () => {
          this.recent = [];
          tryWriteJsonFile(this.files.recent, this.recent);
          app.clearRecentDocuments();
          this.rebuildMenu();
        },
        page: (action) => this.send({ type: 'menu', ...action }),
        setTheme: (choice) => {
          this.theme = choice;
          applyTheme(choice);
          tryWriteJsonFile(this.files.prefs, { theme: choice });
          this.rebuildMenu();
        },
        about: () => void showAbout(this.window()),
        licences: () => void showLicences(this.window()),
        openLink: (url) => void openExternalLink(url),
      },
    );
  }
}
