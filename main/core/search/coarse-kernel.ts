import { setFlagsFromString } from 'node:v8';
import { COARSE_KERNEL_WASM_BASE64 } from './coarse-kernel-wasm';

/**
 * coarse-kernel.wat compiled, where the host has WebAssembly relaxed SIMD: Electron and Node 22
 * on have it by default. Node 20's engine has it complete but behind a flag, which is turned on
 * for this one module's sake (a wasm feature flag, read when a module compiles). Elsewhere null,
 * and the 4-bit pass runs kernel.wat's coarse: the same answers, only slower.
 */
let relaxed: WebAssembly.Module | null | undefined;

export function coarseKernelModule(): WebAssembly.Module | null {
  if (relaxed === undefined) relaxed = compile() ?? (enableRelaxedSimd() ? compile() : null);
  return relaxed;
}

function compile(): WebAssembly.Module | null {
  try {
    return new WebAssembly.Module(Buffer.from(COARSE_KERNEL_WASM_BASE64, 'base64'));
  } catch {
    return null;
  }
}

function enableRelaxedSimd(): boolean {
  try {
    setFlagsFromString('--experimental-wasm-relaxed-simd');
    return true;
  } catch {
    return false; // not this engine's flag: the portable pass it is
  }
}
