/**
 * The compiled kNN kernel module (knn-kernel.wat), shared by every path that uses it. Compiled once
 * per thread; null where WebAssembly SIMD is missing, so callers fall back to plain JavaScript.
 */
import { KNN_KERNEL_WASM_BASE64 } from './knn-kernel-wasm';

let wasmModule: WebAssembly.Module | null | undefined;

export function kernelModule(): WebAssembly.Module | null {
  if (wasmModule !== undefined) return wasmModule;
  try {
    wasmModule = new WebAssembly.Module(Buffer.from(KNN_KERNEL_WASM_BASE64, 'base64'));
  } catch {
    wasmModule = null; // no SIMD support: the plain path is used
  }
  return wasmModule;
}

/** True when the SIMD kernel can run here. */
export function wasmKnnAvailable(): boolean {
  return kernelModule() !== null;
}
