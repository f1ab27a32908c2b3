import { describe, expect, it } from 'vitest';
import { CSP, checkOriginAndHost } from '../../../main/server/http-security';

describe('browser-mode request checks', () => {
  it('accepts only the loopback host on our port', () => {
    expect(checkOriginAndHost({ host: '127.0.0.1:5000' }, 5000)).toBeNull();
    expect(checkOriginAndHost({ host: 'localhost:5000' }, 5000)).toBeNull();
    expect(checkOriginAndHost({ host: 'evil.example:5000' }, 5000)).toMatch(/Host/);
    expect(checkOriginAndHost({ host: '127.0.0.1:5001' }, 5000)).toMatch(/Host/);
    expect(checkOriginAndHost({}, 5000)).toMatch(/Host/);
  });

  it('rejects foreign origins but allows same-origin and no origin', () => {
    expect(checkOriginAndHost({ host: '127.0.0.1:5000', origin: 'http://127.0.0.1:5000' }, 5000)).toBeNull();
    expect(checkOriginAndHost({ host: '127.0.0.1:5000', origin: 'https://evil.example' }, 5000)).toMatch(/Origin/);
    expect(checkOriginAndHost({ host: '127.0.0.1:5000', origin: 'null' }, 5000)).toMatch(/Origin/);
  });

  it('has a strict content security policy', () => {
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).toContain("object-src 'none'");
    expect(CSP).not.toContain('unsafe-eval');
    expect(CSP).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});
