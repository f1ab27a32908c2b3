import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { decodeWire, decodeWireBinary, encodeWire, encodeWireBinary, WIRE_BINARY_TYPE } from '../../preload/wire';
import { dispatch } from '../core/dispatch';
import type { ExplorerService } from '../core/service';
import { CSP, checkOriginAndHost, checkToken } from './http-security';

/** Browser mode: the renderer and the contract over HTTP on 127.0.0.1, guarded by a token. */
export interface ServerOptions {
  service: ExplorerService;
  /** Folder with the built renderer (index.html and assets). */
  rendererDir: string;
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number;
  /** Per-run secret; default 32 random bytes, hex. */
  token?: string;
  /** Largest request body accepted, in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
}

export interface RunningServer {
  /** URL to open, token included (the page moves it out of the address bar). */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

function send(res: http.ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Content-Security-Policy': CSP,
  });
  res.end(body);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error(`request body larger than ${limit} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function serveStatic(rendererDir: string, urlPath: string, res: http.ServerResponse): void {
  const rel = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  const file = path.resolve(rendererDir, `.${rel}`);
  if (!file.startsWith(path.resolve(rendererDir) + path.sep)) return send(res, 403, 'Forbidden');
  fs.readFile(file, (err, data) => {
    if (err) return send(res, 404, 'Not found');
    send(res, 200, data, TYPES[path.extname(file)] ?? 'application/octet-stream');
  });
}

export function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  // Saving a 50,000-point projection sends its words and coordinates (~1.5 MB as JSON).
  const limit = opts.maxBodyBytes ?? 16 << 20;
  const streams = new Set<http.ServerResponse>();
  let port = 0;

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const problem = checkOriginAndHost({ host: req.headers.host, origin: req.headers.origin }, port);
    if (problem) return send(res, 403, `Forbidden: ${problem}.`);
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
      return serveStatic(opts.rendererDir, url.pathname, res);
    }
    if (!checkToken(req.headers.authorization, token)) return send(res, 401, 'Unauthorized: missing or wrong session token.');
    const method = url.pathname.slice('/api/'.length);
    if (method === 'events' && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (req.method !== 'POST') return send(res, 405, 'Method not allowed');
    const type = req.headers['content-type'] ?? '';
    const binaryIn = type.startsWith(WIRE_BINARY_TYPE);
    if (!binaryIn && !type.startsWith('application/json')) {
      return send(res, 415, `Unsupported media type: send application/json or ${WIRE_BINARY_TYPE}.`);
    }
    // The page asks for the binary framing so large typed arrays arrive without base64.
    const binaryOut = (req.headers.accept ?? '').includes(WIRE_BINARY_TYPE);
    const reply = (status: number, value: unknown) =>
      binaryOut ? send(res, status, Buffer.from(encodeWireBinary(value)), WIRE_BINARY_TYPE) : send(res, status, encodeWire(value), 'application/json');
    let body: unknown;
    try {
      const raw = await readBody(req, limit);
      if (raw.length === 0) body = undefined;
      else body = binaryIn ? decodeWireBinary(raw) : decodeWire(raw.toString('utf8'));
    } catch (e) {
      return reply(400, { ok: false, error: { code: 'invalid-request', message: `Bad request body: ${(e as Error).message}` } });
    }
    reply(200, await dispatch(opts.service, method, body));
  });

  const unsubscribe = opts.service.onEvent((event) => {
    const line = `data: ${encodeWire(event)}\n\n`;
    for (const s of streams) s.write(line);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as { port: number }).port;
      resolve({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            for (const s of streams) s.end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
