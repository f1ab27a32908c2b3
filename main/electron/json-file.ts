import fs from 'node:fs';
import path from 'node:path';

/**
 * Small JSON files in the app's user-data folder (window bounds, recent files, preferences).
 * Reading never throws: a missing or damaged file gives `undefined` and the defaults apply.
 * Writing goes to a temporary file first, then renames it over the old one, so a crash mid-write
 * leaves the previous file intact.
 */
export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function writeJsonFile(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2));
  fs.renameSync(tmp, file);
}

/** Best effort: a read-only profile only loses the remembered state. */
export function tryWriteJsonFile(file: string, value: unknown): void {
  try {
    writeJsonFile(file, value);
  } catch {
    // Nothing to do: the state is a convenience, the app works without it.
  }
}
