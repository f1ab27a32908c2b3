import fs from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import path from 'node:path';
import { RENDERER_CSP } from '../../common/csp';

/** The renderer is served as app://bundle/…, a standard secure origin of its own (not file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** Privileges of the scheme, registered before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  // No bypassCSP, no CORS exemption, no service workers, no streaming of arbitrary media.
  corsEnabled: false,
  bypassCSP: false,
  allowServiceWorkers: false,
} as const;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file an app:// URL names inside `root`, or null when it names anything else: another host,
 * another scheme, a path that climbs out (`..`, encoded or not), a NUL byte, a backslash. Pure,
 * so the confinement is unit-tested without Electron.
 */
export function resolveAppPath(requestUrl: string, root: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password || url.port) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const relative = segments.length ? segments.join(path.sep) : 'index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  return file;
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': RENDERER_CSP } });
}

/**
 * Answers one app:// request from the files under `root`: GET and HEAD only, regular files only,
 * symbolic links that lead out of `root` refused, the CSP on every response.
 */
export async function serveAppRequest(request: { url: string; method: string }, root: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const file = resolveAppPath(request.url, root);
  if (!file) return plain(404, 'Not found');
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(file)]);
    if (!realFile.startsWith(realRoot + path.sep)) return plain(404, 'Not found');
    const stat = await fs.stat(realFile);
    if (!stat.isFile()) return plain(404, 'Not found');
    const body = request.method === 'HEAD' ? null : await fs.readFile(realFile);
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': MIME[path.extname(realFile).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': RENDERER_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      },
    });
  } catch {
    return plain(404, 'Not found');
  }
}

/** Must run before `app` is ready: makes app:// a standard, secure origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

/** Serves out/renderer on app:// in the given session. */
export function handleAppProtocol(target: Session, root: string): void {
  target.protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, root));
}
