/**
 * The renderer's Content-Security-Policy. The same text sits in renderer/index.html (a meta tag,
 * which browser mode relies on) and is sent as a header by the app:// protocol, so a page that
 * lost its meta tag is still held to it; browser mode sends it too, with `frame-ancestors` (which
 * only a header can carry). A unit test keeps the meta tag and this text identical.
 *
 * Scripts only from the app itself (no inline script, no eval), workers from the app or blob:
 * (the UMAP worker), no plugins, no <base> rewriting, no form posts, and `connect-src 'self'`:
 * the page can reach the app and nothing on the network.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
