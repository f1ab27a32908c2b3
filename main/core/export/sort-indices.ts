/**
 * Point indices ordered by a numeric key, without a comparator: each key is turned into an
 * integer bucket, packed with its index into one double and sorted natively. Ties (same
 * bucket) keep index order. Comparator sorts of 50,000 indices hold the event loop for tens of
 * milliseconds; this takes a few.
 */
export function sortIndicesBy(keys: ArrayLike<number>, indices: ArrayLike<number>, descending = false): Uint32Array {
  const n = indices.length;
  let lo = Infinity;
  let hi = -Infinity;
  let top = 0;
  for (let k = 0; k < n; k++) {
    const i = indices[k];
    const v = keys[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (i > top) top = i;
  }
  // The index takes as many low bits as the largest one needs (18 for 200,000 points); the
  // bucket gets up to 30 of the rest of the 53-bit mantissa.
  const span = 2 ** Math.max(1, Math.ceil(Math.log2(top + 1)));
  const levels = 2 ** Math.min(30, 53 - Math.log2(span));
  const scale = hi > lo ? (levels - 1) / (hi - lo) : 0;
  const packed = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = indices[k];
    let b = Math.floor((keys[i] - lo) * scale);
    if (descending) b = levels - 1 - b;
    packed[k] = b * span + i;
  }
  packed.sort();
  const out = new Uint32Array(n);
  for (let k = 0; k < n; k++) out[k] = packed[k] % span;
  return out;
}
