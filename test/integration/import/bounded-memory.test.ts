import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp';

/**
 * Hostile files imported by the real CLI in a child process, whose peak resident memory
 * (getrusage maxRSS, all threads) is compared with the same CLI importing a tiny file. The bound
 * is generous, but far below what holding the hostile input would take: it is a property of the
 * parser (nothing grows with the file), not a timing.
 */
const ROOT = path.resolve(__dirname, '../../..');
const MB = 1024 * 1024;
/** Peak memory an import may add over a tiny import, whatever the file holds. */
const GROWTH_BOUND = 128 * MB;

let dir: string;
let preload: string;

beforeAll(() => {
  dir = tempDir('ee-bounded-');
  preload = path.join(dir, 'peak.cjs');
  fs.writeFileSync(
    preload,
    "process.on('exit', () => require('fs').writeSync(2, '\\nPEAK_RSS_KB=' + process.resourceUsage().maxRSS + '\\n'));\n",
  );
});

interface Run {
  code: number | null;
  stderr: string;
  peak: number;
}

function importInChild(file: string, db: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--require', preload, path.join(ROOT, 'bin/embedding-explorer.mjs'), 'import', file, '--db', db],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => {
      // Worker threads print too; the largest figure is the process's peak.
      const kb = Math.max(...[...stderr.matchAll(/PEAK_RSS_KB=(\d+)/g)].map((m) => Number(m[1])));
      resolve({ code, stderr, peak: kb * 1024 });
    });
  });
}

async function baseline(): Promise<number> {
  const file = path.join(dir, 'tiny.txt');
  fs.writeFileSync(file, 'alpha 0.1 0.2 0.3\nbeta 0.4 0.5 0.6\n');
  const r = await importInChild(file, path.join(dir, 'baseline.db'));
  expect(r.code, r.stderr).toBe(0);
  return r.peak;
}

describe('hostile inputs are refused in bounded memory', () => {
  it('a 100 MB file without a line break', async () => {
    const base = await baseline();
    const file = path.join(dir, 'one-line.txt');
    const fd = fs.openSync(file, 'w');
    // A valid first row, so the file passes format detection and reaches the parser.
    fs.writeSync(fd, 'alpha 0.1 0.2 0.3\nbeta');
    const block = Buffer.alloc(MB, '7');
    for (let i = 0; i < 100; i++) fs.writeSync(fd, block);
    fs.closeSync(fd);
    const r = await importInChild(file, path.join(dir, 'one-line.db'));
    fs.rmSync(file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/one-line\.txt, line 2: the line is longer than 8 MiB without a line break/);
    expect(r.peak - base, `peak ${r.peak} vs baseline ${base}`).toBeLessThan(GROWTH_BOUND);
  });

  it('a gzip bomb (1 GiB of text in a 1 MB file)', async () => {
    const base = await baseline();
    // Valid rows, so only the expansion guard can stop it: every row after the first is a duplicate.
    const member = zlib.gzipSync(Buffer.alloc(16 * MB, 'w 0.5 0.25\n'), { level: 9 });
    const file = path.join(dir, 'bomb.txt.gz');
    fs.writeFileSync(file, Buffer.concat(Array.from({ length: 64 }, () => member)));
    expect(fs.statSync(file).size).toBeLessThan(2 * MB);
    const r = await importInChild(file, path.join(dir, 'bomb.db'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bomb\.txt\.gz: the gzip data expands more than 200 times .* decompression bomb/);
    expect(r.peak - base, `peak ${r.peak} vs baseline ${base}`).toBeLessThan(GROWTH_BOUND);
  });

  it('a gzip bomb of a single endless line', async () => {
    const base = await baseline();
    const file = path.join(dir, 'zeros.vec.gz');
    const member = zlib.gzipSync(Buffer.alloc(16 * MB, '0.125 '), { level: 9 });
    const head = zlib.gzipSync('alpha 0.1 0.2 0.3\nbeta ');
    fs.writeFileSync(file, Buffer.concat([head, ...Array.from({ length: 16 }, () => member)]));
    const r = await importInChild(file, path.join(dir, 'zeros.db'));
    expect(r.code).toBe(1);
    // Either guard may trip first; both name the file and stop early.
    expect(r.stderr).toMatch(/zeros\.vec\.gz(, line 2)?: the (line is longer than 8 MiB|gzip data expands)/);
    expect(r.peak - base, `peak ${r.peak} vs baseline ${base}`).toBeLessThan(GROWTH_BOUND);
  });
});
