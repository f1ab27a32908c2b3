import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ExplorerError } from './errors';
import type { JobHandle } from './jobs';

/**
 * Locates a built worker entry (`out/main/<name>.js`). Bundled code finds it beside itself;
 * code run from source (tests) finds the build output at the project root.
 */
export function workerPath(name: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, `${name}.js`), path.join(here, '..', `${name}.js`)];
  for (let dir = here, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'out', 'main', `${name}.js`));
  }
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new ExplorerError('not-built', `The worker "${name}" is missing; run "npm run build" first.`);
  return found;
}

export type WorkerMessage =
  | { type: 'progress'; phase: string; fraction: number }
  | { type: 'done'; result: unknown }
  | { type: 'error'; error: { code: string; message: string; details?: Record<string, unknown> } };

/**
 * Runs a task in a worker thread under a job: relays progress, turns cancel into a shared flag
 * the worker polls (it is busy, so it cannot read messages), and rethrows its errors.
 */
export function runWorkerTask<T>(name: string, task: Record<string, unknown>, job: JobHandle): Promise<T> {
  const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(workerPath(name), { workerData: { ...task, cancelFlag } });
    let settled = false;
    job.onCancel(() => Atomics.store(cancelFlag, 0, 1));
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') job.progress(m.phase, m.fraction);
      else if (m.type === 'done') {
        settled = true;
        resolve(m.result as T);
      } else if (m.type === 'error') {
        settled = true;
        reject(new ExplorerError(m.error.code, m.error.message, m.error.details));
      }
    });
    worker.on('error', (e) => {
      if (!settled) reject(e);
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new ExplorerError('worker-exit', `The ${name} worker stopped unexpectedly (exit code ${code}).`));
    });
  });
}
