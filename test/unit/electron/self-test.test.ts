import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it, vi } from 'vitest';

// The Electron binary is not available to tests: the self-test's Electron calls are stood in for.
const electron = vi.hoisted(() => ({
  app: { setPath: vi.fn(), commandLine: { appendSwitch: vi.fn() }, exit: vi.fn() },
}));
vi.mock('electron', () => electron);

import { PAGE_SCRIPTS, prepareSelfTest, runSelfTest, type SelfTestPage } from '../../../main/electron/self-test';
import { blankness, checkNeighbours, formatReport, parseSelfTestArgs } from '../../../main/electron/self-test-checks';

const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A BGRA bitmap of the scene background with `dots` 3×3 points drawn on it. */
function sceneBitmap(width: number, height: number, dots: number): Buffer {
  const b = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) b.set([0x17, 0x11, 0x0e, 255], i * 4);
  for (let d = 0; d < dots; d++) {
    const cx = 5 + ((d * 37) % (width - 10));
    const cy = 5 + ((d * 53) % (height - 10));
    for (let y = -1; y <= 1; y++) for (let x = -1; x <= 1; x++) b.set([0x60, 0xc0, 0xf0, 255], ((cy + y) * width + cx + x) * 4);
  }
  return b;
}

function image(bitmap: Buffer, width: number, height: number) {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) png.data.set([bitmap[i * 4 + 2], bitmap[i * 4 + 1], bitmap[i * 4], 255], i * 4);
  return { toBitmap: () => bitmap, toPNG: () => PNG.sync.write(png), getSize: () => ({ width, height }) };
}

const virtueEnvelope = {
  ok: true,
  value: [
    {
      model: 'glove-6b-100d',
      query: 'virtue',
      matched: 'virtue',
      neighbors: [
        { word: 'ideals', similarity: 0.648, rank: 9000 },
        { word: 'morality', similarity: 0.6312, rank: 12000 },
      ],
    },
  ],
};

/** A page that becomes ready after `readyAfter` polls and answers the self-test's scripts. */
function fakePage(opts: {
  readyAfter?: number;
  envelope?: unknown;
  dots?: number;
  canvas?: boolean;
}): SelfTestPage & { captured: unknown[] } {
  let polls = 0;
  const captured: unknown[] = [];
  return {
    captured,
    executeJavaScript(code) {
      if (code === PAGE_SCRIPTS.ready) return Promise.resolve(++polls > (opts.readyAfter ?? 2) ? 5000 : 0);
      if (code === PAGE_SCRIPTS.state) return Promise.resolve('loading: Importing the default model… 40%');
      if (code === PAGE_SCRIPTS.search) return Promise.resolve(opts.envelope ?? virtueEnvelope);
      if (code === PAGE_SCRIPTS.canvas) return Promise.resolve(opts.canvas === false ? null : { x: 300, y: 0, width: 200, height: 120 });
      return Promise.reject(new Error(`unexpected script ${code}`));
    },
    capturePage(rect) {
      captured.push(rect);
      return Promise.resolve(image(sceneBitmap(200, 120, opts.dots ?? 200), 200, 120));
    },
  };
}

function context(timeoutMs = 10_000) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-self-test-unit-'));
  made.push(dir);
  return { dir, dbPath: path.join(dir, 'explorer.db'), pngPath: path.join(dir, 'self-test.png'), timeoutMs };
}

/** A clock that advances by the time slept, so waiting costs nothing. */
function fakeClock() {
  let t = 0;
  return { now: () => t, sleep: (ms: number) => ((t += ms), Promise.resolve()) };
}

describe('self-test arguments', () => {
  it('reads --self-test and its timeout', () => {
    expect(parseSelfTestArgs(['electron', '/app'])).toEqual({ enabled: false, timeoutMs: 300_000 });
    expect(parseSelfTestArgs(['app.exe', '--self-test'])).toEqual({ enabled: true, timeoutMs: 300_000 });
    expect(parseSelfTestArgs(['electron', '.', '--self-test', '--self-test-timeout=90'])).toEqual({ enabled: true, timeoutMs: 90_000 });
    expect(parseSelfTestArgs(['electron', '.', '--self-test', '--self-test-timeout', '2.5'])).toEqual({ enabled: true, timeoutMs: 2500 });
    for (const bad of ['0', '-1', 'soon', '', '1e9']) {
      expect(() => parseSelfTestArgs(['--self-test', `--self-test-timeout=${bad}`])).toThrow(
        /--self-test-timeout must be a number of seconds/,
      );
    }
  });
});

describe('the blank-image check on a raw bitmap', () => {
  it('finds a background-only or uniform capture blank, and a drawn scene not', () => {
    expect(blankness(sceneBitmap(200, 120, 0), 200, 120)).toEqual({ differing: 0, total: 24_000, blank: true });
    expect(blankness(Buffer.alloc(200 * 120 * 4), 200, 120).blank).toBe(true);
    expect(blankness(sceneBitmap(200, 120, 3), 200, 120).blank).toBe(true); // 27 stray pixels are noise
    const drawn = blankness(sceneBitmap(200, 120, 200), 200, 120);
    expect(drawn.blank).toBe(false);
    expect(drawn.differing).toBeGreaterThan(1000);
  });

  it('counts an empty or truncated bitmap as blank', () => {
    expect(blankness(Buffer.alloc(0), 0, 0).blank).toBe(true);
    expect(blankness(sceneBitmap(200, 120, 200).subarray(0, 1000), 200, 120).blank).toBe(true);
  });
});

describe('the neighbour check', () => {
  it('passes when morality is among the neighbours of virtue, with its cosine', () => {
    expect(checkNeighbours(virtueEnvelope)).toEqual({
      ok: true,
      detail: '"morality" is among the 2 neighbours of "virtue" (cosine 0.6312)',
    });
  });

  it('says what came back otherwise', () => {
    expect(checkNeighbours({ ok: true, value: [{ query: 'virtue', neighbors: [{ word: 'ideals', similarity: 0.6 }] }] }).detail).toBe(
      '"morality" is not among the 1 neighbours of "virtue" (ideals)',
    );
    expect(
      checkNeighbours({ ok: false, error: { code: 'forbidden', message: 'Request from an untrusted page was refused.' } }).detail,
    ).toBe('the call failed: forbidden: Request from an untrusted page was refused.');
    expect(checkNeighbours('no window.explorerBridge (the preload did not run)')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('preload did not run'),
    });
    expect(
      checkNeighbours({ ok: true, value: [{ query: 'virtue', error: { code: 'unknown_word', message: 'Unknown word' } }] }).detail,
    ).toBe('"virtue": Unknown word');
    expect(checkNeighbours({ ok: true, value: [] }).ok).toBe(false);
    expect(checkNeighbours(null).ok).toBe(false);
  });
});

describe('the report', () => {
  it('exits 0 only when every step passed, and names the failed steps', () => {
    const ok = formatReport([{ name: 'page ready', ok: true, detail: 'the map shows 5,000 words after 12.0 s' }], 12_345);
    expect(ok).toEqual({
      lines: ['self-test: ok   page ready: the map shows 5,000 words after 12.0 s', 'self-test: passed, 1 steps in 12.3 s.'],
      exitCode: 0,
    });
    const bad = formatReport(
      [
        { name: 'page ready', ok: true, detail: 'x' },
        { name: 'scene drawn', ok: false, detail: 'the canvas is blank' },
      ],
      3000,
    );
    expect(bad.exitCode).toBe(1);
    expect(bad.lines).toContain('self-test: FAIL scene drawn: the canvas is blank');
    expect(bad.lines.at(-1)).toBe('self-test: FAILED (scene drawn) after 3.0 s.');
    expect(formatReport([], 0).exitCode).toBe(1);
  });
});

describe('the self-test steps with a stand-in page', () => {
  it('prepares a private folder, profile and software WebGL before the app is ready', () => {
    const ctx = prepareSelfTest(60_000);
    made.push(ctx.dir);
    expect(fs.existsSync(ctx.dir)).toBe(true);
    expect(ctx.dbPath).toBe(path.join(ctx.dir, 'explorer.db'));
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', path.join(ctx.dir, 'user-data'));
    expect(electron.app.commandLine.appendSwitch).toHaveBeenCalledWith('enable-unsafe-swiftshader');
  });

  it('waits for the page, searches through the bridge and saves a picture of the scene', async () => {
    const ctx = context();
    const page = fakePage({ readyAfter: 3 });
    const steps = await runSelfTest(page, ctx, fakeClock());
    expect(steps.map((s) => [s.name, s.ok])).toEqual([
      ['page ready', true],
      ['search "virtue" through the preload and IPC', true],
      ['scene drawn', true],
    ]);
    expect(steps[0].detail).toBe('the map shows 5,000 words after 0.8 s');
    expect(page.captured).toEqual([{ x: 300, y: 0, width: 200, height: 120 }]);
    const png = PNG.sync.read(fs.readFileSync(ctx.pngPath));
    expect([png.width, png.height]).toEqual([200, 120]);
    expect(steps[2].detail).toContain(ctx.pngPath);
    expect(formatReport(steps, 1000).exitCode).toBe(0);
  });

  it('fails on a blank scene, a wrong answer, or a page that never gets ready', async () => {
    const blank = await runSelfTest(fakePage({ dots: 0 }), context(), fakeClock());
    expect(blank[2]).toMatchObject({
      name: 'scene drawn',
      ok: false,
      detail: expect.stringMatching(/^the canvas is blank \(0 of 24,000 pixels/),
    });
    const wrong = await runSelfTest(
      fakePage({ envelope: { ok: true, value: [{ query: 'virtue', neighbors: [] }] } }),
      context(),
      fakeClock(),
    );
    expect(wrong[1].ok).toBe(false);
    const noCanvas = await runSelfTest(fakePage({ canvas: false }), context(), fakeClock());
    expect(noCanvas[2]).toMatchObject({ ok: false, detail: 'the page has no visible scene canvas' });
    const ctx = context(5000);
    const never = await runSelfTest(fakePage({ readyAfter: Infinity }), ctx, fakeClock());
    expect(never[0]).toEqual({
      name: 'page ready',
      ok: false,
      detail: 'the map was not ready after 5 s (page state: loading: Importing the default model… 40%)',
    });
    expect(fs.existsSync(ctx.pngPath)).toBe(true); // the window as it was, for the report
    expect(formatReport(never, 5000).exitCode).toBe(1);
  });
});
