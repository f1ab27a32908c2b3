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

/**
 * The kernel's exports on `memory`; with `coarse` (coarse-kernel.ts) its 4-bit pass replaces
 * kernel.wat's, and then reads the int8 query of coarseQuery8 instead of the int16 one.
 */
export function instantiateKernel(memory: WebAssembly.Memory, module: WebAssembly.Module, coarse?: WebAssembly.Module | null): ScanKernel {
  const kernel = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as ScanKernel;
  if (!coarse) return kernel;
  const relaxed = new WebAssembly.Instance(coarse, { env: { memory } }).exports as unknown as Pick<ScanKernel, 'coarse'>;
  return { scan: kernel.scan, pack4: kernel.pack4, coarse: relaxed.coarse };
}

export function quantizedSearchAvailable(): boolean {
  return kernelModule() !== null;
}
