import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The reference implementations (numpy, umap-learn, gensim) we measure against, run on the same
 * machine in the same bench run. Found at ../shared/baselines/baseline.py next to the project, or
 * at $EMBEDDING_EXPLORER_BASELINE; absent on most machines, in which case figures carry a note.
 */
export function baselineScript(root: string): string | null {
  const candidates = [process.env.EMBEDDING_EXPLORER_BASELINE, path.join(root, '..', 'shared', 'baselines', 'baseline.py')];
  const python = '/usr/bin/python3';
  if (!fs.existsSync(python)) return null;
  return candidates.find((c): c is string => !!c && fs.existsSync(c)) ?? null;
}

export interface BaselineResult {
  ok: boolean;
  value?: Record<string, unknown>;
  note?: string;
}

/** Runs one baseline command; returns its JSON line, or a note saying why there is none. */
export function runBaseline(root: string, args: string[], timeoutMs = 1_800_000): BaselineResult {
  const script = baselineScript(root);
  if (!script) return { ok: false, note: 'reference baselines not present on this machine' };
  const r = spawnSync('/usr/bin/python3', [script, ...args], { cwd: root, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 26 });
  const line = (r.stdout ?? '')
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .pop();
  if (r.status !== 0 || !line) {
    const why = (r.stderr ?? '').trim().split('\n').pop() ?? `exit ${r.status}`;
    return { ok: false, note: `baseline failed: ${why}` };
  }
  return { ok: true, value: JSON.parse(line) as Record<string, unknown> };
}
