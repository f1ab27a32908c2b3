import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../../main/bench/browser-app';
import { devStyleNonce } from '../../../scripts/dev-csp';

const ROOT = path.resolve(__dirname, '../../..');

/** The renderer under Vite's dev server, as `npm run dev` serves it, with or without the nonce plugin. */
async function devServer(withNonce: boolean): Promise<ViteDevServer> {
  const server = await createServer({
    configFile: false,
    root: path.join(ROOT, 'renderer'),
    logLevel: 'silent',
    plugins: withNonce ? [devStyleNonce()] : [],
    worker: { format: 'es' },
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
  return server;
}

/** Loads the page and reports CSP refusals of styles and the state of the injected <style> tags. */
async function styleReport(browser: Browser, server: ViteDevServer) {
  const page = await browser.newPage();
  // CSP refusals are not console calls: collect them from the page's own violation events.
  await page.addInitScript(
    `window.__refused = []; document.addEventListener('securitypolicyviolation', (e) => window.__refused.push(e.effectiveDirective + ' ' + e.blockedURI));`,
  );
  const url = server.resolvedUrls!.local[0];
  await page.goto(url, { waitUntil: 'load' });
  // Every stylesheet the page imports arrives as its own <style> tag: wait for each by name.
  for (const sheet of ['export-panel.css', 'library.css']) {
    await page.waitForSelector(`style[data-vite-dev-id$="${sheet}"]`, { state: 'attached', timeout: 30_000 });
  }
  const styles = (await page.evaluate(
    `[...document.querySelectorAll('style[data-vite-dev-id]')].map((s) => ({ id: s.dataset.viteDevId.split('/').pop(), applied: !!s.sheet && s.sheet.cssRules.length > 0 }))`,
  )) as { id: string; applied: boolean }[];
  const sidebarOverflow = await page.evaluate(`getComputedStyle(document.querySelector('.sidebar')).overflowY`);
  const refused = (await page.evaluate('window.__refused')) as string[];
  await page.close();
  return { refused, styles, sidebarOverflow };
}

describe('npm run dev: stylesheets Vite injects as <style> tags', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('are blocked by the strict CSP without the dev nonce (the bug)', async () => {
    const server = await devServer(false);
    try {
      const r = await styleReport(browser, server);
      expect(r.refused).toContain('style-src-elem inline');
      expect(r.styles.some((s) => !s.applied)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('apply with it, and the panels get their styles', async () => {
    const server = await devServer(true);
    try {
      const r = await styleReport(browser, server);
      expect(r.refused).toEqual([]);
      expect(r.styles.map((s) => s.id)).toEqual(expect.arrayContaining(['library.css', 'export-panel.css']));
      expect(r.styles.every((s) => s.applied)).toBe(true);
      // From library.css: the sidebar scrolls once the library panels are in it.
      expect(r.sidebarOverflow).toBe('auto');
    } finally {
      await server.close();
    }
  });
});
