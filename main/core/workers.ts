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

/** Whether the built worker `name` is there (code run from source before a build has none). */
export function workerAvailable(name: string): boolean {
  try {
    workerPath(name);
    return true;
  } catch {
    return false;
  }
}

export interface WorkerTaskHooks {
  /** Messages of the worker's own kinds (anything but progress, done and error). */
  onMessage?: (m: { type: string }) => void;
  /** After the worker has exited, however it ended. */
  onExit?: () => void;
  /** What a user reads when the worker dies without an answer. Default names the worker. */
  exitMessage?: (code: number) => string;
}

/**
 * Runs a task in a worker thread under a job: relays progress, turns cancel into a shared flag
 * the worker polls (it is busy, so it cannot read messages), and rethrows its errors.
 */
export function runWorkerTask<T>(name: string, task: Record<string, unknown>, job: JobHandle, hooks: WorkerTaskHooks = {}): Promise<T> {
  const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(workerPath(name), { workerData: { ...task, cancelFlag } });
    let settled = false;
    job.onCancel(() => Atomics.store(cancelFlag, 0, 1));
    worker.on('message', (m: WorkerMessage | { type: string }) => {
      if (!('type' in m)) return;
      const known = m as WorkerMessage;
      if (known.type === 'progress') job.progress(known.phase, known.fraction);
      else if (known.type === 'done') {
        settled = true;
        resolve(known.result as T);
      } else if (known.type === 'error') {
        settled = true;
        reject(new ExplorerError(known.error.code, known.error.message, known.error.details));
      } else hooks.onMessage?.(m);
    });
    worker.on('error', (e) => {
      if (!settled) reject(e);
      settled = true;
    });
    worker.on('exit', (code) => {
      hooks.onExit?.();
      const message = hooks.exitMessage?.(code) ?? `The ${name} worker stopped unexpectedly (exit code ${code}).`;
      if (!settled) reject(new ExplorerError('worker-exit', message));
    });
  });
}
