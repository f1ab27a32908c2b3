import fs from 'node:fs/promises';
import path from 'node:path';
import { type ExplorerEvent, MAX_VOCABULARY_CHARS } from '../../common/contract/contract';
import type { ExplorerService } from '../core/service';
import type { CheckedPath } from './file-kinds';
import type { RecentFile } from './recent-files';

export interface OpenContext {
  service: Pick<ExplorerService, 'importModel'>;
  /** Sends an event to the page of the app window (if there is one). */
  send(event: ExplorerEvent): void;
  /** Adds the file to File ▸ Open Recent. */
  remember(file: RecentFile): void;
}

/**
 * Opens one validated file. A model is imported by the main process straight from its path (the
 * page sees the job's progress and the new model through the usual events, and the new model
 * becomes the active one); a vocabulary is read here and handed to the page's preview, where the
 * user names and saves it. A failure reaches the page as an "open-failed" menu event.
 */
export async function openFile(file: CheckedPath, ctx: OpenContext): Promise<void> {
  const name = path.basename(file.path);
  try {
    if (file.kind === 'model') {
      ctx.remember({ path: file.path, kind: 'model' });
      await ctx.service.importModel({ path: file.path, activate: true });
      return;
    }
    if (file.size > MAX_VOCABULARY_CHARS) throw new Error(`"${name}" is too large for a vocabulary (at most 4 MiB).`);
    const content = await fs.readFile(file.path, 'utf8');
    if (content.length > MAX_VOCABULARY_CHARS) throw new Error(`"${name}" is too large for a vocabulary (at most 4 MiB).`);
    ctx.remember({ path: file.path, kind: 'vocabulary' });
    ctx.send({ type: 'menu', action: 'open-vocabulary', fileName: name, content });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    ctx.send({ type: 'menu', action: 'open-failed', message: message.includes(name) ? message : `${name}: ${message}` });
  }
}
