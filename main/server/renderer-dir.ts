import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExplorerError } from '../core/errors';

/** The built renderer (out/renderer), found from the bundle or from the sources. */
export function rendererDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++, dir = path.dirname(dir)) {
    for (const c of [path.join(dir, 'renderer'), path.join(dir, 'out', 'renderer')]) {
      if (fs.existsSync(path.join(c, 'index.html'))) return c;
    }
  }
  throw new ExplorerError('not-built', 'The app page is not built yet; run "npm run build" first.');
}
