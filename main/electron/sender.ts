import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Whether an IPC message comes from our own page: the built renderer file, or the dev server
 * during `npm run dev`. Anything else (a navigated-away frame, an injected iframe) is refused.
 */
export function isTrustedSender(frameUrl: string | undefined, rendererFile: string, devUrl?: string): boolean {
  if (!frameUrl) return false;
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (devUrl) {
    const dev = new URL(devUrl);
    if (url.origin === dev.origin) return true;
  }
  if (url.protocol !== 'file:') return false;
  const expected = pathToFileURL(path.resolve(rendererFile));
  return url.pathname === expected.pathname;
}

/** Folder of the Electron build of better-sqlite3 made by `scripts/native.mjs electron`. */
export function electronNativeBinding(appRoot: string, electronVersion: string, platform: string, arch: string): string {
  return path.join(
    appRoot,
    'node_modules',
    '.embedding-explorer-native',
    `electron-${electronVersion}-${platform}-${arch}`,
    'better_sqlite3.node',
  );
}

/** The --db value from Electron's argv (app arguments after the script). */
export function dbArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--db' && argv[i + 1]) return argv[i + 1];
    if (argv[i].startsWith('--db=')) return argv[i].slice(5);
  }
  return undefined;
}
