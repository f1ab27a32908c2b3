/**
 * Clusters, the token lens, word vectors and the guided tour end to end: browser mode on a copy of
 * the real default model, headless Chromium. One app for the file; the tests run in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { copyOfDefaultDb } from '../../helpers/temp';
import { type AppHandle, startApp, waitForSettled } from '../../../main/bench/browser-app';

const SHOTS = process.env.E2E_SCREENSHOTS;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && a.x + a.w > b.x && a.y < b.y + b.h && a.y + a.h > b.y;

async function boxes(page: Page, selector: string): Promise<Box[]> {
  return page.locator(selector).evaluateAll((ls) =>
    ls.map((l) => {
      const r = (
        l as unknown as { getBoundingClientRect(): { x: number; y: number; width: number; height: number } }
      ).getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height, text: (l as unknown as { textContent: string }).textContent };
    }),
  );
}

function expectNoOverlap(list: Box[], others: Box[] = []): void {
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++)
      expect(overlaps(list[i], list[j]), `"${list[i].text}" overlaps "${list[j].text}"`).toBe(false);
    for (const o of others)
      expect(overlaps(list[i], o), `"${list[i].text}" ${JSON.stringify(list[i])} overlaps word label ${JSON.stringify(o)}`).toBe(false);
  }
}

/** Polls with room for a busy machine (the default gives up after a second). */
const poll = <T>(f: () => T | Promise<T>) => expect.poll(f, { timeout: 30_000 });

const probe = <T>(page: Page, expr: string) => page.evaluate(`window.explorerProbe.${expr}`) as Promise<T>;

describe('clusters, token lens, word vectors and the tour', () => {
  let app: AppHandle;
  let page: Page;

  beforeAll(async () => {
    app = await startApp({ db: copyOfDefaultDb() });
    page = app.page;
  }, 300_000);
  afterAll(() => app?.close());

  it('offers the tour once on first start', async () => {
    await expect.poll(() => page.locator('#tour').getAttribute('data-step'), { timeout: 30_000 }).toBe('offer');
    await page.getByRole('button', { name: 'Not now' }).click();
    expect(await page.locator('#tour').isHidden()).toBe(true);
    await app.reload();
    await page.waitForSelector('#stage[data-projection-id]:not([data-projection-id=""])', { timeout: 120_000 });
    await waitForSettled(page);
    expect(await page.locator('#tour').isHidden()).toBe(true);
  });

  it('names the clusters on the map, large and never overlapping each other or word labels, at two zoom levels', async () => {
    await page.waitForSelector('#stage[data-clusters]', { timeout: 120_000 });
    const k = Number(await page.locator('#stage').getAttribute('data-clusters'));
    expect(k).toBe(24);
    await waitForSettled(page);
    const far = await boxes(page, '.cluster-label:not([hidden])');
    expect(far.length).toBeGreaterThanOrEqual(8);
    expectNoOverlap(far, await boxes(page, '.scene-labels .label:not([hidden])'));
    for (const b of far) expect(b.h).toBeGreaterThanOrEqual(20);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/clusters-far.png` });

    // Zoom in: fewer names, still apart.
    const canvas = (await page.locator('#stage canvas').boundingBox())!;
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -300);
    await waitForSettled(page);
    const near = await boxes(page, '.cluster-label:not([hidden])');
    expect(near.length).toBeLessThan(far.length);
    expectNoOverlap(near, await boxes(page, '.scene-labels .label:not([hidden])'));
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/clusters-near.png` });
    await page.locator('#reset-view').click();
    await waitForSettled(page);
  });

  it('lists the clusters; a click flies to one and colouring by cluster tints the points', async () => {
    await page.locator('#clusters-panel summary').click();
    const rows = page.getByRole('list', { name: 'Clusters' }).getByRole('button');
    expect(await rows.count()).toBe(24);
    const name = (await rows.nth(5).locator('.cluster-name').textContent())!;
    const before = await probe<{ x: number; y: number } | null>(page, `screenOf(${JSON.stringify(name.split(' · ')[0])})`);
    await rows.nth(5).click();
    await waitForSettled(page);
    expect(await page.locator('#stage').getAttribute('data-cluster')).toBe('5');
    // The cluster's most central word is on screen, nearer the middle than before the flight.
    const after = (await probe<{ x: number; y: number } | null>(page, `screenOf(${JSON.stringify(name.split(' · ')[0])})`))!;
    expect(after).not.toBeNull();
    expect(before === null || before.x !== after.x || before.y !== after.y).toBe(true);
    await page.getByLabel('Colour by cluster').check();
    await waitForSettled(page);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/clusters-coloured.png` });
    await page.getByLabel('Colour by cluster').uncheck();
    await page.locator('#reset-view').click();
    await waitForSettled(page);
  });

  it('the token lens shows walked as walk + ed under o200k, with ids, and counts for a pasted text', async () => {
    await page.locator('#token-lens summary').click();
    const input = page.getByLabel('Word or text to tokenize');
    await input.fill('walked');
    const o200k = page.locator('.token-line[data-tokenizer="o200k"]').first();
    await expect.poll(() => o200k.locator('.token-text').allTextContents(), { timeout: 30_000 }).toEqual(['walk', 'ed']);
    expect(
      await o200k.locator('.token-piece').evaluateAll((ps) => ps.map((p) => (p as unknown as { dataset: { id: string } }).dataset.id)),
    ).toEqual(['26072', '295']);
    expect(await o200k.locator('.count').textContent()).toBe('2 tokens');
    expect(await page.locator('.token-line').count()).toBe(4);
    await input.fill('The king walked home. The queen was walking.');
    await expect
      .poll(() => page.locator('.token-line[data-tokenizer="cl100k"] .token-note').textContent())
      .toMatch(/8 words · \d\.\d\d words per token/);
    if (SHOTS) await page.locator('#token-lens').screenshot({ path: `${SHOTS}/token-lens.png` });
    await page.getByLabel('Colour the map by token count').selectOption('o200k');
    await poll(() => page.locator('.token-legend').textContent()).toMatch(/1 token \(seen whole\): [\d,]+/);
    await page.getByLabel('Colour the map by token count').selectOption('');
  });

  it('word vectors: two strips, their cosine to 4 decimals and the top dimensions', async () => {
    await page.locator('#vector-strip summary').click();
    await page.getByLabel('First word', { exact: true }).fill('walked');
    await page.getByLabel('Second word', { exact: true }).fill('walking');
    await page.getByLabel('Second word', { exact: true }).press('Enter');
    await poll(() => page.locator('.vector-cosine').textContent()).toMatch(/^cosine\(walked, walking\) = 0\.\d{4}$/);
    expect(await page.getByRole('list', { name: 'Dimensions that contribute most to the cosine' }).locator('li').count()).toBe(5);
    if (SHOTS) await page.locator('#vector-strip').screenshot({ path: `${SHOTS}/vector-strip.png` });
  });

  it('walks the tour from Help to the end, each step moving the scene, and resumes where it was left', async () => {
    const stage = page.locator('#stage');
    const tour = page.locator('#tour');
    const atStep = async (id: string) => expect.poll(() => stage.getAttribute('data-tour'), { timeout: 60_000 }).toBe(id);
    const onScreen = async (words: string[]) => {
      for (const w of words) expect(await probe(page, `screenOf(${JSON.stringify(w)})`), `${w} on screen`).not.toBeNull();
    };
    await page.locator('.help-menu summary').click();
    await page.locator('#help-tour').click();

    await atStep('points');
    expect(await stage.getAttribute('data-query')).toBeNull();
    expect(await page.locator('.cluster-label:not([hidden])').count()).toBeGreaterThan(0);
    await tour.getByRole('button', { name: 'Next' }).click();

    await atStep('virtue');
    expect(await stage.getAttribute('data-query')).toBe('virtue');
    expect(await page.locator('.label-query:not([hidden])').textContent()).toBe('virtue');
    await onScreen(['virtue', 'morality']);
    expect(await probe<string[]>(page, 'labels()')).toEqual(expect.arrayContaining(['virtue', 'morality']));
    // Leave, then resume at the same step from Help.
    await tour.getByRole('button', { name: 'Leave tour' }).click();
    expect(await tour.isHidden()).toBe(true);
    await page.locator('.help-menu summary').click();
    await page.locator('#help-tour').click();
    await atStep('virtue');
    await tour.getByRole('button', { name: 'Next' }).click();

    await atStep('walked');
    expect(await stage.getAttribute('data-query')).toBe('walked');
    await onScreen(['walked', 'walking']);
    await poll(() => page.locator('.tour-note').textContent()).toMatch(/walking→walked with playing→played 0\.\d{4}/);
    await tour.getByRole('button', { name: 'Next' }).click();

    // The search box takes expressions, so the tour has its six steps: king − man + woman lands on queen.
    await atStep('analogy');
    expect(await page.locator('.tour-title').textContent()).toMatch(/^4 of 6 · /);
    await poll(() => page.locator('#neighbours li').first().textContent()).toMatch(/queen/);
    await onScreen(['king', 'man', 'woman', 'queen']);
    await tour.getByRole('button', { name: 'Next' }).click();

    await atStep('tokens');
    expect(await page.locator('.tour-title').textContent()).toMatch(/^5 of 6 · /);
    expect(await stage.getAttribute('data-query')).toBe('walked');
    await onScreen(['walked']);
    expect(await page.locator('.token-line[data-tokenizer="o200k"] .token-text').first().textContent()).toBe('walk');
    expect(await page.locator('.token-legend').getAttribute('data-tokenizer')).toBe('o200k');
    await tour.getByRole('button', { name: 'Next' }).click();

    await atStep('clusters');
    expect(await stage.getAttribute('data-query')).toBeNull();
    expect(await page.locator('#clusters-panel').getAttribute('open')).not.toBeNull();
    const names = await boxes(page, '.cluster-label:not([hidden])');
    expect(names.length).toBeGreaterThanOrEqual(8);
    expectNoOverlap(names);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/tour-clusters.png` });
    await tour.getByRole('button', { name: 'Finish' }).click();
    await atStep('done');
    expect(await tour.isHidden()).toBe(true);
    expect(app.errors).toEqual([]);
  });
});
