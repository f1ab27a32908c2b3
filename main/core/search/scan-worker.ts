/**
 * Helper thread of the pre-scan: claims chunks of each query the caller posts in the
 * shared memory (see chunked-scan.ts).
 */
import { workerData } from 'node:worker_threads';
import { type ScanPlan, controlViews, helperLoop } from './chunked-scan';
import { instantiateKernel } from './scan-kernel';

const { memory, module, coarseModule, plan, vectors } = workerData as {
  memory: WebAssembly.Memory;
  module: WebAssembly.Module;
  /** The relaxed-SIMD 4-bit pass, when the caller's kernel uses it (coarse-kernel.ts). */
  coarseModule?: WebAssembly.Module;
  plan: ScanPlan;
  /** The model's unit rows in shared memory, for big models' exact scores. */
  vectors?: Float32Array;
};
const kernel = instantiateKernel(memory, module, coarseModule);
helperLoop(kernel, plan, controlViews(memory.buffer as ArrayBuffer, plan, vectors));
