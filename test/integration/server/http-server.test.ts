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
  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
  });

  it('answers contract calls with a valid token', async () => {
    const res = await post('neighbors', { words: ['virtue'], k: 10 });
    expect(res.status).toBe(200);
    const body = decodeWire<{ ok: boolean; value: { neighbors: { word: string }[] }[] }>(await res.text());
    expect(body.ok).toBe(true);
    expect(body.value[0].neighbors.map((n) => n.word)).toContain('morality');
  });

  it('rejects a missing or wrong token', async () => {
    expect((await post('status', undefined, { Authorization: '' })).status).toBe(401);
    expect((await post('status', undefined, { Authorization: 'Bearer nope' })).status).toBe(401);
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
});
