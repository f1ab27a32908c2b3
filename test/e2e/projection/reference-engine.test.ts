/**
 * The umap-js reference engine from the Projection panel: chosen under UMAP parameters, it lays
 * the map out in the page's worker, the panel shows how long the run took and which engine made
 * it, and the saved projection keeps the choice (reopened, the setting and the time come back).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfDefaultDb } from '../../helpers/temp';
import { type AppHandle, nonBackgroundPixels, startApp, waitForScene, waitForSettled } from '../../../main/bench/browser-app';

const SHOTS = process.env.E2E_SCREENSHOTS;

describe('Projection panel: umap-js reference engine', () => {
  let app: AppHandle;
  beforeAll(async () => {
    app = await startApp({ db: copyOfDefaultDb() });
  });
  afterAll(() => app?.close());

  it('runs a projection with umap-js, shows its time and engine, and saves the choice with it', async () => {
    const { page } = app;
    const stage = page.locator('#stage');
    const panel = page.getByRole('region', { name: 'Projection' });
    const timing = panel.locator('#projection-timing');
    const firstId = await stage.getAttribute('data-projection-id');
    await expect.poll(() => timing.textContent()).toMatch(/^Laid out in \d+\.\d s by the built-in engine$/);

    await panel.getByLabel('View size (words)').fill('1000');
    await panel.locator('details.params summary').click();
    await panel.getByLabel('Epochs').fill('100');
    await panel.getByLabel('Engine').selectOption('umap-js');
    await panel.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => stage.getAttribute('data-projection-id'), { timeout: 120_000 }).not.toBe(firstId);
    await waitForScene(page, 60_000);
    await waitForSettled(page);
    expect(Number(await stage.getAttribute('data-points'))).toBeGreaterThanOrEqual(1000);
    expect(await timing.textContent()).toMatch(/^Laid out in \d+\.\d s by the umap-js reference engine$/);
    const { count, total } = await nonBackgroundPixels(page);
    expect(count).toBeGreaterThan(total * 0.005);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/umap-js.png` });
    await expect.poll(() => page.locator('#saved-count').textContent()).toBe('(2)');
    expect(await page.locator('#saved-list').textContent()).toContain('umap-js');

    // Reopened after a reload, the projection brings its engine and time back into the panel.
    await page.reload();
    await waitForScene(page, 30_000);
    expect(await page.locator('#umap-engine').inputValue()).toBe('umap-js');
    await expect.poll(() => page.locator('#projection-timing').textContent()).toMatch(/umap-js reference engine$/);
    expect(app.errors).toEqual([]);
  });
});
