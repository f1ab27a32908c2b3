import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dbArgument, electronNativeBinding, isTrustedSender } from '../../../main/electron/sender';

const rendererFile = path.resolve('/app/out/renderer/index.html');

describe('IPC sender check', () => {
  it('trusts only our renderer file or the dev server', () => {
    expect(isTrustedSender(pathToFileURL(rendererFile).href, rendererFile)).toBe(true);
    expect(isTrustedSender(`${pathToFileURL(rendererFile).href}#view`, rendererFile)).toBe(true);
    expect(isTrustedSender(pathToFileURL('/tmp/evil.html').href, rendererFile)).toBe(false);
    expect(isTrustedSender('https://example.com/', rendererFile)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', rendererFile)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', rendererFile, 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender(undefined, rendererFile)).toBe(false);
    expect(isTrustedSender('not a url', rendererFile)).toBe(false);
  });

  it('reads --db from the app arguments', () => {
    expect(dbArgument(['electron', '.', '--db', '/x/y.db'])).toBe('/x/y.db');
    expect(dbArgument(['electron', '.', '--db=/x/z.db'])).toBe('/x/z.db');
    expect(dbArgument(['electron', '.'])).toBeUndefined();
  });

  it('keeps the Electron build of better-sqlite3 apart per version and platform', () => {
    const p = electronNativeBinding('/app', '41.0.0', 'linux', 'x64');
    expect(p).toBe(path.join('/app', 'node_modules', '.embedding-explorer-native', 'electron-41.0.0-linux-x64', 'better_sqlite3.node'));
  });
});
