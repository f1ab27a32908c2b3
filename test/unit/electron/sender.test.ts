import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dbArgument, isTrustedSender } from '../../../main/electron/sender';

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

  it('accepts the file URL Chromium gives for a Windows path with a lower-case drive letter', () => {
    // Chromium upper-cases the drive letter; a terminal may hand us "c:\..." for the same file.
    const file = 'c:\\Users\\Ann Lee\\explorer\\out\\renderer\\index.html';
    expect(isTrustedSender('file:///C:/Users/Ann%20Lee/explorer/out/renderer/index.html', file, undefined, 'win32')).toBe(true);
    expect(isTrustedSender('file:///c:/Users/Ann%20Lee/explorer/out/renderer/index.html', file, undefined, 'win32')).toBe(true);
    expect(isTrustedSender('file:///C:/USERS/ann lee/EXPLORER/out/renderer/INDEX.html', file, undefined, 'win32')).toBe(true);
    expect(isTrustedSender('file:///D:/Users/Ann%20Lee/explorer/out/renderer/index.html', file, undefined, 'win32')).toBe(false);
    expect(isTrustedSender('file:///C:/Users/Ann%20Lee/explorer/out/renderer/other.html', file, undefined, 'win32')).toBe(false);
  });

  it('compares percent-encoded paths by the file they name', () => {
    const win = 'C:\\data\\100% sure;v2\\out\\renderer\\index.html';
    expect(isTrustedSender('file:///C:/data/100%25%20sure%3Bv2/out/renderer/index.html', win, undefined, 'win32')).toBe(true);
    expect(isTrustedSender('file:///C:/data/100%25%20sure;v2/out/renderer/index.html', win, undefined, 'win32')).toBe(true);
    const posix = '/home/ann/100% [draft]/out/renderer/index.html';
    expect(isTrustedSender('file:///home/ann/100%25%20%5Bdraft%5D/out/renderer/index.html', posix, undefined, 'linux')).toBe(true);
    expect(isTrustedSender('file:///home/ann/100%25%20[draft]/out/renderer/index.html', posix, undefined, 'linux')).toBe(true);
    // POSIX file names are case-sensitive.
    expect(isTrustedSender('file:///home/ann/100%25%20[DRAFT]/out/renderer/index.html', posix, undefined, 'linux')).toBe(false);
  });

  it('refuses encoded separators and paths that only look alike', () => {
    const win = 'C:\\app\\out\\renderer\\index.html';
    expect(isTrustedSender('file:///C:/app/out%5Crenderer/index.html', win, undefined, 'win32')).toBe(false);
    expect(isTrustedSender('file:///C:/app/out/renderer/x/../index.html', win, undefined, 'win32')).toBe(true);
    expect(isTrustedSender('file:///C:/app/out/renderer/index.html.evil', win, undefined, 'win32')).toBe(false);
    expect(isTrustedSender('file://evil-host/app/out/renderer/index.html', win, undefined, 'win32')).toBe(false);
    expect(isTrustedSender('file:///app/out%2Frenderer/index.html', '/app/out/renderer/index.html', undefined, 'linux')).toBe(false);
    expect(isTrustedSender('file://evil-host/app/out/renderer/index.html', '/app/out/renderer/index.html', undefined, 'linux')).toBe(false);
  });

  // Segments of real-looking names: any printable characters but separators, NUL and the dot names.
  const segment = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
    .filter((s) => !/[\\/\0:*?"<>|]/.test(s) && s !== '.' && s !== '..' && s.trim() === s);

  it('trusts our page however each character of its Windows path is encoded (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('a', 'c', 'Z'),
        fc.array(segment, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (drive, segs, encodeAll) => {
          const file = `${drive.toLowerCase()}:\\${[...segs, 'index.html'].join('\\')}`;
          const enc = (s: string) => (encodeAll ? encodeURIComponent(s) : encodeURI(s).replace(/[#?]/g, encodeURIComponent));
          const url = `file:///${drive.toUpperCase()}:/${[...segs, 'index.html'].map(enc).join('/')}`;
          expect(isTrustedSender(url, file, undefined, 'win32')).toBe(true);
          expect(isTrustedSender(url.replace(/index\.html$/, 'index.htm'), file, undefined, 'win32')).toBe(false);
        },
      ),
    );
  });

  it('trusts our page however each character of its POSIX path is encoded, and nothing next to it (property)', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), segment, (segs, other) => {
        const file = `/${[...segs, 'index.html'].join('/')}`;
        const url = `file:///${[...segs, 'index.html'].map(encodeURIComponent).join('/')}`;
        expect(isTrustedSender(url, file, undefined, 'linux')).toBe(true);
        expect(isTrustedSender(pathToFileURL(file).href, file, undefined, 'linux')).toBe(true);
        fc.pre(other !== 'index.html');
        expect(isTrustedSender(`file:///${[...segs, other].map(encodeURIComponent).join('/')}`, file, undefined, 'linux')).toBe(false);
      }),
    );
  });

  it('reads --db from the app arguments', () => {
    expect(dbArgument(['electron', '.', '--db', '/x/y.db'])).toBe('/x/y.db');
    expect(dbArgument(['electron', '.', '--db=/x/z.db'])).toBe('/x/z.db');
    expect(dbArgument(['electron', '.'])).toBeUndefined();
  });
});
