import { randomBytes } from 'node:crypto';
import type { Plugin } from 'vite';

/**
 * Adds `'nonce-<nonce>'` to the style-src directive of the page's Content-Security-Policy meta
 * tag, leaving every other directive as it is.
 */
export function allowNonceStyles(html: string, nonce: string): string {
  let found = false;
  const out = html.replace(
    /(<meta\s[^>]*http-equiv="Content-Security-Policy"[^>]*\scontent=")([^"]*)(")/i,
    (_m, head: string, csp: string, tail: string) => {
      const directives = csp
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          if (!/^style-src(\s|$)/.test(d)) return d;
          found = true;
          return `${d} 'nonce-${nonce}'`;
        });
      return head + directives.join('; ') + tail;
    },
  );
  if (!found) throw new Error('renderer/index.html has no style-src in its Content-Security-Policy meta tag.');
  return out;
}

/**
 * `npm run dev` only: Vite injects the stylesheets that modules import as <style> tags, which
 * `style-src 'self'` blocks (panels lost their styles). Vite puts a nonce on those tags when
 * html.cspNonce is set; this plugin sets a fresh one per dev server and lets the page's CSP
 * accept it. Builds are untouched: their stylesheets are files, and the CSP stays as written.
 */
export function devStyleNonce(nonce = randomBytes(18).toString('base64')): Plugin {
  return {
    name: 'embedding-explorer:dev-style-nonce',
    apply: 'serve',
    config: () => ({ html: { cspNonce: nonce } }),
    transformIndexHtml: { order: 'pre', handler: (html) => allowNonceStyles(html, nonce) },
  };
}
