import { type BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channelOf, EVENT_CHANNEL, METHODS } from '../../common/contract/contract';
import { dispatch } from '../core/dispatch';
import type { ExplorerService } from '../core/service';

/**
 * Binds every contract method to ipcMain. The sender is checked on each call, and the payload
 * is validated inside `dispatch` before it reaches the core.
 */
export function registerIpc(
  service: ExplorerService,
  trusted: (event: IpcMainInvokeEvent) => boolean,
  windows: () => BrowserWindow[],
): () => void {
  for (const method of METHODS) {
    ipcMain.handle(channelOf(method), async (event, request: unknown) => {
      if (!trusted(event)) return { ok: false, error: { code: 'forbidden', message: 'Request from an untrusted page was refused.' } };
      return dispatch(service, method, request);
    });
  }
  const unsubscribe = service.onEvent((e) => {
    for (const w of windows()) if (!w.isDestroyed()) w.webContents.send(EVENT_CHANNEL, e);
  });
  return () => {
    unsubscribe();
    for (const method of METHODS) ipcMain.removeHandler(channelOf(method));
  };
}
