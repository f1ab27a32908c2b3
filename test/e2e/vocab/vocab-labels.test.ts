import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDefaultDb } from '../../helpers/temp';
import { type AppHandle, decodePng, startApp, waitForScene } from '../../../main/bench/browser-app';

/** Counts screenshot pixels within `tol` (sum of channel differences) of a colour. */
async function pixelsNear(app: AppHandle, hex: string, tol = 60): Promise<number> {
  const { data, width, height } = decodePng(await app.page.locator('#stage canvas').first().screenshot());
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  let count = 0;
  for (let i = 0; i < width * height; i++) {
    if (Math.abs(data[i * 4] - r) + Math.abs(data[i * 4 + 1] - g) + Math.abs(data[i * 4 + 2] - b) < tol) count++;
  }
  return count;
}

const ANIMALS = ['cat', 'dog', 'horse', 'cow', 'sheep', 'lion', 'tiger', 'wolf', 'bear', 'rabbit', 'mouse', 'fox'];
const FRUITS = ['apple', 'banana', 'orange', 'grape', 'cherry', 'peach', 'pear', 'plum', 'lemon', 'mango', 'melon', 'berry'];
const CSV = `word,label\n${ANIMALS.map((w) => `${w},animal`).join('\n')}\n${FRUITS.map((w) => `${w},fruit`).join('\n')}\nbananna,fruit\n`;

describe('a labelled vocabulary in browser mode', () => {
  let app: AppHandle;
  beforeAll(async () => {
    app = await startApp({ db: sharedDefaultDb() });
  });
  afterAll(() => app?.close());

  it('previews what is missing, saves, projects it coloured by label with a legend, and shows the label on hover', async () => {
    const { page } = app;
    await page.locator('#vocab-file').setInputFiles({ name: 'animals-fruit.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    const preview = page.locator('.vocab-preview');
    await expect.poll(() => preview.textContent(), { timeout: 30_000 }).toContain('25 entries');
    expect(await preview.textContent()).toMatch(/bananna.*did you mean .*banana/);
    await preview.getByRole('button', { name: 'Save anyway' }).click();

    await expect.poll(() => page.locator('#stage').getAttribute('data-points'), { timeout: 120_000 }).toBe('24');
    await waitForScene(page);
    const legend = page.locator('.label-legend');
    await expect.poll(() => legend.isVisible()).toBe(true);
    expect(await legend.locator('.legend-label').allTextContents()).toEqual(['animal', 'fruit']);

    // The first two palette colours are on the map.
    await expect.poll(() => pixelsNear(app, '#E69F00'), { timeout: 10_000 }).toBeGreaterThan(20);
    expect(await pixelsNear(app, '#56B4E9')).toBeGreaterThan(20);

    // Hover a point: the card names its label.
    const at = (await page.evaluate('window.explorerProbe.screenOf("tiger")')) as { x: number; y: number } | null;
    expect(at).not.toBeNull();
    const canvas = await page.locator('#stage canvas').first().boundingBox();
    await page.mouse.move(canvas!.x + at!.x, canvas!.y + at!.y);
    const card = page.locator('.hover-card');
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain('tiger');
    expect(await card.locator('.hover-label').textContent()).toBe('animal');

    // Toggling a label off fades its points.
    await legend.getByRole('button', { name: /fruit/ }).click();
    expect(await legend.getByRole('button', { name: /fruit/ }).getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => pixelsNear(app, '#56B4E9'), { timeout: 10_000 }).toBeLessThan(5);
    expect(app.errors).toEqual([]);
  });

  it('filters the neighbour list to the shown vocabulary', async () => {
    const { page } = app;
    const words = () =>
      page
        .getByRole('list', { name: 'Nearest neighbours' })
        .locator('button')
        .evaluateAll((bs) => bs.map((b) => (b as unknown as { dataset: { word: string } }).dataset.word));
    await page.locator('#vocab-filter').check();
    const box = page.getByRole('combobox', { name: 'Search words' });
    await box.fill('tiger');
    await box.press('Enter');
    await expect.poll(() => page.locator('#neighbours-caption').textContent(), { timeout: 30_000 }).toContain('“tiger”');
    await expect.poll(async () => (await words()).includes('lion'), { timeout: 10_000 }).toBe(true);
    const listed = await words();
    expect(listed.length).toBeLessThanOrEqual(10);
    expect(listed.every((w) => ANIMALS.includes(w) || FRUITS.includes(w))).toBe(true);
    await page.locator('#vocab-filter').uncheck();
    await expect.poll(async () => (await words()).some((w) => !ANIMALS.includes(w) && !FRUITS.includes(w)), { timeout: 10_000 }).toBe(true);
  });

  it('imports a model file chosen in the page and lists it with words, dims and format', async () => {
    const { page } = app;
    const rows = Array.from({ length: 300 }, (_, i) => `w${i} ${[1, 2, 3, 4].map((j) => ((i * 7 + j * 13) % 17) / 10 - 0.8).join(' ')}`);
    await page.locator('#models-panel summary').click();
    await page
      .locator('#model-file')
      .setInputFiles({ name: 'tiny-model.txt', mimeType: 'text/plain', buffer: Buffer.from(`${rows.join('\n')}\n`) });
    const panel = page.locator('#models-panel');
    await expect
      .poll(() => panel.textContent(), { timeout: 60_000 })
      .toContain('Imported tiny-model: 300 words, 4 dims, detected glove-text');
    const item = panel.locator('li[data-model="tiny-model"]');
    await expect.poll(() => item.textContent(), { timeout: 20_000 }).toContain('300 words · 4 dims · glove-text');
    await item.getByRole('button', { name: 'Delete' }).click();
    await item.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => panel.locator('li[data-model="tiny-model"]').count(), { timeout: 20_000 }).toBe(0);
    expect(app.errors).toEqual([]);
  });
});
