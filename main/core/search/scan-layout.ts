/** Where each array of the pre-scan lives in the kernel's shared memory (byte offsets). */
export interface ScanLayout {
  n: number;
  stride: number;
  /** Rows [0, half) are scanned by the calling thread, [half, n) by the helper thread. */
  half: number;
  queryPtr: number;
  metaPtr: number;
  estPtr: number;
  histPtr: number;
  hist2Ptr: number;
  candPtr: number;
  ctrlPtr: number;
  paramsPtr: number;
  bytes: number;
}

export type ScanKernel = {
  estimate: (m: number, q: number, meta: number, est: number, hist: number, rows: number, stride: number, t: number, xn: number, fn: number, exclude: number) => void;
  collect: (meta: number, est: number, cand: number, rows: number, tau: number, xn: number, fn: number, exclude: number) => number;
};

/** Control words: the query sequence number the caller posts, and the last one the helper finished. */
export const CTRL_SEQ = 0;
export const CTRL_DONE = 1;
export const BINS = 4096;

const align = (x: number) => (x + 63) & ~63;

export function scanLayout(n: number, stride: number): ScanLayout {
  const queryPtr = align(n * stride);
  const metaPtr = align(queryPtr + stride);
  const estPtr = align(metaPtr + n * 12);
  const histPtr = align(estPtr + n * 8);
  const hist2Ptr = align(histPtr + BINS * 4);
  const candPtr = align(hist2Ptr + BINS * 4);
  const ctrlPtr = align(candPtr + n * 4);
  const paramsPtr = align(ctrlPtr + 16);
  return { n, stride, half: Math.floor(n / 2 / 16) * 16, queryPtr, metaPtr, estPtr, histPtr, hist2Ptr, candPtr, ctrlPtr, paramsPtr, bytes: paramsPtr + 32 };
}
