/**
 * The bridge: exposes the contract as `window.explorerBridge`, named functions only. The page
 * never sees ipcRenderer; every call goes through a channel the main process validates.
 * Methods resolve to envelopes (errors as data), because Error objects lose their fields when
 * they cross the context bridge; the renderer's client unwraps them.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { type BridgeApi, channelOf, EVENT_CHANNEL, type ExplorerEvent, METHODS } from '../common/contract/contract';

const bridge: Record<string, unknown> = {
  onEvent(listener: (e: ExplorerEvent) => void) {
    const wrapped = (_e: IpcRendererEvent, event: ExplorerEvent) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
};
for (const method of METHODS) bridge[method] = (request?: unknown) => ipcRenderer.invoke(channelOf(method), request);

contextBridge.exposeInMainWorld('explorerBridge', bridge as BridgeApi);
