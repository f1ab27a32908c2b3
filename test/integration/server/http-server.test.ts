import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import path from 'node:path';
import { decodeWire } from '../../../common/contract/wire';
import { ExplorerService } from '../../../main/core/service';
import { type RunningServer, startServer } from '../../../main/server/http-server';
import { sharedDefaultDb } from '../../helpers/temp';

let service: ExplorerService;
let server: RunningServer;
const ROOT = path.resolve(__dirname, '../../..');

beforeAll(async () => {
  service = ExplorerService.open({ dbPath: sharedDefaultDb() });
  server = await startServer({ service, rendererDir: path.join(ROOT, 'out/renderer') });
});
afterAll(async () => {
  await server.close();
  service.close();
});

const base = () => `http://127.0.0.1:${server.port}`;
const post = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base()}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...headers },
    body: JSON.stringify(body),
  });

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 only and prints a URL with a one-time code, never the session secret', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?code=[0-9a-f]{32}$/);
    expect(server.url).not.toContain(server.token);
  });

  it('trades a start-up code once for an HttpOnly, SameSite=Strict cookie and a clean URL', async () => {
    const url = server.startUrl();
    const first = await fetch(url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^ee-session-${server.port}=${server.token}; `));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    const session = cookie.split(';')[0];
    // The cookie alone authenticates API calls.
    expect((await post('status', undefined, { Authorization: '', Cookie: session })).status).toBe(200);
    // The code is spent: without the cookie it is refused, with it the page just drops it.
    const again = await fetch(url, { redirect: 'manual' });
    expect(again.status).toBe(401);
    expect(await again.text()).toMatch(/already used or has expired/);
    const withCookie = await fetch(url, { redirect: 'manual', headers: { Cookie: session } });
    expect(withCookie.status).toBe(303);
    expect(withCookie.headers.get('set-cookie')).toBeNull();
    expect((await fetch(`${base()}/?code=${'0'.repeat(32)}`, { redirect: 'manual' })).status).toBe(401);
  });

  it('refuses an expired start-up code', async () => {
    const quick = await startServer({ service, rendererDir: path.join(ROOT, 'out/renderer'), codeLifetimeMs: 1 });
    try {
      await new Promise((r) => setTimeout(r, 20));
      expect((await fetch(quick.url, { redirect: 'manual' })).status).toBe(401);
    } finally {
      await quick.close();
    }
  });

  it('answers contract calls with a valid token', async () => {
    const res = await post('neighbors', { words: ['virtue'], k: 10 });
    expect(res.status).toBe(200);
    const body = decodeWire<{ ok: boolean; value: { neighbors: { word: string }[] }[] }>(await res.text());
    expect(body.ok).toBe(true);
    expect(body.value[0].neighbors.map((n) => n.word)).toContain('morality');
  });

  it('rejects a missing or wrong token or cookie', async () => {
    expect((await post('status', undefined, { Authorization: '' })).status).toBe(401);
    expect((await post('status', undefined, { Authorization: 'Bearer nope' })).status).toBe(401);
    expect((await post('status', undefined, { Authorization: server.token })).status).toBe(401);
    const wrongCookie = { Authorization: '', Cookie: `ee-session-${server.port}=${'f'.repeat(64)}` };
    expect((await post('status', undefined, wrongCookie)).status).toBe(401);
    const otherPort = { Authorization: '', Cookie: `ee-session-${server.port + 1}=${server.token}` };
    expect((await post('status', undefined, otherPort)).status).toBe(401);
    const events = await fetch(`${base()}/api/events`);
    expect(events.status).toBe(401);
  });

  it('rejects foreign origins and hosts', async () => {
    expect((await post('status', undefined, { Origin: 'https://evil.example' })).status).toBe(403);
    // fetch may not set Host; a raw request can, as a DNS-rebinding page would arrive.
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: server.port, path: '/', headers: { Host: `evil.example:${server.port}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject);
    });
    expect(status).toBe(403);
  });

  it('validates payloads and reports errors as data', async () => {
    const res = await post('neighbors', { words: ['virtue'], k: -3 });
    const body = decodeWire<{ ok: boolean; error: { code: string; message: string } }>(await res.text());
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('invalid-request');
    expect(body.error.message).toMatch(/k must be between 1 and 1000/);
    const unknown = decodeWire<{ ok: boolean; error: { code: string } }>(await (await post('dropTables', {})).text());
    expect(unknown.error.code).toBe('unknown-method');
  });

  it('serves the page with a strict CSP and refuses paths outside it', async () => {
    const page = await fetch(`${base()}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('Search words');
    expect((await fetch(`${base()}/..%2F..%2Fpackage.json`)).status).toBeGreaterThanOrEqual(403);
  });

  it('never serves a file outside the page folder, however the path is spelled', async () => {
    const targets = [
      '/../package.json',
      '/%2e%2e/package.json',
      '/assets/..%2F..%2F..%2Fpackage.json',
      '/..%5c..%5cpackage.json',
      '/%2e%2e%2f%2e%2e%2fpackage.json',
    ];
    for (const target of targets) {
      const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        // A raw request: fetch would normalise the dot segments away before sending.
        http
          .get({ host: '127.0.0.1', port: server.port, path: target, headers: { Host: `127.0.0.1:${server.port}` } }, (r) => {
            let body = '';
            r.setEncoding('utf8');
            r.on('data', (c: string) => (body += c));
            r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
          })
          .on('error', reject);
      });
      expect(res.body, target).not.toContain('"name": "embedding-explorer"');
      expect(res.status === 200 ? res.body : '', target).not.toContain('devDependencies');
    }
  });
});
