import { Worker } from 'node:worker_threads';

/** Below this a second thread costs more to start than it saves. */
const MIN_BYTES = 16 << 20;

/**
 * Runs on the other thread: an atomic add of zero every 4 KiB, last page first. It makes the
 * kernel map each page without ever changing a value the caller has already written there.
 */
const TOUCH = `const { workerData } = require('node:worker_threads');
const a = new Int32Array(workerData);
for (let i = a.length - 1024; i >= 0; i -= 1024) Atomics.add(a, i, 0);`;

/**
 * A zeroed buffer of `bytes` whose pages another thread maps while the caller fills it from the
 * front. First-touch page faults are a large share of loading a model (each page is zeroed and
 * mapped when first written; on some virtual machines that costs more than the copy itself), and
 * this way both cores take them. Small buffers, or hosts without worker threads, get a plain one.
 */
export function prefaultedBuffer(bytes: number): ArrayBuffer | SharedArrayBuffer {
  if (bytes < MIN_BYTES || bytes % 4 !== 0) return new ArrayBuffer(bytes);
  const buffer = new SharedArrayBuffer(bytes);
  touchPages(buffer)?.unref();
  return buffer;
}

/** Starts the thread that maps every page of `buffer`; null where no thread can start. */
export function touchPages(buffer: SharedArrayBuffer): Worker | null {
  try {
    return new Worker(TOUCH, { eval: true, workerData: buffer, execArgv: [] });
  } catch {
    return null; // the caller simply takes every fault itself
  }
}
