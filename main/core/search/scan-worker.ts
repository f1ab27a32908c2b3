/**
 * Helper thread of the int8 pre-scan: claims chunks of each query the caller posts in the
 * shared memory (see chunked-scan.ts).
 */
import { workerData } from 'node:worker_threads';
import { type ScanKernel, type ScanPlan, controlViews, helperLoop } from './chunked-scan';

const { memory, module, plan } = workerData as { memory: WebAssembly.Memory; module: WebAssembly.Module; plan: ScanPlan };
const kernel = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as ScanKernel;
helperLoop(kernel, plan, controlViews(memory.buffer as ArrayBuffer, plan));
