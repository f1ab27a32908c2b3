import { Worker } from 'node:worker_threads';
import { workerPath } from '../workers';

/** Control words in shared memory: query sequence posted, sequence finished, pairs found. */
const SEQ = 0;
const DONE = 1;
const COUNT = 2;

/** What the helper thread needs to find its half of the rows in the shared memory. */
export interface ScanPlan {
  /** First row the helper scans (a multiple of 4); the caller scans the rows before it. */
  half: number;
  rows4: number;
  dims: number;
  stride: number;
  ptr: { q: number; s: number; res: number; qn: number; out2: number; ctrl: number };
}

export type ScanFn = (m: number, q: number, s: number, res: number, qn: number, rows: number, row: number, stride: number, t: number, xn: number, fn: number, c0: number, out: number) => number;

/** The helper's share of a scan; run by the worker and, as a fallback, by the caller. */
export function scanUpperHalf(scan: ScanFn, plan: ScanPlan, t: number, xn: number, fn: number, c0: number): number {
  const { half, rows4, dims, stride, ptr } = plan;
  return scan(half * dims, ptr.q, ptr.s + half * 4, ptr.res + half * 4, ptr.qn + half * 4, rows4 - half, dims, stride, t, xn, fn, c0, ptr.out2);
}

/**
 * The second core for the pre-scan: a worker thread sharing the kernel's memory, woken per
 * query through Atomics (no message round trip). If it is missing or stops answering, the
 * caller scans its half itself, so results never depend on it.
 */
export class ScanHelper {
  static readonly CONTROL = { SEQ, DONE, COUNT };
  private readonly ctrl: Int32Array;
  private readonly params: Float32Array;
  private worker: Worker | null;
  private seq = 0;

  private constructor(memory: WebAssembly.Memory, module: WebAssembly.Module, private readonly plan: ScanPlan) {
    this.ctrl = new Int32Array(memory.buffer as ArrayBuffer, plan.ptr.ctrl, 4);
    this.params = new Float32Array(memory.buffer as ArrayBuffer, plan.ptr.ctrl + 16, 4);
    // No inherited flags: a host's loaders (test runners) must not shape this plain worker.
    this.worker = new Worker(workerPath('scan-worker'), { workerData: { memory, module, plan }, execArgv: [] });
    this.worker.unref();
    this.worker.on('error', () => (this.worker = null));
    this.worker.on('exit', () => (this.worker = null));
  }

  /** A helper, or null where worker threads or the built worker are unavailable. */
  static start(memory: WebAssembly.Memory, module: WebAssembly.Module, plan: ScanPlan): ScanHelper | null {
    try {
      return new ScanHelper(memory, module, plan);
    } catch {
      return null;
    }
  }

  get alive(): boolean {
    return this.worker !== null;
  }

  /** Starts the helper on the upper half; call `finish` after scanning the lower half. */
  begin(t: number, xn: number, fn: number, c0: number): void {
    this.params.set([t, xn, fn, c0]);
    Atomics.store(this.ctrl, SEQ, ++this.seq);
    Atomics.notify(this.ctrl, SEQ);
  }

  /** Waits for the helper's pairs (at plan.ptr.out2) and returns how many there are. */
  finish(scan: ScanFn, t: number, xn: number, fn: number, c0: number): number {
    // The helper is usually a fraction of a millisecond behind: poll briefly rather than pay a
    // sleep and wake-up, which costs as much again on a busy virtual machine.
    const spinUntil = performance.now() + 5;
    while (Atomics.load(this.ctrl, DONE) !== this.seq && performance.now() < spinUntil);
    while (Atomics.load(this.ctrl, DONE) !== this.seq) {
      const seen = Atomics.load(this.ctrl, DONE);
      const timedOut = !this.worker || (Atomics.wait(this.ctrl, DONE, seen, 1000) === 'timed-out' && Atomics.load(this.ctrl, DONE) !== this.seq);
      if (timedOut) {
        this.dispose();
        return scanUpperHalf(scan, this.plan, t, xn, fn, c0);
      }
    }
    return Atomics.load(this.ctrl, COUNT);
  }

  dispose(): void {
    Atomics.store(this.ctrl, SEQ, -1);
    Atomics.notify(this.ctrl, SEQ);
    void this.worker?.terminate();
    this.worker = null;
  }
}
