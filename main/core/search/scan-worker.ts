/**
 * Second thread of the int8 pre-scan: runs the kernel's `estimate` over the upper half of the
 * rows in the shared memory while the calling thread does the lower half. Coordination is a
 * sequence number in shared memory (Atomics.wait/notify): a query costs no message round-trip.
 */
import { workerData } from 'node:worker_threads';
import { CTRL_DONE, CTRL_SEQ, type ScanLayout, type ScanKernel } from './scan-layout';

const { memory, module, layout } = workerData as { memory: WebAssembly.Memory; module: WebAssembly.Module; layout: ScanLayout };
const kernel = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as ScanKernel;
const ctrl = new Int32Array(memory.buffer, layout.ctrlPtr, 4);
const params = new Float64Array(memory.buffer, layout.paramsPtr, 4);
let seen = Atomics.load(ctrl, CTRL_SEQ);

for (;;) {
  Atomics.wait(ctrl, CTRL_SEQ, seen);
  seen = Atomics.load(ctrl, CTRL_SEQ);
  if (seen < 0) break; // the index was disposed
  const [t, xn, fn, exclude] = params;
  const { half, n, stride } = layout;
  kernel.estimate(half * stride, layout.queryPtr, layout.metaPtr + half * 12, layout.estPtr + half * 8, layout.hist2Ptr, n - half, stride, t, xn, fn, exclude - half);
  Atomics.store(ctrl, CTRL_DONE, seen);
  Atomics.notify(ctrl, CTRL_DONE);
}
