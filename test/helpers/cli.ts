import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `embedding-explorer` command (the built CLI) in a child process. */
export function runCli(args: string[], env?: Record<string, string>): CliRun {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/embedding-explorer.mjs'), ...args], {
    encoding: 'utf8',
    env: env ? { ...process.env, ...env } : process.env,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
