/**
 * The 3D explorer end to end: browser mode on a copy of the real default model, headless Chromium
 * with SwiftShader WebGL. One app for the whole file; the tests run in order (first start computes
 * and saves the default projection, later ones reuse it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sharedDefaultDb } from '../helpers/temp';
import { type AppHandle, nonBackgroundPixels, startApp, waitForScene, waitForSettled } from '../../main/bench/browser-app';

const SHOTS = process.env.E2E_SCREENSHOTS; // optional folder for PNGs to look at

async function listedWords(page: Page): Promise<string[]> {
  return page
    .getByRole('list', { name: 'Nearest neighbours' })
    .locator('button')
    .evaluateAll((bs) => bs.map((b) => (b as unknown as { dataset: { word: string } }).dataset.word));
}

async function search(page: Page, word: string): Promise<void> {
  const box = page.getByRole('combobox', { name: 'Search words' });
  await box.fill(word);
  await box.press('Enter');
  await expect.poll(() => page.locator('#neighbours-caption').textContent(), { timeout: 30_000 }).toContain(`“${word}”`);
}

const probe = <T>(page: Page, expr: string) => page.evaluate(`window.explorerProbe.${expr}`) as Promise<T>;

describe('3D explorer', () => {
  let app: AppHandle;
  let page: Page;
  let firstId = '';
  /** The saved layout's own point count, as the status bar shows it (e.g. "5,002"). */
  let basePoints = '';

  beforeAll(async () => {
    app = await startApp({ db: sharedDefaultDb() });
    page = app.page;
  });
  afterAll(() => app?.close());

  it('computes, saves and renders the default projection on first start', async () => {
    const stage = page.locator('#stage');
    firstId = (await stage.getAttribute('data-projection-id')) ?? '';
    expect(Number(firstId)).toBeGreaterThan(0);
    expect(Number(await stage.getAttribute('data-points'))).toBeGreaterThanOrEqual(5000);
    await waitForSettled(page);
    const { count, total } = await nonBackgroundPixels(page);
    expect(count).toBeGreaterThan(total * 0.01);
    const caption = (await page.locator('#status-layout').textContent()) ?? '';
    expect(caption).toMatch(/5,00\d points/);
    basePoints = caption.match(/([\d,]+) points/)![1];
    await expect.poll(() => page.locator('#saved-count').textContent()).toBe('(1)');
    // Labels are shown and never overlap.
    const boxes = await page.locator('.scene-labels .label:not([hidden])').evaluateAll((ls) =>
      ls.map((l) => {
        const r = (
          l as unknown as { getBoundingClientRect(): { x: number; y: number; width: number; height: number } }
        ).getBoundingClientRect();
        return { x: r.x, y: r.y, w: r.width, h: r.height };
      }),
    );
    expect(boxes.length).toBeGreaterThan(10);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        expect(a.x < b.x + b.w && a.x + a.w > b.x && a.y < b.y + b.h && a.y + a.h > b.y, `labels ${i} and ${j} overlap`).toBe(false);
      }
  });

  it('searching virtue highlights it and lists morality', async () => {
    await search(page, 'virtue');
    expect(await listedWords(page)).toContain('morality');
    expect(await page.locator('#stage').getAttribute('data-query')).toBe('virtue');
    await waitForSettled(page); // fly-to and label packing
    expect(await probe<string[]>(page, 'labels()')).toContain('virtue');
    await expect.poll(() => page.locator('.label-query:not([hidden])').textContent()).toBe('virtue');
    // The camera frames the whole neighbourhood: no neighbour is left off screen.
    const offScreen = [];
    for (const w of await listedWords(page)) if (!(await probe(page, `screenOf(${JSON.stringify(w)})`))) offScreen.push(w);
    expect(offScreen).toEqual([]);
    // ...and every neighbour is named, beside its point or on a leader line.
    expect(await probe<string[]>(page, 'labels()')).toEqual(expect.arrayContaining(await listedWords(page)));
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/virtue.png` });
  });

  it('clicking walked in the list selects it and lists walking', async () => {
    await search(page, 'walking');
    await page
      .getByRole('list', { name: 'Nearest neighbours' })
      .getByRole('button', { name: /^walked,/ })
      .click();
    await expect.poll(() => page.locator('#neighbours-caption').textContent()).toContain('“walked”');
    expect(await listedWords(page)).toContain('walking');
    // Neighbours placed by earlier searches stay; the caption counts them apart from the layout's own points.
    await waitForSettled(page);
    const caption = (await page.locator('#status-layout').textContent()) ?? '';
    const m = caption.match(/([\d,]+) points \+ ([\d,]+) added/);
    expect(m?.[1], caption).toBe(basePoints);
    const shown = Number(await page.locator('#stage').getAttribute('data-points'));
    expect(Number(m![1].replace(/,/g, '')) + Number(m![2].replace(/,/g, ''))).toBe(shown);
  });

  it('clicking walked in the scene selects it and lists walking', async () => {
    await search(page, 'walking');
    await waitForSettled(page);
    const at = await probe<{ x: number; y: number } | null>(page, "screenOf('walked')");
    expect(at).not.toBeNull();
    const canvas = await page.locator('#stage canvas').boundingBox();
    await page.mouse.move(canvas!.x + at!.x, canvas!.y + at!.y);
    await expect.poll(() => page.locator('.hover-card .hover-word').textContent()).toBe('walked');
    await expect.poll(() => page.locator('.hover-card').textContent()).toContain('cosine to “walking”');
    await page.mouse.click(canvas!.x + at!.x, canvas!.y + at!.y);
    await expect.poll(() => page.locator('#neighbours-caption').textContent()).toContain('“walked”');
    expect(await listedWords(page)).toContain('walking');
  });

  it('Esc clears the query and arrows walk the neighbour list', async () => {
    await page.locator('#stage canvas').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate('document.activeElement && document.activeElement.dataset.word')).toBe((await listedWords(page))[0]);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate('document.activeElement && document.activeElement.dataset.word')).toBe((await listedWords(page))[1]);
    await page.keyboard.press('Escape');
    await expect.poll(() => listedWords(page)).toEqual([]);
    expect(await page.locator('#stage').getAttribute('data-query')).toBeNull();
  });

  it('a projection run shows progress and can be cancelled', async () => {
    const panel = page.getByRole('region', { name: 'Projection' });
    await panel.getByLabel('View size (words)').fill('1000');
    await panel.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => panel.locator('#projection-phase').textContent(), { timeout: 120_000 }).toMatch(/epoch \d+ of \d+/);
    expect(Number(await panel.getByRole('progressbar', { name: 'Projection progress' }).getAttribute('value'))).toBeGreaterThan(0);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => panel.locator('#projection-progress').isHidden()).toBe(true);
    await expect.poll(() => panel.getByRole('button', { name: 'Run' }).isEnabled()).toBe(true);
    // The previous layout is back and nothing new was saved.
    expect(await page.locator('#stage').getAttribute('data-projection-id')).toBe(firstId);
    expect(await page.locator('#stage').getAttribute('data-state')).toBe('ready');
    expect(await page.locator('#saved-count').textContent()).toBe('(1)');
  });

  it('reloading shows the last projection without recomputing', async () => {
    await page.reload();
    await waitForScene(page, 30_000);
    expect(await page.locator('#stage').getAttribute('data-projection-id')).toBe(firstId);
    await expect.poll(() => page.locator('#projection-progress').isHidden()).toBe(true);
    await expect.poll(() => page.locator('#saved-count').textContent()).toBe('(1)');
    const { count, total } = await nonBackgroundPixels(page);
    expect(count).toBeGreaterThan(total * 0.01);
    expect(app.errors).toEqual([]);
  });

  it('projects a neighbourhood alone, and the saved list reopens, renames and deletes', async () => {
    await search(page, 'virtue');
    const panel = page.getByRole('region', { name: 'Projection' });
    await panel.getByLabel('Words to project').selectOption('neighbourhood');
    await panel.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => page.locator('#stage').getAttribute('data-projection-id'), { timeout: 120_000 }).not.toBe(firstId);
    await waitForScene(page, 60_000);
    expect(Number(await page.locator('#stage').getAttribute('data-points'))).toBe(51);
    await expect.poll(() => page.locator('#saved-count').textContent()).toBe('(2)');
    const saved = page.getByRole('list', { name: 'Saved projections' });
    await page.locator('details.saved summary').click();
    await saved
      .getByRole('button', { name: /^Rename/ })
      .first()
      .click();
    await page.getByRole('textbox', { name: 'New name' }).fill('Around virtue');
    await page.keyboard.press('Enter');
    await expect.poll(() => saved.textContent()).toContain('Around virtue');
    // Reopen the first one (the default view), then delete the neighbourhood (asks once).
    await saved.locator('li:not(.current) .saved-open').click();
    await expect.poll(() => page.locator('#stage').getAttribute('data-projection-id')).toBe(firstId);
    await expect.poll(() => saved.locator('li.current .saved-name').textContent()).not.toBe('Around virtue');
    const del = saved.getByRole('button', { name: 'Delete Around virtue' });
    await del.click();
    await expect.poll(() => del.textContent()).toBe('Delete?');
    await del.click();
    await expect.poll(() => page.locator('#saved-count').textContent()).toBe('(1)');
    expect(app.errors).toEqual([]);
  });
});
