import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { inject } from 'vitest';
import { copyStore } from '../../main/core/store/vectors-file';

const made: string[] = [];
const removeAll = () => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
};
// Registered when a test file imports this module, so folders made inside hooks (where a new
// afterAll would never run) go too; the exit handler covers a file that ends early.
afterAll(removeAll);
process.on('exit', removeAll);

/** A fresh temporary folder, removed after the file's tests. */
export function tempDir(prefix = 'ee-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Path of the shared store with the real default model: open it, but write nothing to it. */
export function sharedDefaultDb(): string {
  return inject('defaultDbPath');
}

/** A private copy of the default-model store, for tests that write (projections, vocabularies). */
export function copyOfDefaultDb(): string {
  const dest = path.join(tempDir(), 'copy.db');
  copyStore(sharedDefaultDb(), dest);
  return dest;
}
