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
  for (let k = 0; k < n; k++) {
    const v = keys[indices[k]];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  // Index needs 17 bits (up to 131,071 points); the bucket gets the rest of the 53-bit mantissa.
  const levels = 2 ** 30;
  const scale = hi > lo ? (levels - 1) / (hi - lo) : 0;
  const packed = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = indices[k];
    let b = Math.floor((keys[i] - lo) * scale);
    if (descending) b = levels - 1 - b;
    packed[k] = b * 131072 + i;
  }
  packed.sort();
  const out = new Uint32Array(n);
  for (let k = 0; k < n; k++) out[k] = packed[k] % 131072;
  return out;
}
