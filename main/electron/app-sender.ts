import { APP_HOST, APP_SCHEME } from './protocol';

/**
 * Whether a frame URL is our page: app://bundle/… or, in development only, the dev server's
 * origin. Node's URL gives custom schemes an opaque origin, so scheme and host are compared.
 */
export function isAppUrl(frameUrl: string | undefined, devUrl?: string): boolean {
  if (!frameUrl) return false;
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  if (!devUrl) return false;
  try {
    return url.origin === new URL(devUrl).origin;
  } catch {
    return false;
  }
}

/** What the check reads of an IPC event: the sending frame (its URL, and its parent, null at the top). */
export interface SenderLike {
  senderFrame?: { url: string; parent: unknown } | null;
}

/**
 * Whether an IPC message comes from the top frame of our own page. An iframe (even one on our
 * origin), a page navigated elsewhere, or a frame already gone is refused.
 */
export function isTrustedAppSender(event: SenderLike, devUrl?: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url, devUrl);
}
