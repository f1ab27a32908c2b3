/**
 * The bridge: exposes the contract as `window.explorerBridge`, named functions only. The page
 * never sees ipcRenderer; every call goes through a channel the main process validates.
 * Methods resolve to envelopes (errors as data), because Error objects lose their fields when
 * they cross the context bridge; the renderer's client unwraps them.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent, webUtils } from 'electron';
import {
  type BridgeApi,
  channelOf,
  DROPPED_FILES_CHANNEL,
  EVENT_CHANNEL,
  type ExplorerEvent,
  METHODS,
  PAGE_PROGRESS_CHANNEL,
} from '../common/contract/contract';
import { droppedPaths } from './dropped-paths';

const bridge: Record<string, unknown> = {
  onEvent(listener: (e: ExplorerEvent) => void) {
    const wrapped = (_e: IpcRendererEvent, event: ExplorerEvent) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
  // Paths come from the File objects of a real drop, resolved here; the page cannot name a path.
  openDroppedFiles(files: unknown) {
    return ipcRenderer.invoke(
      DROPPED_FILES_CHANNEL,
      droppedPaths(files, (f) => webUtils.getPathForFile(f)),
    );
  },
  // Main checks the value (a number in 0..1 or null) and the sender.
  setTaskbarProgress(fraction: unknown) {
    return ipcRenderer.invoke(PAGE_PROGRESS_CHANNEL, fraction);
  },
};
for (const method of METHODS) bridge[method] = (request?: unknown) => ipcRenderer.invoke(channelOf(method), request);

contextBridge.exposeInMainWorld('explorerBridge', bridge as BridgeApi);
