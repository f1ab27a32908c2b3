import { describe, expect, it, vi } from 'vitest';
import { channelOf, DROPPED_FILES_CHANNEL, EVENT_CHANNEL, METHODS, PAGE_PROGRESS_CHANNEL } from '../../../common/contract/contract';

const exposed: Record<string, Record<string, unknown>> = {};
const invoked: [string, unknown][] = [];
const listeners = new Map<string, unknown>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: (channel: string, payload: unknown) => (invoked.push([channel, payload]), Promise.resolve({ ok: true, value: null })),
    on: (channel: string, l: unknown) => listeners.set(channel, l),
    removeListener: (channel: string) => listeners.delete(channel),
  },
  webUtils: {
    getPathForFile: (f: File) => {
      if (!(f instanceof File)) throw new TypeError('not a File');
      return f.name === 'memory.txt' ? '' : `/home/u/${f.name}`;
    },
  },
}));
await import('../../../preload/index');
const { droppedPaths, MAX_DROPPED_FILES } = await import('../../../preload/dropped-paths');

describe('preload bridge', () => {
  it('exposes named functions only: the contract methods, onEvent, openDroppedFiles and setTaskbarProgress', () => {
    const bridge = exposed.explorerBridge;
    expect(Object.keys(exposed)).toEqual(['explorerBridge']);
    expect(Object.keys(bridge).sort()).toEqual([...METHODS, 'onEvent', 'openDroppedFiles', 'setTaskbarProgress'].sort());
    for (const [name, value] of Object.entries(bridge)) expect(typeof value, name).toBe('function');
    expect(Object.values(bridge)).not.toContain(undefined);
  });

  it('maps each method to its own channel and nothing else', async () => {
    invoked.length = 0;
    for (const m of METHODS) await (exposed.explorerBridge[m] as (r: unknown) => Promise<unknown>)({ x: 1 });
    expect(invoked).toEqual(METHODS.map((m) => [channelOf(m), { x: 1 }]));
  });

  it('subscribes to and unsubscribes from the event channel only', () => {
    const off = (exposed.explorerBridge.onEvent as (l: () => void) => () => void)(() => {});
    expect([...listeners.keys()]).toEqual([EVENT_CHANNEL]);
    off();
    expect(listeners.size).toBe(0);
  });

  it('resolves dropped files to paths itself; the page cannot pass a path', async () => {
    invoked.length = 0;
    const open = exposed.explorerBridge.openDroppedFiles as (f: unknown) => Promise<unknown>;
    await open([new File(['x'], 'wiki.vec'), '/etc/passwd', { path: '/etc/shadow', name: 'x' }, new File(['y'], 'memory.txt')]);
    await open('/etc/passwd');
    expect(invoked).toEqual([
      [DROPPED_FILES_CHANNEL, ['/home/u/wiki.vec']],
      [DROPPED_FILES_CHANNEL, []],
    ]);
  });

  it('sends page progress on its own channel', async () => {
    invoked.length = 0;
    await (exposed.explorerBridge.setTaskbarProgress as (f: unknown) => Promise<unknown>)(0.5);
    expect(invoked).toEqual([[PAGE_PROGRESS_CHANNEL, 0.5]]);
  });

  it('takes at most MAX_DROPPED_FILES files from one drop', () => {
    const files = Array.from({ length: 40 }, (_, i) => new File(['x'], `f${i}.vec`));
    expect(droppedPaths(files, (f) => `/d/${f.name}`)).toHaveLength(MAX_DROPPED_FILES);
  });
});
