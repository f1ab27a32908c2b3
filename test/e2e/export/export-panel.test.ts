/**
 * The Export panel in browser mode: PNGs of the view at 2× and 4× decode at the requested size
 * and are not blank; the SVG of the current view and the CSV arrive as downloads and read back; the
 * neighbour table is copied to the clipboard.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLValidator } from 'fast-xml-parser';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PNG_SIDE, pngSize } from '../../../renderer/src/ui/png-size';
import { copyOfDefaultDb, tempDir } from '../../helpers/temp';
import { type AppHandle, ROOT, startApp } from '../../../main/bench/browser-app';

async function downloadFrom(page: Page, click: () => Promise<void>, dir: string): Promise<{ name: string; file: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  const file = path.join(dir, dl.suggestedFilename());
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), file };
}

describe('export panel', () => {
  const dir = tempDir('ee-export-e2e-');
  let app: AppHandle;
  /** Points of the saved projection (the map may show a few more: neighbours placed into it). */
  let points = 0;

  beforeAll(async () => {
    // A saved projection, so the app opens it at once instead of computing the default view.
    const db = copyOfDefaultDb();
    const p = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin/embedding-explorer.mjs'), 'project', '--top', '1000', '--epochs', '40', '--json', '--db', db],
      { encoding: 'utf8' },
    );
    expect(p.status, p.stderr).toBe(0);
    points = JSON.parse(p.stdout).points.length;
    app = await startApp({ db, viewport: { width: 1200, height: 760 }, waitForScene: false });
    await app.page.locator('#stage[data-state="ready"]').waitFor({ timeout: 180_000 });
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const search = app.page.getByRole('combobox', { name: 'Search words' });
    await search.fill('virtue');
    await search.press('Enter');
    await app.page.locator('#neighbours li').first().waitFor({ timeout: 30_000 });
    await app.page.getByRole('button', { name: 'Export', exact: true }).click();
  });
  afterAll(() => app?.close());

  it('saves a PNG at 2× the map size that decodes and is not blank', async () => {
    const { page } = app;
    const canvas = await page.locator('#stage canvas').first().boundingBox();
    await page.getByRole('combobox', { name: 'Picture size' }).selectOption('2');
    const { file } = await downloadFrom(page, () => page.getByRole('button', { name: 'Save PNG' }).click(), dir);
    const png = PNG.sync.read(fs.readFileSync(file));
    expect(png.width).toBe(Math.round(canvas!.width * 2));
    expect(png.height).toBe(Math.round(canvas!.height * 2));
    const d = png.data;
    const [r0, g0, b0] = [d[0], d[1], d[2]];
    let differing = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - r0) + Math.abs(d[i + 1] - g0) + Math.abs(d[i + 2] - b0) > 30) differing++;
    expect(differing).toBeGreaterThan(png.width * png.height * 0.002);
    expect(app.errors).toEqual([]);
  });

  it('saves a PNG at 4× the map size with the labels drawn into it', async () => {
    const { page } = app;
    const canvas = (await page.locator('#stage canvas').first().boundingBox())!;
    await page.getByRole('combobox', { name: 'Picture size' }).selectOption('4');
    const { file } = await downloadFrom(page, () => page.getByRole('button', { name: 'Save PNG' }).click(), dir);
    const png = PNG.sync.read(fs.readFileSync(file));
    const expected = pngSize(canvas.width, canvas.height, 4);
    expect([png.width, png.height]).toEqual([expected.width, expected.height]);
    expect(Math.max(png.width, png.height)).toBeLessThanOrEqual(MAX_PNG_SIDE);
    // The query's label is drawn in the accent colour: look for accent pixels in a large patch.
    const d = png.data;
    let accent = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] > 230 && d[i + 1] > 160 && d[i + 1] < 200 && d[i + 2] < 110) accent++;
    expect(accent).toBeGreaterThan(16 * 200);
    expect(app.errors).toEqual([]);
  });

  it('saves a transparent PNG whose background is clear', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Picture size' }).selectOption('1');
    await page.getByRole('combobox', { name: 'Picture background' }).selectOption('transparent');
    const { file } = await downloadFrom(page, () => page.getByRole('button', { name: 'Save PNG' }).click(), dir);
    const png = PNG.sync.read(fs.readFileSync(file));
    expect(png.data[3]).toBe(0);
    let opaque = 0;
    for (let i = 3; i < png.data.length; i += 4) if (png.data[i] === 255) opaque++;
    expect(opaque).toBeGreaterThan(100);
  });

  it('downloads the CSV and the SVG of the current view, neighbours placed into it included', async () => {
    const { page } = app;
    // virtue's neighbours outside the 1,000 words are placed into the map after the search.
    await expect
      .poll(async () => Number(await page.locator('#stage').getAttribute('data-points')), { timeout: 30_000 })
      .toBeGreaterThan(points);
    const shown = Number(await page.locator('#stage').getAttribute('data-points'));
    const csv = await downloadFrom(page, () => page.getByRole('button', { name: 'CSV', exact: true }).first().click(), dir);
    expect(csv.name).toMatch(/\.csv$/);
    const rows = parseCsv(fs.readFileSync(csv.file, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.length).toBe(shown);
    expect(rows.slice(0, points).every((r) => r.placed === '0')).toBe(true);
    expect(rows.slice(points).every((r) => r.placed === '1')).toBe(true);
    const listed = await page
      .locator('#neighbours li button')
      .evaluateAll((bs) => bs.map((b) => (b as unknown as { dataset: { word: string } }).dataset.word));
    expect(rows.map((r) => r.word)).toEqual(expect.arrayContaining(listed));
    expect(rows.find((r) => r.word === 'virtue')?.is_query).toBe('1');
    const svg = await downloadFrom(page, () => page.getByRole('button', { name: 'SVG (this view)' }).click(), dir);
    const text = fs.readFileSync(svg.file, 'utf8');
    expect(XMLValidator.validate(text)).toBe(true);
    expect(text.match(/<circle /g)!.length).toBe(shown);
    expect(text).toContain('>virtue</text>');
  });

  it('copies the neighbour table as Markdown', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => page.locator('.export-status').textContent()).toContain('copied');
    // Node-side code has no DOM types; the function runs in the page.
    const text = await page.evaluate(() =>
      (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText(),
    );
    expect(text).toContain('| Rank | Word | Similarity |');
    expect(text).toMatch(/\| 1 \| ideals \| 0\.6480 \|/);
  });
});
