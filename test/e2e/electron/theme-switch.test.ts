import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDefaultDb } from '../../helpers/temp';
import { type AppHandle, decodePng, startApp } from '../../../main/bench/browser-app';

/** The canvas colour seen most, as [r, g, b], from a real screenshot. */
async function backgroundOf(app: AppHandle): Promise<number[]> {
  const { data, width, height } = decodePng(await app.page.locator('#stage canvas').first().screenshot());
  const tally = new Map<string, number>();
  for (let i = 0; i < width * height; i += 53) {
    const key = `${data[i * 4]},${data[i * 4 + 1]},${data[i * 4 + 2]}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  return [...tally.entries()]
    .sort((a, b) => b[1] - a[1])[0][0]
    .split(',')
    .map(Number);
}

const luminance = ([r, g, b]: number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

// View ▸ Theme sets Electron's nativeTheme.themeSource, which flips the page's prefers-color-scheme
// while it runs. Here the same flip is made in Chromium: the map must follow without a reload.
describe('theme switch reaches the scene', () => {
  let app: AppHandle;
  beforeAll(async () => {
    app = await startApp({ db: sharedDefaultDb(), colorScheme: 'dark' });
  });
  afterAll(() => app?.close());

  it('repaints the map light and back dark when the colour scheme changes', async () => {
    expect(luminance(await backgroundOf(app))).toBeLessThan(60);
    await app.page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(async () => luminance(await backgroundOf(app)), { timeout: 10_000 }).toBeGreaterThan(200);
    await app.page.screenshot({ path: 'out/theme-light.png' });
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(async () => luminance(await backgroundOf(app)), { timeout: 10_000 }).toBeLessThan(60);
    expect(app.errors).toEqual([]);
  });
});
