import path from 'node:path';
import { app, type Session } from 'electron';
import type { ExplorerService } from '../core/service';
import { getSetting, setSetting } from '../core/store/models-repo';

const LAST_FOLDER = 'export_last_folder';

/**
 * Exports leave the page as downloads (the same code as in browser mode); in Electron each one
 * opens a native save dialog that starts in the folder the last export went to (kept in the
 * store's settings, so it survives restarts) with the suggested file name filled in.
 */
export function installExportDialogs(session: Session, service: ExplorerService): void {
  session.on('will-download', (_event, item) => {
    let folder = app.getPath('documents');
    try {
      folder = getSetting(service.db, LAST_FOLDER) ?? folder;
    } catch {
      // An unreadable setting only loses the remembered folder.
    }
    item.setSaveDialogOptions({
      title: 'Export',
      defaultPath: path.join(folder, item.getFilename()),
      buttonLabel: 'Export',
    });
    item.once('done', (_e, state) => {
      if (state !== 'completed') return;
      const chosen = path.dirname(item.getSavePath());
      try {
        service.guardWrite(() => setSetting(service.db, LAST_FOLDER, chosen));
      } catch {
        // A read-only store cannot remember the folder; the export itself succeeded.
      }
    });
  });
}
