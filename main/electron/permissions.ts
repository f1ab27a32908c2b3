import type { Session } from 'electron';
import { isAppUrl } from './app-sender';

/**
 * The one permission the page uses: writing plain text to the clipboard (Export ▸ Copy), and only
 * from our own page. Camera, microphone, geolocation, notifications, MIDI, HID, serial, USB,
 * Bluetooth, screen capture and the rest are refused without asking the user.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, devUrl?: string): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl, devUrl);
}

/**
 * Whether the page may load a URL: its own app:// files, inline data and blob: URLs it made
 * itself, and devtools; in development also the dev server. Everything else, http(s) and ws(s)
 * above all, is cancelled, so nothing the page does reaches the network.
 */
export function isRequestAllowed(raw: string, devUrl?: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'data:' || url.protocol === 'devtools:') return true;
  if (url.protocol === 'blob:') return isAppUrl(raw.slice('blob:'.length), devUrl);
  if (isAppUrl(raw, devUrl)) return true;
  // The dev server's hot reload talks over a websocket on the same host and port.
  if (devUrl && url.protocol === 'ws:') return url.host === new URL(devUrl).host;
  return false;
}

/** Installs every deny-by-default handler on a session. */
export function hardenSession(target: Session, devUrl?: string): void {
  target.setPermissionRequestHandler((webContents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl ?? webContents?.getURL(), devUrl));
  });
  target.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, devUrl),
  );
  target.setDevicePermissionHandler(() => false);
  target.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  // Device pickers: cancel the choice instead of showing one.
  target.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  target.on('select-serial-port', (event, _ports, _webContents, callback) => {
    event.preventDefault();
    callback('');
  });
  target.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  target.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isRequestAllowed(details.url, devUrl) }));
}
