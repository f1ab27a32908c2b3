import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DROPPED_FILES_CHANNEL, type JobProgress, PAGE_PROGRESS_CHANNEL } from '../../../common/contract/contract';

type Handler = (event: unknown, payload: unknown) => { ok: boolean; value?: unknown; error?: { code: string; message: string } };
const handlers = new Map<string, Handler>();
vi.mock('electron', () => ({ ipcMain: { handle: (channel: string, h: Handler) => handlers.set(channel, h) } }));

const { registerDesktopIpc } = await import('../../../main/electron/desktop-ipc');
const { isTrustedAppSender } = await import('../../../main/electron/app-sender');
const { checkOpenPaths } = await import('../../../main/electron/file-kinds');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desktop-ipc-'));
const vec = path.join(dir, 'wiki.vec');
fs.writeFileSync(vec, '1 2\na 1 2\n');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// The actions are the real validation; what would be opened or shown is recorded.
const opened: string[] = [];
const shown: JobProgress[] = [];
registerDesktopIpc((event) => isTrustedAppSender(event as never), {
  openPaths: (paths) => {
    const { ok } = checkOpenPaths(paths);
    opened.push(...ok.map((f) => f.path));
    return ok.length;
  },
  progress: (job) => shown.push(job),
});

const top = { url: 'app://bundle/index.html', parent: null };
const ours = { senderFrame: top };
const foreign = [
  { senderFrame: { url: 'https://evil.example/', parent: null } },
  { senderFrame: { url: 'app://bundle/index.html', parent: top } },
  { senderFrame: null },
];
const channels = [DROPPED_FILES_CHANNEL, PAGE_PROGRESS_CHANNEL];

describe('desktop IPC channels', () => {
  it('are registered', () => {
    expect([...handlers.keys()].sort()).toEqual([...channels].sort());
  });

  it('refuse every foreign sender, doing nothing', () => {
    for (const channel of channels) {
      for (const event of foreign) {
        expect(handlers.get(channel)!(event, channel === DROPPED_FILES_CHANNEL ? [vec] : 0.5)).toMatchObject({
          ok: false,
          error: { code: 'forbidden' },
        });
      }
    }
    expect(opened).toEqual([]);
    expect(shown).toEqual([]);
  });

  it('refuse malformed payloads with a clear error', () => {
    const drop = handlers.get(DROPPED_FILES_CHANNEL)!;
    for (const payload of [undefined, null, 'x', 3, { 0: vec }, Array(17).fill(vec)]) {
      expect(drop(ours, payload), JSON.stringify(payload)?.slice(0, 30)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    const progress = handlers.get(PAGE_PROGRESS_CHANNEL)!;
    for (const payload of [undefined, '0.5', -1, 2, NaN, {}, [0.5]]) {
      expect(progress(ours, payload), String(payload)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    expect(opened).toEqual([]);
    expect(shown).toEqual([]);
  });

  it('open only real files of a known kind from a list', () => {
    const r = handlers.get(DROPPED_FILES_CHANNEL)!(ours, [vec, '/etc/passwd', 'relative.vec', 7, `${vec}\0`, path.join(dir, 'nope.vec')]);
    expect(r).toEqual({ ok: true, value: { opened: 1 } });
    expect(opened).toEqual([vec]);
  });

  it('answer any generated payload with an envelope', () => {
    fc.assert(
      fc.property(fc.constantFrom(...channels), fc.anything(), (channel, payload) => {
        const r = handlers.get(channel)!(ours, payload);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.error?.code).toBe('invalid-request');
      }),
      { numRuns: 1000 },
    );
  });

  it('pass page progress to the taskbar', () => {
    shown.length = 0;
    handlers.get(PAGE_PROGRESS_CHANNEL)!(ours, 0.25);
    handlers.get(PAGE_PROGRESS_CHANNEL)!(ours, null);
    expect(shown.map((j) => [j.fraction, j.state])).toEqual([
      [0.25, 'running'],
      [1, 'done'],
    ]);
  });
});
