import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Whether an IPC message comes from our own page: the built renderer file, or the dev server
 * during `npm run dev`. Anything else (a navigated-away frame, an injected iframe) is refused.
 *
 * File URLs are compared as the paths they name, not as strings: Chromium upper-cases a Windows
 * drive letter and percent-encodes other characters than Node does, so string equality refused
 * our own page (an empty window) when a terminal gave a lower-case drive letter or the path held
 * a `%` or `;`. Windows paths compare case-insensitively, as the file system does.
 */
export function isTrustedSender(frameUrl: string | undefined, rendererFile: string, devUrl?: string, platform = process.platform): boolean {
  if (!frameUrl) return false;
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (devUrl && sameOrigin(url, devUrl)) return true;
  if (url.protocol !== 'file:') return false;
  const windows = platform === 'win32';
  let framePath: string;
  try {
    // Throws for an encoded separator (%2F, and %5C on Windows), which never names our file.
    framePath = fileURLToPath(url, { windows });
  } catch {
    return false;
  }
  const p = windows ? path.win32 : path.posix;
  const [a, b] = [p.normalize(framePath), p.normalize(p.resolve(rendererFile))];
  return windows ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function sameOrigin(url: URL, devUrl: string): boolean {
  try {
    return url.origin !== 'null' && url.origin === new URL(devUrl).origin;
  } catch {
    return false;
  }
}

/** The --db value from Electron's argv (app arguments after the script). */
export function dbArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--db' && argv[i + 1]) return argv[i + 1];
    if (argv[i].startsWith('--db=')) return argv[i].slice(5);
  }
  return undefined;
}
