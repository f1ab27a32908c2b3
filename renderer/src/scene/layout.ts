/**
 * Scene-side helpers for a layout's coordinates: UMAP's raw output has an arbitrary centre and
 * scale (and both drift while it settles), so the scene shows it centred with unit RMS radius.
 */

/** Centre (mean of the finite points) and the scale that gives them unit RMS radius. */
export function normalisation(raw: Float32Array): { centre: [number, number, number]; scale: number } {
  const n = raw.length / 3;
  let cx = 0;
  let cy = 0;
  let cz = 0;
  let finite = 0;
  for (let i = 0; i < n; i++) {
    const x = raw[i * 3];
    const y = raw[i * 3 + 1];
    const z = raw[i * 3 + 2];
    if (!Number.isFinite(x + y + z)) continue;
    cx += x;
    cy += y;
    cz += z;
    finite++;
  }
  const f = Math.max(1, finite);
  cx /= f;
  cy /= f;
  cz /= f;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const dx = raw[i * 3] - cx;
    const dy = raw[i * 3 + 1] - cy;
    const dz = raw[i * 3 + 2] - cz;
    const d = dx * dx + dy * dy + dz * dz;
    if (Number.isFinite(d)) sq += d;
  }
  return { centre: [cx, cy, cz], scale: 1 / Math.max(1e-9, Math.sqrt(sq / f)) };
}

/** Centred, unit-RMS-radius copy of row-major n × 3 coordinates (writes into `out` if given). */
export function normalizeCoords(raw: Float32Array, out: Float32Array = new Float32Array(raw.length)): Float32Array {
  if (raw.length === 0) return out;
  const {
    centre: [cx, cy, cz],
    scale: s,
  } = normalisation(raw);
  for (let i = 0; i < raw.length; i += 3) {
    const x = (raw[i] - cx) * s;
    const y = (raw[i + 1] - cy) * s;
    const z = (raw[i + 2] - cz) * s;
    const ok = Number.isFinite(x + y + z);
    out[i] = ok ? x : 0;
    out[i + 1] = ok ? y : 0;
    out[i + 2] = ok ? z : 0;
  }
  return out;
}

/**
 * Point indices by rank, lowest first, ties by index. Packs rank and index into one double and
 * sorts natively: a comparator sort of 200,000 indices holds the page for tens of ms.
 */
export function orderByRank(ranks: Int32Array): Int32Array {
  const n = ranks.length;
  let lo = Infinity;
  for (let i = 0; i < n; i++) if (ranks[i] < lo) lo = ranks[i];
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (ranks[i] - lo) * n + i;
  keys.sort();
  const order = new Int32Array(n);
  for (let o = 0; o < n; o++) order[o] = keys[o] % n;
  return order;
}

/** Per-point size factor: the most frequent words a little larger, so the map has landmarks. */
export function sizesFromRanks(ranks: Int32Array, order: Int32Array = orderByRank(ranks)): Float32Array {
  const n = ranks.length;
  const sizes = new Float32Array(n);
  const scale = Math.max(50, n * 0.04);
  for (let o = 0; o < n; o++) sizes[order[o]] = 0.85 + 0.75 * Math.exp(-o / scale);
  return sizes;
}

/** Base point size in CSS px for a layout of n points: denser maps get finer points. */
export function basePointSize(n: number): number {
  return Math.max(2.2, Math.min(6, 2.6 + 9000 / (n + 2500)));
}

/**
 * Size of a point in the world (scene units, the layout having unit RMS radius) for n points: a
 * fraction of their mean spacing, so that zooming into a dense map grows points into view while
 * the whole map still draws them at basePointSize.
 */
export function worldPointSize(n: number): number {
  return 0.15 * Math.cbrt(1 / Math.max(n, 1));
}
