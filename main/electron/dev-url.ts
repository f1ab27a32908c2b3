/** The flag `npm run dev` passes to Electron; without it the dev server URL is ignored. */
export const DEV_FLAG = '--dev-server';

/**
 * The development renderer URL, honoured only when all of these hold: the app is not packaged,
 * the explicit dev flag is on the command line, and the URL is plain http on the loopback
 * interface. A stray ELECTRON_RENDERER_URL in the environment can therefore never point an
 * installed app at a web page.
 */
export function devRendererUrl(env: Record<string, string | undefined>, argv: readonly string[], isPackaged: boolean): string | undefined {
  const raw = env.ELECTRON_RENDERER_URL;
  if (isPackaged || !raw || !argv.includes(DEV_FLAG)) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' || url.username || url.password) return undefined;
  if (!['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return undefined;
  return url.origin + url.pathname;
}
