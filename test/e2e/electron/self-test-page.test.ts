import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AppHandle, decodePng, startApp } from '../../../main/bench/browser-app';
import { blankness, checkNeighbours } from '../../../main/electron/self-test-checks';
import { PAGE_SCRIPTS } from '../../../main/electron/self-test';
import { sharedDefaultDb } from '../../helpers/temp';

// self-test.ts imports electron for its Electron half; the page scripts need none of it.
vi.mock('electron', () => ({ app: {} }));

let app: AppHandle;
beforeAll(async () => {
  app = await startApp({ db: sharedDefaultDb() });
});
afterAll(async () => {
  await app?.close();
});

describe("the self-test's page scripts on the real page (browser mode, headless Chromium)", () => {
  it('see the map ready and find the scene canvas, whose capture is not blank', async () => {
    expect(Number(await app.page.evaluate(PAGE_SCRIPTS.ready))).toBeGreaterThan(1000);
    const rect = (await app.page.evaluate(PAGE_SCRIPTS.canvas)) as { x: number; y: number; width: number; height: number };
    expect(rect.width).toBeGreaterThan(100);
    expect(rect.height).toBeGreaterThan(100);
    const png = decodePng(await app.page.screenshot({ clip: rect }));
    const b = blankness(png.data, png.width, png.height);
    expect(b.blank).toBe(false);
    expect(b.differing / b.total).toBeGreaterThan(0.01); // about 7 % on the default map, far from the 0.1 % threshold
    // The same check finds the same area blank once the scene is hidden (CSSOM: the page's CSP allows it).
    await app.page.evaluate(`document.getElementById('stage').style.visibility = 'hidden'`);
    const hidden = decodePng(await app.page.screenshot({ clip: rect }));
    expect(blankness(hidden.data, hidden.width, hidden.height).blank).toBe(true);
  });

  it('report the missing bridge outside Electron, and the page state', async () => {
    expect(checkNeighbours(await app.page.evaluate(PAGE_SCRIPTS.search))).toEqual({
      ok: false,
      detail: 'the bridge answered "no window.explorerBridge (the preload did not run)", not a result',
    });
    expect(await app.page.evaluate(PAGE_SCRIPTS.state)).toMatch(/^ready/);
  });
});
