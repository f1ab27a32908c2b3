import { kernelModule } from './knn-kernel-module';

/**
 * Calls `onRow(r, sims)` for every row r in [from, to) (or in `rows`, when given) with its float32
 * cosine similarity to all n rows (sims[r] included). For quality figures that need full
 * rankings (trustworthiness).
 */
export function forEachSimilarityRow(
  vectors: Float32Array,
  n: number,
  dims: number,
  onRow: (r: number, sims: Float32Array) => void,
  from = 0,
  to = n,
  rows?: Int32Array,
): void {
  const list = rows ?? Int32Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
  const mod = kernelModule();
  if (!mod) {
    const sims = new Float32Array(n);
    for (const r of list) {
      for (let c = 0; c < n; c++) {
        let s = 0;
        for (let t = 0; t < dims; t++) s += vectors[r * dims + t] * vectors[c * dims + t];
        sims[c] = s;
      }
      onRow(r, sims);
    }
    return;
  }
  const stride = (dims + 3) & ~3;
  const matBytes = n * stride * 4;
  const aBytes = 4 * stride * 4;
  const total = matBytes + aBytes + 4 * n * 4 + 64;
  const instance = new WebAssembly.Instance(mod, {});
  const mem = instance.exports.memory as WebAssembly.Memory;
  const need = Math.ceil(total / 65536) - mem.buffer.byteLength / 65536;
  if (need > 0) mem.grow(need);
  const dots4 = instance.exports.dots4 as (a: number, b: number, out: number, cols: number, stride: number) => void;
  const heap = new Float32Array(mem.buffer);
  for (let i = 0; i < n; i++) heap.set(vectors.subarray(i * dims, (i + 1) * dims), i * stride);
  const aView = new Float32Array(mem.buffer, matBytes, 4 * stride);
  const out = new Float32Array(mem.buffer, matBytes + aBytes, 4 * n);
  for (let g = 0; g < list.length; g += 4) {
    const count = Math.min(4, list.length - g);
    aView.fill(0);
    for (let q = 0; q < count; q++) aView.set(heap.subarray(list[g + q] * stride, (list[g + q] + 1) * stride), q * stride);
    dots4(matBytes, 0, matBytes + aBytes, n, stride);
    for (let q = 0; q < count; q++) onRow(list[g + q], out.subarray(q * n, (q + 1) * n));
  }
}
