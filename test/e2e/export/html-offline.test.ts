/**
 * The exported HTML map opens from disk with every network request blocked, draws the map and
 * shows a hover card: the file needs nothing but itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { writeFileAtomic } from '../../../main/core/export/atomic-write';
import { projectToScreen } from '../../../main/core/export/camera';
import { type ExportData, prepareExport } from '../../../main/core/export/export-data';
import { projectionHtml } from '../../../main/core/export/html-writer';
import { tempDir } from '../../helpers/temp';
import { smallModel, smallProjection } from '../../unit/export/fixtures';
import { launchBrowser, nonBackgroundPixels } from '../../../main/bench/browser-app';

describe('exported HTML map', () => {
  const dir = tempDir();
  const file = path.join(dir, 'map.html');
  let data: ExportData;
  let browser: Browser;

  beforeAll(async () => {
    const model = smallModel(3000, 16);
    const projection = smallProjection(model, 2000);
    const q = 1234;
    data = await prepareExport({
      projection,
      model,
      labels: projection.words.map((_, i) => (i % 2 ? 'odd' : 'even')),
      query: { text: model.words[q], matched: model.words[q], modelIndex: q },
      appVersion: 'test',
      source: 'test',
    });
    await writeFileAtomic(file, projectionHtml(data));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is one file whose CSP allows only its own inline script and style', () => {
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-[^']+'/,
    );
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    // The tricky word "</script><!--" is in the data but cannot end the data element.
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });

  it('renders offline from file://, shows labels and a hover card, and orbits', async () => {
    const viewport = { width: 1280, height: 800 };
    const context = await browser.newContext({ offline: true, viewport });
    const blocked: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    try {
      await page.goto(pathToFileURL(file).href);
      await expect.poll(() => page.locator('#stage').getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
      expect(await page.locator('#stage').getAttribute('data-points')).toBe('2000');
      const { count, total } = await nonBackgroundPixels(page, '#stage canvas');
      expect(count).toBeGreaterThan(total * 0.002);
      // The query is labelled, in the accent style.
      await expect.poll(() => page.locator('.ee-label.query').textContent()).toBe(data.query!.matched);
      expect(await page.locator('.ee-label').count()).toBeGreaterThan(5);
      // Hover the query point: the card names it and its similarity.
      const cam = { ...data.camera, aspect: viewport.width / viewport.height };
      const s = projectToScreen(cam, data.projection.coords, viewport.width, viewport.height);
      const q = data.query!.point;
      await page.mouse.move(s.x[q], s.y[q]);
      await expect.poll(() => page.locator('#card').isVisible()).toBe(true);
      const card = await page.locator('#card').textContent();
      expect(card).toContain(data.query!.matched);
      expect(card).toContain('similarity');
      // Dragging orbits the camera: the picture changes.
      const before = await page.locator('#stage canvas').screenshot();
      await page.mouse.move(200, 200);
      await page.mouse.down();
      await page.mouse.move(500, 260, { steps: 8 });
      await page.mouse.up();
      await expect.poll(async () => (await page.locator('#stage canvas').screenshot()).equals(before)).toBe(false);
      expect(blocked).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
