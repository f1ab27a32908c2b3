import { describe, expect, it } from 'vitest';
import { createSession, readCookie } from '../../../main/server/session';

describe('browser-mode session', () => {
  it('accepts a start-up code once', () => {
    const s = createSession(5000);
    const code = s.newCode();
    expect(s.redeem(code)).toBe(true);
    expect(s.redeem(code)).toBe(false);
    expect(s.redeem('')).toBe(false);
    expect(s.redeem(`${code}0`)).toBe(false);
  });

  it('lets a code expire', () => {
    let t = 1_000;
    const s = createSession(5000, { lifetimeMs: 100, now: () => t });
    const code = s.newCode();
    t += 101;
    expect(s.redeem(code)).toBe(false);
  });

  it('never puts the secret in a code', () => {
    const s = createSession(5000);
    expect(s.newCode()).not.toContain(s.secret);
    expect(s.secret).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sets an HttpOnly, SameSite=Strict, Path=/ cookie named for the port', () => {
    const s = createSession(5123);
    const cookie = s.setCookie();
    expect(cookie).toMatch(/^ee-session-5123=[0-9a-f]{64}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
  });

  it('authorizes by cookie or Bearer token only when the secret matches', () => {
    const s = createSession(5000, { secret: 'abc123' });
    expect(s.authorized({ cookie: 'x=1; ee-session-5000=abc123' })).toBe(true);
    expect(s.authorized({ authorization: 'Bearer abc123' })).toBe(true);
    expect(s.authorized({ cookie: 'ee-session-5001=abc123' })).toBe(false);
    expect(s.authorized({ cookie: 'ee-session-5000=abc124' })).toBe(false);
    expect(s.authorized({ authorization: 'abc123' })).toBe(false);
    expect(s.authorized({ authorization: 'Bearer abc12' })).toBe(false);
    expect(s.authorized({})).toBe(false);
  });

  it('reads one cookie out of a header', () => {
    expect(readCookie('a=1; b=2;c=3', 'b')).toBe('2');
    expect(readCookie('a=1', 'b')).toBeUndefined();
    expect(readCookie(undefined, 'b')).toBeUndefined();
  });
});
