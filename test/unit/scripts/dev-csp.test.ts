import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowNonceStyles, devStyleNonce } from '../../../scripts/dev-csp';

const ROOT = path.resolve(__dirname, '../../..');
const page = fs.readFileSync(path.join(ROOT, 'renderer/index.html'), 'utf8');
const csp = (html: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)![1];
const directives = (policy: string) =>
  new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
      .map(([k, ...v]) => [k, v]),
  );

describe('the CSP of the page under the dev server', () => {
  it('accepts style tags that carry the dev server nonce, and changes nothing else', () => {
    const before = directives(csp(page));
    const after = directives(csp(allowNonceStyles(page, 'abc123+/=')));
    expect(after.get('style-src')).toEqual([...before.get('style-src')!, "'nonce-abc123+/='"]);
    expect(after.get('style-src')).not.toContain("'unsafe-inline'");
    for (const [name, sources] of before) if (name !== 'style-src') expect(after.get(name)).toEqual(sources);
    expect(allowNonceStyles(page, 'n').replace(csp(allowNonceStyles(page, 'n')), '')).toBe(page.replace(csp(page), ''));
  });

  it('says so when the page has no style-src to extend', () => {
    expect(() => allowNonceStyles('<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">', 'n')).toThrow(
      /no style-src/,
    );
    expect(() => allowNonceStyles('<html></html>', 'n')).toThrow(/no style-src/);
  });

  it('applies to the dev server only, with one fresh nonce that Vite puts on its style tags', () => {
    const a = devStyleNonce();
    const b = devStyleNonce();
    expect(a.apply).toBe('serve');
    const nonce = (p: typeof a) => (p.config as () => { html: { cspNonce: string } })().html.cspNonce;
    expect(nonce(a)).toMatch(/^[A-Za-z0-9+/]{24}$/);
    expect(nonce(a)).not.toBe(nonce(b));
    const handler = (a.transformIndexHtml as { handler: (html: string) => string }).handler;
    expect(csp(handler(page))).toContain(`'nonce-${nonce(a)}'`);
  });
});
