import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppHandle, startApp } from '../../../main/bench/browser-app';
import { sharedDefaultDb } from '../../helpers/temp';
import { plantedCorpus, TOPIC_A } from '../../integration/train/corpora';

/**
 * Five text files of a two-topic corpus (animals, money), large enough that training takes a few
 * seconds; more files than the core keeps uploads open at once, so the page sends them in batches.
 */
const FILES = [1, 2, 3, 4, 5].map((seed) => ({
  name: `notes-${seed}.txt`,
  mimeType: 'text/plain',
  buffer: Buffer.from(plantedCorpus(15000, seed)),
}));

describe('training on text files in the page, then comparing with GloVe', () => {
  let app: AppHandle;
  beforeAll(async () => {
    app = await startApp({ db: sharedDefaultDb() });
  });
  afterAll(() => app?.close());

  it('counts the chosen files, trains with visible progress, and compares one word side by side', async () => {
    const { page } = app;
    const panel = page.locator('#train-panel');
    await panel.locator('summary').click();
    await page.locator('#train-files').setInputFiles(FILES);

    // The corpus is counted before training.
    const facts = panel.locator('.train-facts');
    await expect.poll(() => facts.textContent(), { timeout: 60_000 }).toContain('Files5');
    expect(await facts.textContent()).toMatch(/Distinct60Kept \(≥ 5\)60/);
    expect(await panel.locator('.train-top').textContent()).toMatch(/^Most frequent: \w+ [\d,]+/);
    expect(await panel.locator('input[aria-label="Name of the new model"]').inputValue()).toBe('notes-1');

    await panel.locator('input[name="dims"]').fill('32');
    await panel.locator('input[aria-label="Name of the new model"]').fill('my-notes');
    await panel.getByRole('button', { name: 'Train' }).click();

    // Progress shows the epoch, the speed and the loss while training runs.
    const phases = new Set<string>();
    const phase = panel.locator('.library-progress span');
    const message = panel.locator('p.caption').last();
    for (let i = 0; i < 1200 && !(await message.textContent())?.startsWith('Trained'); i++) {
      const text = await phase.textContent().catch(() => null);
      if (text) phases.add(text);
      await page.waitForTimeout(50);
    }
    expect(await message.textContent()).toMatch(/^Trained my-notes: 60 words × 32 dims/);
    expect(
      [...phases].some((p) => /^Training, epoch [1-5] of 5 \([\d,]+ words\/s, loss (\d+\.\d{4}|…)\) \d+%$/.test(p)),
      [...phases].join(' | '),
    ).toBe(true);
    await page.screenshot({ path: '/tmp/ee-train-panel.png' });

    // Compare the active model (GloVe) with the new one for one word.
    const compare = page.locator('#compare-panel');
    await compare.locator('summary').click();
    await expect
      .poll(() => compare.locator('#compare-model option').allTextContents(), { timeout: 10_000 })
      .toContain('my-notes (60 words)');
    await compare.locator('#compare-model').selectOption('my-notes');
    await compare.locator('#compare-word').fill('tiger');
    await compare.getByRole('button', { name: 'Compare' }).click();
    const ours = compare.locator('.compare-lists [data-model="my-notes"] li');
    await expect.poll(() => ours.count(), { timeout: 30_000 }).toBe(10);
    expect(await compare.locator('.compare-lists [data-model="glove-6b-100d"] li').count()).toBe(10);
    // Neighbours come from the words both models share; the new model keeps tiger among animals.
    expect((await ours.allTextContents()).every((w) => TOPIC_A.includes(w))).toBe(true);
    expect(await compare.locator('.compare-lists li.both').count()).toBeGreaterThan(0);
    expect(await compare.locator('.compare-lists .caption').textContent()).toMatch(/^tiger: overlap \d\.\d{4}/);
    await compare.screenshot({ path: '/tmp/ee-compare-panel.png' });

    // The sortable list of words that differ most, least overlap first.
    await compare.getByRole('button', { name: 'Words that differ most' }).click();
    const scores = compare.locator('.compare-table td.num');
    await expect.poll(() => scores.count(), { timeout: 30_000 }).toBe(60);
    const values = (await scores.allTextContents()).map(Number);
    expect(values).toEqual([...values].sort((x, y) => x - y));

    // Colouring the map by overlap tints the shared words on screen.
    await compare.getByRole('button', { name: 'Colour map by overlap' }).click();
    await expect
      .poll(() => compare.locator('p.caption').last().textContent(), { timeout: 30_000 })
      .toMatch(/^Map coloured by overlap with my-notes: \d+ words compared, mean \d\.\d{4}/);
    await page.screenshot({ path: '/tmp/ee-compare-map.png' });
    expect(app.errors).toEqual([]);
  });
});
