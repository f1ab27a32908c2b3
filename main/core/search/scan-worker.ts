/**
 * Helper thread of the pre-scan: claims chunks of each query the caller posts in the
 * shared memory (see chunked-scan.ts).
 */
import { workerData } from 'node:worker_threads';
import { type ScanPlan, controlViews, helperLoop } from './chunked-scan';
import type { ScanKernel } from './scan-kernel';

const { memory, module, plan, vectors } = workerData as {
  memory: WebAssembly.Memory;
  module: WebAssembly.Module;
  plan: ScanPlan;
  /** The model's unit rows in shared memory, for big models' exact scores. */
  vectors?: Float32Array;
};
const kernel = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as ScanKernel;
helperLoop(kernel, plan, controlViews(memory.buffer as ArrayBuffer, plan, vectors));
