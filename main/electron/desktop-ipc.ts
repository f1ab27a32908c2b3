import { ipcMain } from 'electron';
import { DROPPED_FILES_CHANNEL, type Envelope, type JobProgress, PAGE_PROGRESS_CHANNEL } from '../../common/contract/contract';
import type { SenderLike } from './app-sender';
import { pageProgressJob } from './progress';

export interface DesktopIpcActions {
  /** Opens dropped files by path; throws on a payload that is not a short list; returns how many opened. */
  openPaths(paths: unknown): number;
  /** Shows a job's progress on the taskbar/dock. */
  progress(job: JobProgress): void;
}

/** The sender check first, then the action; any error becomes an envelope, never an exception. */
function guarded<T>(trusted: (event: SenderLike) => boolean, event: SenderLike, action: () => T): Envelope<T> {
  if (!trusted(event)) return { ok: false, error: { code: 'forbidden', message: 'Request from an untrusted page was refused.' } };
  try {
    return { ok: true, value: action() };
  } catch (e) {
    return { ok: false, error: { code: 'invalid-request', message: e instanceof Error ? e.message : String(e) } };
  }
}

/** The two desktop-only channels of the preload (drops, page progress), checked like the contract's. */
export function registerDesktopIpc(trusted: (event: SenderLike) => boolean, actions: DesktopIpcActions): void {
  ipcMain.handle(DROPPED_FILES_CHANNEL, (event, paths: unknown) => guarded(trusted, event, () => ({ opened: actions.openPaths(paths) })));
  ipcMain.handle(PAGE_PROGRESS_CHANNEL, (event, fraction: unknown) =>
    guarded(trusted, event, () => {
      actions.progress(pageProgressJob(fraction));
      return null;
    }),
  );
}
