import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDefaultDb } from '../helpers/temp';
import { type AppHandle, startApp } from '../../main/bench/browser-app';

describe('browser mode smoke', () => {
  let app: AppHandle;
  beforeAll(async () => {
    app = await startApp({ db: sharedDefaultDb(), waitForScene: false });
  });
  afterAll(() => app?.close());

  it('loads the page with the search box focused and the model in the status line', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('#status-model').textContent(), { timeout: 30_000 }).toContain('glove-6b-100d');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('search');
    expect(app.errors).toEqual([]);
  });
});
