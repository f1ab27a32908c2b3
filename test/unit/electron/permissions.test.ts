import { describe, expect, it, vi } from 'vitest';

// The Electron binary is never loaded in tests: these modules use only types and pure helpers.
vi.mock('electron', () => ({ protocol: {}, shell: {} }));
const { hardenSession, isPermissionAllowed, isRequestAllowed } = await import('../../../main/electron/permissions');

type Fn = (...args: unknown[]) => unknown;

/** Records the handlers hardenSession installs on a session. */
function fakeSession() {
  const h: Record<string, Fn> = {};
  const session = {
    setPermissionRequestHandler: (f: Fn) => (h.request = f),
    setPermissionCheckHandler: (f: Fn) => (h.check = f),
    setDevicePermissionHandler: (f: Fn) => (h.device = f),
    setDisplayMediaRequestHandler: (f: Fn) => (h.display = f),
    on: (name: string, f: Fn) => (h[name] = f),
    webRequest: { onBeforeRequest: (f: Fn) => (h.beforeRequest = f) },
  };
  return { session, h };
}

describe('session permissions', () => {
  it('allows only clipboard writes from our page', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://bundle/index.html')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://bundle')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined)).toBe(false);
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'hid',
      'serial',
      'usb',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      expect(isPermissionAllowed(p, 'app://bundle/index.html'), p).toBe(false);
    }
  });

  it('lets the page load only its own files, data: and its own blob: URLs', () => {
    expect(isRequestAllowed('app://bundle/assets/index.js')).toBe(true);
    expect(isRequestAllowed('data:image/png;base64,AAAA')).toBe(true);
    expect(isRequestAllowed('blob:app://bundle/5f0c-1')).toBe(true);
    expect(isRequestAllowed('devtools://devtools/bundled/inspector.html')).toBe(true);
    for (const url of [
      'https://nlp.stanford.edu/',
      'http://127.0.0.1:8080/api/status',
      'ws://localhost:5173/',
      'file:///etc/passwd',
      'blob:https://evil.example/1',
      'app://other/x.js',
      'ftp://example.com/',
      'not a url',
    ]) {
      expect(isRequestAllowed(url), url).toBe(false);
    }
  });

  it('in development also allows the dev server and its hot-reload socket, nothing else', () => {
    const dev = 'http://localhost:5173/';
    expect(isRequestAllowed('http://localhost:5173/src/main.ts', dev)).toBe(true);
    expect(isRequestAllowed('ws://localhost:5173/', dev)).toBe(true);
    expect(isRequestAllowed('http://localhost:5174/', dev)).toBe(false);
    expect(isRequestAllowed('https://example.com/', dev)).toBe(false);
  });

  it('installs deny-by-default handlers for requests, checks, devices, pickers, screen capture and the network', () => {
    const { session, h } = fakeSession();
    hardenSession(session as never);
    const answer = vi.fn();
    h.request({ getURL: () => 'app://bundle/index.html' }, 'media', answer, { requestingUrl: 'app://bundle/index.html' });
    h.request({ getURL: () => 'app://bundle/index.html' }, 'clipboard-sanitized-write', answer, {
      requestingUrl: 'app://bundle/index.html',
    });
    expect(answer.mock.calls).toEqual([[false], [true]]);
    expect(h.check(null, 'geolocation', 'app://bundle')).toBe(false);
    expect(h.check(null, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(h.device({ deviceType: 'usb', origin: 'app://bundle' })).toBe(false);
    const display = vi.fn();
    h.display({}, display);
    expect(display).toHaveBeenCalledWith({});
    for (const name of ['select-hid-device', 'select-usb-device']) {
      const event = { preventDefault: vi.fn() };
      const callback = vi.fn();
      h[name](event, { deviceList: [{ deviceId: '1' }] }, callback);
      expect(event.preventDefault, name).toHaveBeenCalled();
      expect(callback, name).toHaveBeenCalledWith();
    }
    const serialEvent = { preventDefault: vi.fn() };
    const serialCallback = vi.fn();
    h['select-serial-port'](serialEvent, [{ portId: '1' }], {}, serialCallback);
    expect(serialEvent.preventDefault).toHaveBeenCalled();
    expect(serialCallback).toHaveBeenCalledWith('');
    const network = vi.fn();
    h.beforeRequest({ url: 'https://example.com/track' }, network);
    h.beforeRequest({ url: 'app://bundle/index.html' }, network);
    expect(network.mock.calls).toEqual([[{ cancel: true }], [{ cancel: false }]]);
  });
});
