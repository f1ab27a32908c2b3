import { app } from 'electron';

/**
 * One running app: a second launch (for instance a .vec file double-clicked in the file manager)
 * hands its command line to the first and quits. Returns false in the second instance.
 * `onSecond` receives the second launch's argv and working directory.
 */
export function claimSingleInstance(onSecond: (argv: string[], cwd: string) => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv, cwd) => onSecond(argv, cwd));
  return true;
}

/**
 * macOS delivers files opened from Finder (or dropped on the Dock icon) as 'open-file' events,
 * possibly before the app is ready; they are queued until `deliver` is set.
 */
export function collectOpenFileEvents(): { flush(deliver: (paths: string[]) => void): void } {
  const queued: string[] = [];
  let target: ((paths: string[]) => void) | null = null;
  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (target) target([file]);
    else queued.push(file);
  });
  return {
    flush(deliver) {
      target = deliver;
      if (queued.length) deliver(queued.splice(0));
    },
  };
}
