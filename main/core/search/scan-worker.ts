/**
 * Helper thread of the int8 pre-scan: scans the upper half of the rows in the shared memory
 * whenever the caller posts a new query sequence number (see scan-helper.ts).
 */
import { workerData } from 'node:worker_threads';
import { ScanHelper, type ScanFn, type ScanPlan, scanUpperHalf } from './scan-helper';

const { memory, module, plan } = workerData as { memory: WebAssembly.Memory; module: WebAssembly.Module; plan: ScanPlan };
const scan = (new WebAssembly.Instance(module, { env: { memory } }).exports as { scan: ScanFn }).scan;
const { SEQ, DONE, COUNT } = ScanHelper.CONTROL;
const ctrl = new Int32Array(memory.buffer as ArrayBuffer, plan.ptr.ctrl, 4);
const params = new Float32Array(memory.buffer as ArrayBuffer, plan.ptr.ctrl + 16, 4);
let seen = Atomics.load(ctrl, SEQ);

for (;;) {
  // Queries often come in bursts (several words, a vocabulary): keep polling for a moment after
  // each one so the next starts without a wake-up delay, then sleep.
  const spinUntil = performance.now() + 2;
  while (Atomics.load(ctrl, SEQ) === seen && performance.now() < spinUntil);
  Atomics.wait(ctrl, SEQ, seen);
  seen = Atomics.load(ctrl, SEQ);
  if (seen < 0) break;
  const count = scanUpperHalf(scan, plan, params[0], params[1], params[2], params[3]);
  Atomics.store(ctrl, COUNT, count);
  Atomics.store(ctrl, DONE, seen);
  Atomics.notify(ctrl, DONE);
}
