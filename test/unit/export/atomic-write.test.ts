import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFilesAtomic } from '../../../main/core/export/atomic-write';
import { isExplorerError } from '../../../main/core/errors';
import { tempDir } from '../../helpers/temp';

const isRoot = process.getuid?.() === 0;

/** Mounts a tiny tmpfs (root only); returns undefined where mounting is not possible. */
function tmpfs(options: string): string | undefined {
  if (!isRoot || process.platform !== 'linux') return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    fs.rmdirSync(dir);
    return undefined;
  }
  afterAll(() => {
    execFileSync('umount', [dir], { stdio: 'ignore' });
    fs.rmdirSync(dir);
  });
  return dir;
}

function* big(bytes: number) {
  const line = `${'x'.repeat(1023)}\n`;
  for (let i = 0; i < bytes / 1024; i++) yield line;
}

async function failure(p: Promise<unknown>) {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(isExplorerError(e), `expected an ExplorerError, got ${String(e)}`).toBe(true);
  return e as Error;
}

describe('atomic export writes', () => {
  const dir = tempDir();

  it('writes the whole content and leaves no temporary file', async () => {
    const target = path.join(dir, 'out.csv');
    const w = await writeFileAtomic(target, ['a,b\r\n', new TextEncoder().encode('1,2\r\n')]);
    expect(fs.readFileSync(target, 'utf8')).toBe('a,b\r\n1,2\r\n');
    expect(w.bytes).toBe(10);
    expect(fs.readdirSync(dir)).toEqual(['out.csv']);
  });

  it('replaces an existing file only when the new one is complete', async () => {
    const target = path.join(dir, 'keep.txt');
    fs.writeFileSync(target, 'old');
    const failing = (function* () {
      yield 'new partial';
      throw new Error('writer failed');
    })();
    await expect(writeFileAtomic(target, failing)).rejects.toThrow(/keep\.txt/);
    expect(fs.readFileSync(target, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir).filter((f) => f.includes('keep'))).toEqual(['keep.txt']);
  });

  it('refuses a path that is a folder, naming it', async () => {
    const folder = path.join(dir, 'a-folder');
    fs.mkdirSync(folder);
    const e = await failure(writeFileAtomic(folder, ['x']));
    expect(e.message).toContain(folder);
    expect(e.message).toMatch(/is a folder/);
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('refuses a folder that does not exist', async () => {
    const target = path.join(dir, 'missing', 'out.csv');
    const e = await failure(writeFileAtomic(target, ['x']));
    expect(e.message).toContain(target);
    expect(e.message).toMatch(/does not exist/);
  });

  it('writes a pair all-or-nothing: a failing second file removes the first', async () => {
    const folder = path.join(dir, 'pair');
    fs.mkdirSync(folder);
    fs.mkdirSync(path.join(folder, 'metadata.tsv'));
    await failure(
      writeFilesAtomic([
        { path: path.join(folder, 'vectors.tsv'), content: ['1\t2\n'] },
        { path: path.join(folder, 'metadata.tsv'), content: ['w\n'] },
      ]),
    );
    expect(fs.readdirSync(folder)).toEqual(['metadata.tsv']);
  });

  const ro = tmpfs('ro,size=64k');
  it.skipIf(!ro && isRoot)('refuses a read-only folder and leaves nothing behind', async () => {
    let folder = ro;
    if (!folder) {
      // Not root: an ordinary folder without write permission is read-only for us.
      folder = path.join(dir, 'readonly');
      fs.mkdirSync(folder, { mode: 0o555 });
    }
    const target = path.join(folder, 'out.svg');
    const e = await failure(writeFileAtomic(target, ['<svg/>']));
    expect(e.message).toContain(target);
    expect(e.message).toMatch(/read-only|permission denied/);
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  const full = tmpfs('size=64k');
  it.skipIf(!full)('reports a full disk and leaves no partial file (64 KB tmpfs)', async () => {
    const target = path.join(full!, 'big.tsv');
    const e = await failure(writeFileAtomic(target, big(512 * 1024)));
    expect(e.message).toContain(target);
    expect(e.message).toMatch(/disk is full/);
    expect(fs.readdirSync(full!)).toEqual([]);
  });
});
