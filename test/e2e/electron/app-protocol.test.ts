import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ protocol: {} }));
const { APP_ENTRY, serveAppRequest } = await import('../../../main/electron/protocol');
const { RENDERER_CSP } = await import('../../../common/csp');

const ROOT = path.resolve(__dirname, '../../..');
const RENDERER = path.join(ROOT, 'out', 'renderer');
const get = (url: string) => serveAppRequest({ url, method: 'GET' }, RENDERER);

// The desktop window loads the built page from app://bundle/; every file it needs must resolve there
// with a type Chromium accepts (module scripts and workers are refused under a wrong MIME type).
describe('the built page over app://', () => {
  it('serves index.html with the CSP header, the same policy as its meta tag', async () => {
    const res = await get(APP_ENTRY);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    const html = await res.text();
    expect(html).toContain(`content="${RENDERER_CSP}"`);
  });

  it('resolves every script, stylesheet and worker the page loads', async () => {
    const html = await (await get(APP_ENTRY)).text();
    const refs = [...html.matchAll(/(?:src|href)="(\.\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(refs.some((r) => r.endsWith('.js'))).toBe(true);
    expect(refs.some((r) => r.endsWith('.css'))).toBe(true);
    const bundles = fs.readdirSync(path.join(RENDERER, 'assets')).filter((f) => f.endsWith('.js'));
    const workers = new Set<string>();
    for (const b of bundles) {
      for (const m of fs
        .readFileSync(path.join(RENDERER, 'assets', b), 'utf8')
        .matchAll(/["'/]((?:assets\/)?[\w-]*worker[\w-]*\.js)["']/g)) {
        workers.add(`./assets/${path.basename(m[1])}`);
      }
    }
    expect(workers.size).toBeGreaterThan(0);
    for (const ref of [...refs, ...workers]) {
      const url = new URL(ref, APP_ENTRY).href;
      expect(url.startsWith('app://bundle/assets/'), url).toBe(true);
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type'), url).toBe(
        ref.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
      );
    }
  });
});
