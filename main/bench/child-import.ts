import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface ChildImport {
  /** Wall-clock seconds of the whole CLI run. */
  seconds: number;
  /** The child's peak resident set size (all its threads), MB. */
  rssMB: number;
  /** Words imported (0 when the import failed). */
  words: number;
  /** Exit status and stderr, for imports expected to fail. */
  status: number | null;
  stderr: string;
}

/**
 * Runs `embedding-explorer import FILE` in a child process, so its peak RSS is its own (read
 * at exit through a preloaded probe). Throws on failure unless `allowFailure`.
 */
export function timedImport(
  root: string,
  dir: string,
  file: string,
  db: string,
  opts: { allowFailure?: boolean; fresh?: boolean } = {},
): ChildImport {
  const probe = path.join(dir, 'rss-probe.cjs');
  fs.writeFileSync(probe, "process.on('exit', () => process.stderr.write(`\\nPEAK_RSS_KB ${process.resourceUsage().maxRSS}\\n`));\n");
  if (opts.fresh !== false) for (const f of [db, `${db}-wal`, `${db}-shm`, `${db}-vectors`]) fs.rmSync(f, { force: true, recursive: true });
  const t = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    ['-r', probe, path.join(root, 'bin', 'embedding-explorer.mjs'), 'import', file, '--db', db, '--json'],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0 && !opts.allowFailure) throw new Error(`import of ${file} failed: ${r.stderr}`);
  const kb = Number(/PEAK_RSS_KB (\d+)/.exec(r.stderr)?.[1] ?? 0);
  const words = r.status === 0 ? (JSON.parse(r.stdout) as { words: number }).words : 0;
  return { seconds, rssMB: kb / 1024, words, status: r.status, stderr: r.stderr };
}
