/**
 * A big map end to end: 80,000 real words (above the size where the scene thins points while
 * the camera moves) laid out by the bench's cheap deterministic layout and saved as a projection,
 * so the page opens it at start. Labels stay bounded and apart, picking finds the point under the
 * pointer, and every point is drawn again once the camera rests.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppHandle, nonBackgroundPixels, startApp, waitForSettled } from '../../../main/bench/browser-app';
import { islandLayout } from '../../../main/bench/scene-layout';
import { ExplorerService } from '../../../main/core/service';
import { copyOfDefaultDb } from '../../helpers/temp';

const POINTS = 80_000;
const SHOTS = process.env.E2E_SCREENSHOTS;
const probe = <T>(page: Page, expr: string) => page.evaluate(`window.explorerProbe.${expr}`) as Promise<T>;

type Box = { x: number; y: number; w: number; h: number };
async function labelBoxes(page: Page): Promise<Box[]> {
  return page.locator('.scene-labels .label:not([hidden])').evaluateAll((ls) =>
    ls.map((l) => {
      const r = (
        l as unknown as { getBoundingClientRect(): { x: number; y: number; width: number; height: number } }
      ).getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
}
const overlapping = (boxes: Box[]) =>
  boxes.filter((a, i) =>
    boxes.some((b, j) => j > i && a.x < b.x + b.w - 1 && b.x < a.x + a.w - 1 && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1),
  );

describe(`a map of ${POINTS.toLocaleString('en-US')} words`, () => {
  let app: AppHandle;
  let page: Page;

  beforeAll(async () => {
    const db = copyOfDefaultDb();
    const service = ExplorerService.open({ dbPath: db });
    try {
      const model = await service.model();
      await service.saveProjection({
        view: { kind: 'top', top: POINTS },
        params: { nNeighbors: 15, minDist: 0.1, nEpochs: 0, seed: 42 },
        words: model.words.slice(0, POINTS),
        coords: islandLayout(model.vectors, model.dims, POINTS),
        name: 'big map',
      });
    } finally {
      service.close();
    }
    app = await startApp({ db, copy: false });
    page = app.page;
    await page
      .getByRole('button', { name: 'Not now' })
      .click()
      .catch(() => undefined);
    await waitForSettled(page);
  }, 240_000);
  afterAll(() => app?.close());

  it('opens with every point drawn and a bounded set of labels that never overlap', async () => {
    expect(Number(await page.locator('#stage').getAttribute('data-points'))).toBe(POINTS);
    const { count, total } = await nonBackgroundPixels(page);
    expect(count).toBeGreaterThan(total * 0.05);
    const boxes = await labelBoxes(page);
    expect(boxes.length).toBeGreaterThan(20);
    expect(boxes.length).toBeLessThanOrEqual(140);
    expect(overlapping(boxes)).toEqual([]);
    expect((await probe<{ last: number }>(page, 'drawn()')).last).toBe(POINTS);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/big-map.png` });
  });

  it('hover picks the point under the pointer', async () => {
    const word = (await probe<string[]>(page, 'labels()'))[0];
    const at = (await probe<{ x: number; y: number }>(page, `screenOf(${JSON.stringify(word)})`))!;
    const canvas = (await page.locator('#stage canvas').boundingBox())!;
    await page.mouse.move(canvas.x + at.x, canvas.y + at.y);
    await expect.poll(() => page.locator('.hover-card .hover-word').textContent()).toBeTruthy();
    const picked = (await page.locator('.hover-card .hover-word').textContent())!;
    const there = (await probe<{ x: number; y: number }>(page, `screenOf(${JSON.stringify(picked)})`))!;
    expect(Math.hypot(there.x - at.x, there.y - at.y)).toBeLessThanOrEqual(10);
    await page.mouse.move(canvas.x + 2, canvas.y + canvas.height - 2);
  });

  it('after orbiting and zooming in, draws every point again and shows other words, still apart', async () => {
    const before = new Set(await probe<string[]>(page, 'labels()'));
    await probe(page, 'orbit(20)');
    const canvas = (await page.locator('#stage canvas').boundingBox())!;
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    for (let k = 0; k < 10; k++) await page.mouse.wheel(0, -300);
    await waitForSettled(page);
    expect((await probe<{ last: number }>(page, 'drawn()')).last).toBe(POINTS);
    const after = await probe<string[]>(page, 'labels()');
    expect(after.length).toBeGreaterThan(5);
    expect(after.filter((w) => !before.has(w)).length).toBeGreaterThan(after.length / 2);
    expect(overlapping(await labelBoxes(page))).toEqual([]);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/big-map-zoomed.png` });
  });
});
