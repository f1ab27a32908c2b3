/**
 * The geometry of meaning in the page: expressions in the search box with the analogy drawn,
 * the analogy form, odd one out, a semantic-axes projection and the evaluation panel. Browser
 * mode on a copy of the real default model; every wait is on a condition the page signals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { copyOfDefaultDb } from '../../helpers/temp';
import { type AppHandle, nonBackgroundPixels, startApp, waitForScene, waitForSettled } from '../../../main/bench/browser-app';

const SHOTS = process.env.E2E_SCREENSHOTS; // optional folder for PNGs to look at

const listed = (page: Page) =>
  page
    .getByRole('list', { name: 'Nearest neighbours' })
    .locator('button')
    .evaluateAll((bs) => bs.map((b) => (b as unknown as { dataset: { word: string } }).dataset.word));
const probe = <T>(page: Page, expr: string) => page.evaluate(`window.explorerProbe.${expr}`) as Promise<T>;

describe('geometry of meaning in the page', () => {
  let app: AppHandle;
  let page: Page;

  beforeAll(async () => {
    app = await startApp({ db: copyOfDefaultDb() });
    page = app.page;
  });
  afterAll(() => app?.close());

  it('typing king - man + woman lists queen first and draws the analogy arrows, all four words labelled', async () => {
    const box = page.getByRole('combobox', { name: 'Search words' });
    await box.fill('king - man + woman');
    await box.press('Enter');
    await expect.poll(async () => (await listed(page))[0], { timeout: 60_000 }).toBe('queen');
    await expect.poll(() => page.locator('#stage').getAttribute('data-analogy'), { timeout: 60_000 }).toBe('man→king woman→queen');
    await waitForSettled(page);
    const labels = await probe<string[]>(page, 'labels()');
    for (const w of ['king', 'man', 'woman', 'queen']) expect(labels).toContain(w);
    const { count, total } = await nonBackgroundPixels(page);
    expect(count).toBeGreaterThan(total * 0.01);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/analogy.png` });
    expect(app.errors).toEqual([]);
  });

  it('points at the column of a malformed expression as it is typed', async () => {
    const box = page.getByRole('combobox', { name: 'Search words' });
    await box.fill('king + (man');
    await expect.poll(() => page.locator('#expression-hint').getAttribute('data-column')).toBe('8');
    expect(await page.locator('#expression-hint').textContent()).toContain('never closed');
    await box.fill('kng - man');
    await box.press('Enter');
    await expect.poll(() => page.locator('#query-error').getAttribute('data-column')).toBe('1');
    expect(await page.locator('#query-error').textContent()).toContain('king');
  });

  it('the analogy form asks a : b :: c : ?, with 3CosMul on request', async () => {
    await page.getByRole('textbox', { name: 'Analogy word a' }).fill('france');
    await page.getByRole('textbox', { name: 'Analogy word b' }).fill('paris');
    await page.getByRole('textbox', { name: 'Analogy word c' }).fill('italy');
    await page.getByRole('combobox', { name: 'Analogy method' }).selectOption('mul');
    await page.getByRole('button', { name: 'Solve' }).click();
    await expect.poll(async () => (await listed(page))[0], { timeout: 60_000 }).toBe('rome');
    await expect.poll(() => page.locator('#stage').getAttribute('data-analogy')).toBe('france→paris italy→rome');
  });

  it('odd one out marks the word that fits least', async () => {
    await page.getByRole('textbox', { name: 'Words for odd one out' }).fill('breakfast cereal dinner lunch');
    await page.getByRole('button', { name: 'Odd one out' }).click();
    await expect.poll(() => page.locator('.odd-result').getAttribute('data-odd'), { timeout: 30_000 }).toBe('cereal');
  });

  it('x = good - bad shows an axis projection with both ends of the axis labelled, and saves it', async () => {
    const before = Number(((await page.locator('#saved-count').textContent()) ?? '(0)').replace(/\D/g, '') || 0);
    await page.getByRole('textbox', { name: 'Axis x' }).fill('good - bad');
    await page.getByRole('textbox', { name: 'Axis y' }).fill('he - she');
    await page.getByRole('button', { name: 'Project on axes' }).click();
    await expect.poll(() => page.locator('#stage').getAttribute('data-axes'), { timeout: 60_000 }).toBe('x:good - bad|y:he - she');
    await waitForSettled(page);
    const texts = await page.locator('.axis-label:not([hidden])').allTextContents();
    expect(texts).toEqual(expect.arrayContaining(['−x: bad', '+x: good', '−y: she', '+y: he']));
    await expect.poll(() => page.locator('#saved-count').textContent(), { timeout: 30_000 }).toBe(`(${before + 1})`);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/axes.png` });
    await page.getByRole('button', { name: 'Back to UMAP' }).click();
    await expect.poll(() => page.locator('#stage').getAttribute('data-axes')).toBeNull();
  });

  it('the evaluation panel runs on a small file and shows its table', async () => {
    const questions =
      ': family\nman king woman queen\nboy girl brother sister\n: capitals\nathens greece paris france\nberlin germany xqzv france\n';
    await page
      .getByLabel('Benchmark file')
      .setInputFiles({ name: 'small-questions.txt', mimeType: 'text/plain', buffer: Buffer.from(questions) });
    await page.getByRole('button', { name: 'Evaluate' }).click();
    await expect.poll(() => page.locator('.evaluation-result').getAttribute('data-kind'), { timeout: 60_000 }).toBe('analogies');
    const rows = await page.locator('.evaluation-table tr').allTextContents();
    expect(rows[1]).toMatch(/^family/);
    expect(rows[2]).toMatch(/^capitals/);
    expect(rows[3]).toMatch(/^Total/);
    expect(await page.locator('.evaluation-result').textContent()).toContain('1 skipped');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/evaluation.png` });
    expect(app.errors).toEqual([]);
  });

  it('reopens the saved axes projection (the newest) with its axes drawn', async () => {
    await app.reload();
    await waitForScene(page);
    await expect.poll(() => page.locator('#stage').getAttribute('data-axes'), { timeout: 60_000 }).toBe('x:good - bad|y:he - she');
    await waitForSettled(page);
    expect(await page.locator('.axis-label:not([hidden])').allTextContents()).toEqual(expect.arrayContaining(['−x: bad', '+x: good']));
  });
});
