import { RENDERER_CSP } from '../../common/csp';

/** The hosts a browser may legitimately use to reach the local server. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/**
 * Rejects DNS-rebinding and cross-site requests: the Host header must name the loopback server,
 * and an Origin header, when present, must be the server itself.
 */
export function checkOriginAndHost(headers: { host?: string; origin?: string }, port: number): string | null {
  const hosts = allowedHosts(port);
  if (!headers.host || !hosts.includes(headers.host)) return `Host "${headers.host ?? ''}" is not allowed`;
  if (headers.origin !== undefined && !hosts.map((h) => `http://${h}`).includes(headers.origin)) {
    return `Origin "${headers.origin}" is not allowed`;
  }
  return null;
}

/** The renderer's policy (the one the Electron window enforces), and no framing by other pages. */
export const CSP = `${RENDERER_CSP}; frame-ancestors 'none'`;
