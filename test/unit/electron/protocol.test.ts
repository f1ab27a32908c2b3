import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const registered: unknown[] = [];
vi.mock('electron', () => ({ protocol: { registerSchemesAsPrivileged: (s: unknown) => registered.push(s) } }));

const { APP_ENTRY, registerAppScheme, resolveAppPath, serveAppRequest } = await import('../../../main/electron/protocol');
const { RENDERER_CSP } = await import('../../../common/csp');

let root: string;
let outside: string;

beforeAll(() => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'app-protocol-'));
  root = path.join(base, 'renderer');
  outside = path.join(base, 'secret.txt');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>x</title>');
  fs.writeFileSync(path.join(root, 'assets', 'main.js'), 'console.log(1)');
  fs.writeFileSync(outside, 'secret');
  fs.symlinkSync(outside, path.join(root, 'assets', 'link.txt'));
});
afterAll(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme without CSP bypass', () => {
    registerAppScheme();
    expect(registered).toEqual([
      [
        {
          scheme: 'app',
          privileges: {
            standard: true,
            secure: true,
            supportFetchAPI: true,
            corsEnabled: false,
            bypassCSP: false,
            allowServiceWorkers: false,
          },
        },
      ],
    ]);
    expect(APP_ENTRY).toBe('app://bundle/index.html');
  });

  it('maps URLs of the app host to files under the root', () => {
    expect(resolveAppPath('app://bundle/index.html', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath('app://bundle/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath('app://bundle/assets/main.js?v=1#x', root)).toBe(path.join(root, 'assets', 'main.js'));
  });

  it('refuses other hosts, schemes, credentials, traversal, NUL and backslashes', () => {
    for (const url of [
      'app://other/index.html',
      'file:///etc/passwd',
      'https://bundle/index.html',
      'app://user:pw@bundle/index.html',
      'app://bundle:8080/index.html',
      'app://bundle/..%2fsecret.txt',
      'app://bundle/assets%5c..%5c..%5csecret.txt',
      'app://bundle/index.html%00.png',
      'app://bundle/%E0%A4%A',
      'not a url',
    ]) {
      expect(resolveAppPath(url, root), url).toBeNull();
    }
  });

  it('keeps dot segments inside the root (the URL parser folds them before the path is read)', () => {
    for (const url of ['app://bundle/%2e%2e/secret.txt', 'app://bundle/assets/%2E%2E/%2E%2E/secret.txt', 'app://bundle/../../secret.txt']) {
      const file = resolveAppPath(url, root);
      expect(file, url).toBe(path.join(root, 'secret.txt'));
    }
  });

  it('never resolves a generated path outside the root', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E%2e', '..%2f', '%2f', '%5c', '%00', '', 'assets', 'index.html'),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const file = resolveAppPath(`app://bundle/${segments.join('/')}`, root);
        if (file !== null) expect(file === root || file.startsWith(root + path.sep)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('serves files with the CSP header and the right type', async () => {
    const res = await serveAppRequest({ url: 'app://bundle/index.html', method: 'GET' }, root);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>x</title>');
    const js = await serveAppRequest({ url: 'app://bundle/assets/main.js', method: 'GET' }, root);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for escapes, folders, missing files and links out of the root; 405 for writes', async () => {
    for (const url of [
      'app://bundle/%2e%2e/secret.txt',
      'app://bundle/assets',
      'app://bundle/missing.js',
      'app://bundle/assets/link.txt',
    ]) {
      const res = await serveAppRequest({ url, method: 'GET' }, root);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
      expect(await res.text()).not.toContain('secret');
    }
    expect((await serveAppRequest({ url: 'app://bundle/index.html', method: 'POST' }, root)).status).toBe(405);
  });
});
