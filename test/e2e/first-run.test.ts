/**
 * First start on an empty store: the page shows the default model's import, then computes,
 * saves and shows the default projection once the model is there ("models-changed").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppHandle, nonBackgroundPixels, startApp, waitForScene } from '../../main/bench/browser-app';

describe('first start', () => {
  let app: AppHandle;
  beforeAll(async () => {
    app = await startApp({ waitForScene: false });
  });
  afterAll(() => app?.close());

  it('imports the default model, then computes and saves the default projection', async () => {
    const { page } = app;
    await waitForScene(page, 280_000);
    expect(await page.locator('#status-model').textContent()).toContain('glove-6b-100d');
    expect(Number(await page.locator('#stage').getAttribute('data-projection-id'))).toBeGreaterThan(0);
    expect(Number(await page.locator('#stage').getAttribute('data-points'))).toBeGreaterThanOrEqual(5000);
    await expect.poll(() => page.locator('#saved-count').textContent()).toBe('(1)');
    const { count, total } = await nonBackgroundPixels(page);
    expect(count).toBeGreaterThan(total * 0.01);
    expect(app.errors).toEqual([]);
  });
});
