import { KERNEL_WASM_BASE64 } from './kernel-wasm';

/** The exact search's WebAssembly kernel (kernel.wat): what it exports, and its compiled module. */

export type ScanFn = (
  m: number,
  q: number,
  s: number,
  res: number,
  qn: number,
  rows: number,
  row: number,
  stride: number,
  t: number,
  xn: number,
  fn: number,
  c0: number,
  out: number,
) => number;

/** kernel.wat's coarse: the 4-bit pass over rows, pairs (row, 4-bit dot) as `scan` gives them. */
export type CoarseFn = (
  m4: number,
  q: number,
  s4: number,
  res4: number,
  qn4: number,
  rows: number,
  row4: number,
  full: number,
  bias: number,
  t: number,
  xn: number,
  fn: number,
  c0: number,
  out: number,
) => number;

export interface ScanKernel {
  scan: ScanFn;
  coarse: CoarseFn;
  /** Derives 4-bit rows from int8 ones (coarse-codes.ts). */
  pack4(m8: number, rows: number, dims: number, codes: number, row4: number, a: number, b: number, c: number): void;
}

let wasmModule: WebAssembly.Module | null | undefined;

export function kernelModule(): WebAssembly.Module | null {
  if (wasmModule === undefined) {
    try {
      wasmModule = new WebAssembly.Module(Buffer.from(KERNEL_WASM_BASE64, 'base64'));
    } catch {
      wasmModule = null; // no WebAssembly SIMD here: callers fall back to the plain scan
    }
  }
  return wasmModule;
}

export function quantizedSearchAvailable(): boolean {
  return kernelModule() !== null;
}
