import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { decodeWire, decodeWireBinary, encodeWire, encodeWireBinary, WIRE_BINARY_TYPE } from '../../common/contract/wire';
import { dispatch } from '../core/dispatch';
import type { ExplorerService } from '../core/service';
import { CSP, checkOriginAndHost } from './http-security';
import { createSession, type Session } from './session';

/**
 * Browser mode: the renderer and the contract over HTTP on 127.0.0.1. The printed address holds
 * a one-time start-up code the first page load exchanges for a session cookie (session.ts).
 */
export interface ServerOptions {
  service: ExplorerService;
  /** Folder with the built renderer (index.html and assets). */
  rendererDir: string;
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number;
  /** Per-run session secret (cookie value and Bearer token); default 32 random bytes, hex. */
  token?: string;
  /** How long the start-up code stays valid, ms. Default 2 minutes. */
  codeLifetimeMs?: number;
  /** Largest request body accepted, in bytes. Default 16 MiB (a 50,000-point projection is about 1.5 MB). */
  maxBodyBytes?: number;
}

export interface RunningServer {
  /** URL to open: carries a one-time start-up code, never the session secret. */
  url: string;
  /** The address without any code. */
  origin: string;
  port: number;
  /** The session secret, for `Authorization: Bearer` from scripts and tests. */
  token: string;
  /** Another one-time start-up URL (e.g. for a second browser). */
  startUrl(): string;
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

function send(
  res: http.ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'text/plain; charset=utf-8',
  extra: http.OutgoingHttpHeaders = {},
): void {
  res.writeHead(status, {
    ...extra,
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
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(new RequestError(413, `Payload too large: the body may be at most ${limit} bytes.`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) {
        // Stop buffering but keep the socket: the client gets its 413 before the close.
        over = true;
        chunks.length = 0;
        reject(new RequestError(413, `Payload too large: the body may be at most ${limit} bytes.`));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new RequestError(400, 'Bad request: the body was cut off.')));
  });
}

/** A request the server refuses with a 4xx status; anything else escaping a handler is a 400 too (see `guard`). */
class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function serveStatic(rendererDir: string, urlPath: string, res: http.ServerResponse): void {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    throw new RequestError(400, 'Bad request: malformed percent-encoding in the path.');
  }
  if (rel.includes('\0')) throw new RequestError(400, 'Bad request: NUL byte in the path.');
  const file = path.resolve(rendererDir, `.${rel}`);
  if (!file.startsWith(path.resolve(rendererDir) + path.sep)) return send(res, 403, 'Forbidden');
  fs.readFile(file, (err, data) => {
    if (res.destroyed) return;
    if (err) return send(res, 404, 'Not found');
    send(res, 200, data, TYPES[path.extname(file)] ?? 'application/octet-stream');
  });
}

/**
 * The one place a request's failure is caught: whatever a handler throws or rejects with ends
 * in a 4xx answer (or a closed connection once headers are out), never in an unhandled
 * rejection that would stop the process and every job running in it.
 */
function guard(handler: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>): http.RequestListener {
  return (req, res) => {
    // A client that resets mid-body emits 'error' on the request; without a listener it would throw.
    req.on('error', () => res.destroy());
    res.on('error', () => res.destroy());
    handler(req, res).catch((e: unknown) => {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      const status = e instanceof RequestError ? e.status : 400;
      const message = e instanceof RequestError ? e.message : 'Bad request.';
      try {
        send(res, status, message);
      } catch {
        res.destroy();
      }
    });
  };
}

/**
 * A page load carrying `?code=`: a valid code (or a browser that already has the session) is sent
 * on to the same address without it, so the code never stays in the address bar or history.
 */
function exchangeCode(session: Session, url: URL, req: http.IncomingMessage, res: http.ServerResponse): void {
  const code = url.searchParams.get('code') ?? '';
  const redeemed = session.redeem(code);
  if (!redeemed && !session.authorized(req.headers)) {
    return send(
      res,
      401,
      'Unauthorized: this start-up link was already used or has expired. Stop embedding-explorer serve and start it again for a new link.',
    );
  }
  url.searchParams.delete('code');
  const clean = url.pathname + url.search;
  send(res, 303, `See ${clean}`, undefined, { Location: clean, ...(redeemed ? { 'Set-Cookie': session.setCookie() } : {}) });
}

export function startServer(opts: ServerOptions): Promise<RunningServer> {
  let session: Session | undefined;
  // Saving a 50,000-point projection sends its words and coordinates (~1.5 MB as JSON).
  const limit = opts.maxBodyBytes ?? 16 << 20;
  const streams = new Set<http.ServerResponse>();
  let port = 0;

  const server = http.createServer(
    {
      // Slow or stalled clients are cut off instead of holding sockets open forever.
      headersTimeout: 10_000,
      requestTimeout: 60_000,
      maxHeaderSize: 16 * 1024,
    },
    guard(async (req, res) => {
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://127.0.0.1');
      } catch {
        throw new RequestError(400, 'Bad request: malformed request target.');
      }
      const problem = checkOriginAndHost({ host: req.headers.host, origin: req.headers.origin }, port);
      if (problem) return send(res, 403, `Forbidden: ${problem}.`);
      if (!session) throw new RequestError(503, 'Service unavailable: starting.');
      if (!url.pathname.startsWith('/api/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
        if (url.searchParams.has('code')) return exchangeCode(session, url, req, res);
        return serveStatic(opts.rendererDir, url.pathname, res);
      }
      if (!session.authorized(req.headers)) return send(res, 401, 'Unauthorized: missing or wrong session.');
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
        binaryOut
          ? send(res, status, Buffer.from(encodeWireBinary(value)), WIRE_BINARY_TYPE)
          : send(res, status, encodeWire(value), 'application/json');
      let body: unknown;
      try {
        const raw = await readBody(req, limit);
        if (raw.length === 0) body = undefined;
        else body = binaryIn ? decodeWireBinary(raw) : decodeWire(raw.toString('utf8'));
      } catch (e) {
        if (e instanceof RequestError) {
          res.setHeader('Connection', 'close');
          return reply(e.status, { ok: false, error: { code: e.status === 413 ? 'too-large' : 'invalid-request', message: e.message } });
        }
        return reply(400, { ok: false, error: { code: 'invalid-request', message: `Bad request body: ${(e as Error).message}` } });
      }
      reply(200, await dispatch(opts.service, method, body));
    }),
  );
  // Malformed HTTP (bad request line, oversized headers, garbage bytes) never reaches the
  // handler: answer 400 where the socket still can, and drop it either way.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (socket.writable && err.code !== 'ECONNRESET') {
      const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    }
    socket.destroy();
  });

  const unsubscribe = opts.service.onEvent((event) => {
    const line = `data: ${encodeWire(event)}\n\n`;
    for (const s of streams) s.write(line);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as { port: number }).port;
      const s = createSession(port, { secret: opts.token, lifetimeMs: opts.codeLifetimeMs });
      session = s;
      const origin = `http://127.0.0.1:${port}`;
      const startUrl = () => `${origin}/?code=${s.newCode()}`;
      resolve({
        url: startUrl(),
        origin,
        port,
        token: s.secret,
        startUrl,
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
