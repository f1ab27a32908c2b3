import { vi, describe, expect, it } from 'vitest';

// The Electron binary is never loaded in tests: these modules use only types and pure helpers.
vi.mock('electron', () => ({ protocol: {}, shell: {} }));
const { isAppUrl, isTrustedAppSender } = await import('../../../main/electron/app-sender');
const { devRendererUrl, DEV_FLAG } = await import('../../../main/electron/dev-url');

describe('IPC sender check on the app:// origin', () => {
  it('trusts our page only', () => {
    expect(isAppUrl('app://bundle/index.html')).toBe(true);
    expect(isAppUrl('app://bundle/index.html#view')).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'app://u:p@bundle/',
      'file:///app/out/renderer/index.html',
      'https://bundle/',
      'about:blank',
      '',
      undefined,
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173/')).toBe(true);
  });

  it('refuses subframes even on our origin', () => {
    const top = { url: 'app://bundle/index.html', parent: null };
    expect(isTrustedAppSender({ senderFrame: top })).toBe(true);
    expect(isTrustedAppSender({ senderFrame: { url: 'app://bundle/index.html', parent: top } })).toBe(false);
    expect(isTrustedAppSender({ senderFrame: { url: 'https://evil.example/', parent: null } })).toBe(false);
    expect(isTrustedAppSender({ senderFrame: null })).toBe(false);
    expect(isTrustedAppSender({})).toBe(false);
  });
});

describe('development URL', () => {
  const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
  it('is honoured only unpackaged, with the dev flag, on loopback http', () => {
    expect(devRendererUrl(env, ['electron', '.', DEV_FLAG], false)).toBe('http://localhost:5173/');
    expect(devRendererUrl(env, ['electron', '.'], false)).toBeUndefined();
    expect(devRendererUrl(env, ['electron', '.', DEV_FLAG], true)).toBeUndefined();
    expect(devRendererUrl({}, ['electron', '.', DEV_FLAG], false)).toBeUndefined();
    for (const url of ['https://localhost:5173/', 'http://example.com/', 'http://user:pw@localhost:5173/', 'file:///x.html', 'garbage']) {
      expect(devRendererUrl({ ELECTRON_RENDERER_URL: url }, [DEV_FLAG], false), url).toBeUndefined();
    }
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/?x=1' }, [DEV_FLAG], false)).toBe('http://127.0.0.1:5173/');
  });
});
