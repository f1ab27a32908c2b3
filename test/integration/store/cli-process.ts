/** The real CLI as a child process, and what a database holds, for the crash and concurrency tests. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

const ROOT = path.resolve(__dirname, '../../..');

export interface CliRun {
  child: ChildProcess;
  /** stdout + stderr so far. */
  output(): string;
  /** Resolves once the output matches `re` (rejects if the process exits first). */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
  /** Exit code (null when killed) and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startCli(args: string[]): CliRun {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/embedding-explorer.mjs'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EMBEDDING_EXPLORER_DB: '' },
  });
  let out = '';
  const waiters = new Set<() => void>();
  const onData = (s: string) => {
    out += s;
    for (const w of waiters) w();
  };
  child.stdout!.setEncoding('utf8').on('data', onData);
  child.stderr!.setEncoding('utf8').on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => out,
    exited,
    waitFor(re, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (re.test(out)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${re} in time:\n${out}`));
        }, timeoutMs);
        waiters.add(check);
        void exited.then(() => {
          if (waiters.has(check)) {
            waiters.delete(check);
            clearTimeout(timer);
            if (re.test(out)) resolve();
            else reject(new Error(`the CLI exited before ${re}:\n${out}`));
          }
        });
        check();
      });
    },
  };
}

/** Runs the CLI to the end. */
export async function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  const run = startCli(args);
  const { code } = await run.exited;
  return { code, output: run.output() };
}

/** Row counts and a hash of every row of every table: equal snapshots mean equal contents. */
export function snapshotDb(file: string, except: string[] = []): { counts: Record<string, number>; hash: string } {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    const counts: Record<string, number> = {};
    const h = createHash('sha256');
    for (const t of tables.filter((name) => !except.includes(name))) {
      const rows = db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).raw().all() as unknown[][];
      counts[t] = rows.length;
      h.update(`${t}\n`);
      for (const r of rows) h.update(JSON.stringify(r.map((v) => (Buffer.isBuffer(v) ? v.toString('base64') : v))));
    }
    return { counts, hash: h.digest('hex') };
  } finally {
    db.close();
  }
}

/** `PRAGMA integrity_check` after a normal open (which recovers the WAL a killed writer left). */
export function integrity(file: string): string {
  const db = new Database(file);
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/**
 * A GloVe-style text file of `words` distinct words, `dims` values each (about words × dims × 9
 * bytes). `varied`: every row its own vector (slower to write; needed for a layout), else one
 * vector repeated.
 */
export function writeVectorFile(file: string, words: number, dims: number, o: { prefix?: string; varied?: boolean } = {}): string {
  const fd = fs.openSync(file, 'w');
  const row = (i: number) => Array.from({ length: dims }, (_, j) => ((((i * 31 + j * 7919) % 1000) + 1) / 1000 - 0.5).toFixed(5)).join(' ');
  const fixed = row(0);
  let block = '';
  for (let i = 0; i < words; i++) {
    block += `${o.prefix ?? 'w'}${i} ${o.varied ? row(i) : fixed}\n`;
    if (block.length > 1 << 20) {
      fs.writeSync(fd, block);
      block = '';
    }
  }
  fs.writeSync(fd, block);
  fs.closeSync(fd);
  return file;
}

/** The files in the vectors folder of `db` (store/vectors-file.ts), sorted. */
export function vectorFiles(db: string): string[] {
  const dir = `${db}-vectors`;
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

/** Bytes a writer has put on disk beside the database file: its write-ahead log and vectors files. */
function pendingBytes(db: string): number {
  const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  return size(`${db}-wal`) + vectorFiles(db).reduce((sum, f) => sum + size(path.join(`${db}-vectors`, f)), 0);
}

/**
 * Waits until a writer has at least `bytes` on disk in the write-ahead log of `db` and its vectors
 * files: it is in the middle of writing, uncommitted.
 */
export async function waitForWrites(db: string, bytes: number): Promise<void> {
  const until = Date.now() + 60_000;
  while (pendingBytes(db) < bytes) {
    if (Date.now() > until) throw new Error(`the writes beside ${db} never reached ${bytes} bytes`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface BaseStore {
  /** A closed store holding model "small" (2,000 words, 16 dims, active) and one projection. */
  base: string;
  /** The 300 words of that projection, one per line. */
  wordsFile: string;
  /** A ~45 MB vector file (100,000 words): importing it takes seconds. */
  bigFile: string;
}

export async function makeBaseStore(dir: string): Promise<BaseStore> {
  const base = path.join(dir, 'base.db');
  const small = writeVectorFile(path.join(dir, 'small.txt'), 2000, 16, { varied: true });
  const wordsFile = path.join(dir, 'words.txt');
  fs.writeFileSync(wordsFile, Array.from({ length: 300 }, (_, i) => `w${i}`).join('\n'));
  const bigFile = writeVectorFile(path.join(dir, 'big.txt'), 100_000, 50, { prefix: 'big' });
  const imported = await runCli(['import', small, '--db', base, '--use']);
  if (imported.code !== 0) throw new Error(imported.output);
  const projected = await runCli(['project', '--words', wordsFile, '--epochs', '30', '--db', base]);
  if (projected.code !== 0) throw new Error(projected.output);
  return { base, wordsFile, bigFile };
}
