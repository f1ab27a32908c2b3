import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Browser-mode authentication without a long-lived secret in a URL. The address the server
 * prints (and hands to the browser's command line) carries a one-time start-up code: valid once
 * and for a short time. The first page load exchanges it for an HttpOnly, SameSite=Strict cookie
 * holding the session secret, which the page's script cannot read and other sites cannot send.
 * Scripts given the secret out of band (`serve --print-token`) present it as `Authorization: Bearer`.
 */
export interface Session {
  /** The long-lived secret: the cookie's value and the Bearer token. Never put in a URL. */
  readonly secret: string;
  /** Cookie name; includes the port, since cookies are shared across ports of one host. */
  readonly cookieName: string;
  /** A fresh one-time code (the previous one stays valid until used or expired). */
  newCode(): string;
  /** Consumes `code`: true once, within its lifetime; false when unknown, used or expired. */
  redeem(code: string): boolean;
  /** The Set-Cookie header value that starts a session in the browser. */
  setCookie(): string;
  /** True when the request presents the secret as a cookie or a Bearer token. */
  authorized(headers: { cookie?: string; authorization?: string }): boolean;
}

/** How long a start-up code may wait before the browser opens it, ms. */
export const CODE_LIFETIME_MS = 120_000;

/** Constant-time comparison of two strings. */
export function sameSecret(presented: string, secret: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The value of cookie `name` in a Cookie header, if present. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function createSession(port: number, o: { secret?: string; lifetimeMs?: number; now?: () => number } = {}): Session {
  const secret = o.secret ?? randomBytes(32).toString('hex');
  const lifetime = o.lifetimeMs ?? CODE_LIFETIME_MS;
  const now = o.now ?? Date.now;
  const cookieName = `ee-session-${port}`;
  /** Unused codes and when each expires. */
  const codes = new Map<string, number>();
  return {
    secret,
    cookieName,
    newCode() {
      const code = randomBytes(16).toString('hex');
      codes.set(code, now() + lifetime);
      return code;
    },
    redeem(code) {
      const t = now();
      for (const [c, until] of codes) if (until < t) codes.delete(c);
      for (const [c] of codes) {
        if (sameSecret(code, c)) {
          codes.delete(c);
          return true;
        }
      }
      return false;
    },
    setCookie() {
      // No Max-Age: a session cookie, gone when the browser closes (the server's secret dies with it anyway).
      return `${cookieName}=${secret}; HttpOnly; SameSite=Strict; Path=/`;
    },
    authorized(headers) {
      const fromCookie = readCookie(headers.cookie, cookieName);
      if (fromCookie !== undefined && sameSecret(fromCookie, secret)) return true;
      const auth = headers.authorization;
      return auth !== undefined && auth.startsWith('Bearer ') && sameSecret(auth.slice(7), secret);
    },
  };
}
