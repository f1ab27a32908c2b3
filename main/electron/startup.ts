import fs from 'node:fs';

/**
 * Runs `start` once the app is ready and hands every failure to `fail`: a rejected ready, an
 * error thrown by `start` or a promise it returns. (`ready.then(start, fail)` left errors thrown
 * late in `start` as unhandled rejections: no window and no message.)
 */
export function startWhenReady(ready: Promise<unknown>, start: () => void | Promise<void>, fail: (e: unknown) => void): Promise<void> {
  return ready.then(() => start()).catch(fail);
}

/** Environment variable naming the file `npm start`'s launcher watches (scripts/launcher.mjs). */
export const READY_ENV = 'EMBEDDING_EXPLORER_READY_FILE';

/**
 * Tells the launcher that the window opened, so that a later exit is not taken for a failure to
 * start (which would open the browser version).
 */
export function markReadyWhenShown(win: { once(event: 'ready-to-show', listener: () => void): unknown }, env = process.env): void {
  const file = env[READY_ENV];
  if (!file) return;
  win.once('ready-to-show', () => {
    try {
      fs.writeFileSync(file, `${process.pid}\n`);
    } catch {
      // Without the file the launcher only loses the "window opened" hint.
    }
  });
}
