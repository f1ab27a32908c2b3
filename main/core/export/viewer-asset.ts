import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExplorerError } from '../errors';

/** The standalone viewer script (three.js inlined), built by `npm run build` into out/viewer/. */
export interface ViewerAsset {
  script: string;
  /** CSP source for the script, e.g. "'sha256-…'". */
  hash: string;
}

let cached: { file: string; mtimeMs: number; asset: ViewerAsset } | undefined;

function viewerFile(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, '..', 'viewer', 'viewer.js')];
  for (let dir = here, i = 0; i < 6; i++, dir = path.dirname(dir)) candidates.push(path.join(dir, 'out', 'viewer', 'viewer.js'));
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new ExplorerError('not-built', 'The HTML export viewer is missing; run "npm run build" first.');
  return found;
}

export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Reads the viewer once (again when the build changes). A "</script" inside it would end the
 * inline script early, so it is written as "<\/script", which means the same in JavaScript.
 */
export function viewerAsset(): ViewerAsset {
  const file = viewerFile();
  const mtimeMs = fs.statSync(file).mtimeMs;
  if (cached && cached.file === file && cached.mtimeMs === mtimeMs) return cached.asset;
  const script = fs
    .readFileSync(file, 'utf8')
    .replace(/<\/(script)/gi, '<\\/$1')
    .replace(/<!--/g, '<\\!--');
  const asset = { script, hash: cspHash(script) };
  cached = { file, mtimeMs, asset };
  return asset;
}
