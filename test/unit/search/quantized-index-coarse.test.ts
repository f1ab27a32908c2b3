import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactScan } from '../../../main/core/search/exact-scan';
import { META_PER_ROW, quantizeRows, strideOf } from '../../../main/core/search/quantize';
import { QuantizedIndex } from '../../../main/core/search/quantized-index';

/** xorshift32, as the large bench's generator uses. */
function prng(seed: number) {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

/**
 * Unit rows around `clusters` centroids, the cluster drawn with Zipf-like weights (as the large
 * bench's model): the shape whose close neighbourhoods make the rising floor and the 4-bit pass
 * do real work. `spread` 0 makes every row of a cluster the same vector (exact ties).
 */
function clustered(n: number, dims: number, clusters: number, seed: number, spread = 0.4): Float32Array {
  const rnd = prng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
  const centroids = Float32Array.from({ length: clusters * dims }, () => gauss() * 0.35);
  const m = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) {
    const c = Math.min(clusters - 1, Math.floor(clusters * rnd() ** 2));
    let norm = 0;
    for (let j = 0; j < dims; j++) {
      const v = centroids[c * dims + j] + gauss() * spread;
      m[i * dims + j] = v;
      norm += v * v;
    }
    for (let j = 0; j < dims; j++) m[i * dims + j] /= Math.sqrt(norm) || 1;
  }
  return m;
}

const row = (m: Float32Array, d: number, i: number) => m.subarray(i * d, (i + 1) * d);

describe('QuantizedIndex with 4-bit rows and the rising floor', () => {
  it('returns exactly the plain scan result on clustered 300-d rows', () => {
    const d = 300;
    const n = 6001;
    const m = clustered(n, d, 40, 3);
    const index = new QuantizedIndex(m, d, undefined, true);
    for (let q = 0; q < n; q += 250) {
      for (const k of [1, 10, 57]) expect(index.search(row(m, d, q), k, q)).toEqual(exactScan(m, d, row(m, d, q), k, q));
    }
    // Below a limit, and with a query that is no row.
    const x = clustered(1, d, 40, 99);
    expect(index.search(x, 10, -1, 3001)).toEqual(exactScan(m, d, x, 10, -1, 3001));
    expect(index.search(row(m, d, 4000), 10, 4000, 3001)).toEqual(exactScan(m, d, row(m, d, 4000), 10, 4000, 3001));
  });

  it('is exact whatever the model, query, k, limit and excluded row (with and without the 4-bit pass, either kernel of it)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1500 }),
        fc.constantFrom(1, 3, 17, 32, 33, 100, 300),
        fc.integer({ min: 1, max: 30 }),
        fc.integer(),
        fc.constantFrom(0, 0.05, 0.4, 3),
        fc.boolean(),
        fc.record({
          k: fc.integer({ min: 1, max: 40 }),
          limit: fc.integer({ min: 0, max: 1600 }),
          exclude: fc.integer({ min: -1, max: 1600 }),
          asRow: fc.boolean(),
          relaxedSimd: fc.boolean(),
        }),
        (n, d, clusters, seed, spread, coarse, q) => {
          const m = clustered(n, d, clusters, seed, spread);
          const index = new QuantizedIndex(m, d, undefined, coarse, { relaxedSimd: q.relaxedSimd });
          const x = q.asRow ? row(m, d, q.exclude % n < 0 ? 0 : q.exclude % n) : clustered(1, d, clusters, seed + 1, spread);
          const limit = Math.min(q.limit, n);
          expect(index.search(x, q.k, q.exclude, limit)).toEqual(exactScan(m, d, x, q.k, q.exclude, limit));
        },
      ),
      { numRuns: 80 },
    );
  });

  it('is exact when every row of a cluster lies within the 4-bit slack of the k-th score', () => {
    const d = 300;
    // Clusters of near-copies (spread 0.002): hundreds of rows pass the 4-bit bound, so the exact
    // scores decide; a few exact copies tie and go to the lower row.
    const m = clustered(3000, d, 3, 11, 0.002);
    for (let i = 100; i < 110; i++) m.copyWithin(i * d, 7 * d, 8 * d);
    const index = new QuantizedIndex(m, d, undefined, true);
    for (const q of [7, 100, 1500, 2999]) {
      for (const k of [1, 10, 200]) expect(index.search(row(m, d, q), k, q)).toEqual(exactScan(m, d, row(m, d, q), k, q));
    }
  });

  it('builds its 4-bit rows from stored blocks of any size, in any order, as from its own quantisation', () => {
    const d = 300;
    const n = 11_000;
    const m = clustered(n, d, 30, 21);
    const stride = strideOf(d);
    // Blocks larger and smaller than the staging area (STAGE_ROWS), handed over out of order.
    const spans = [
      [0, 5000],
      [5000, 100],
      [5100, 5900],
    ];
    const blocks = spans.map(([first, count]) => {
      const q8 = new Int8Array(count * stride);
      const meta = new Float32Array(count * META_PER_ROW);
      quantizeRows(m, d, first, count, q8, meta);
      return { first, count, q8: new Uint8Array(q8.buffer), meta: new Uint8Array(meta.buffer) };
    });
    const streamed = new QuantizedIndex(m, d, 'streamed', true);
    for (const b of [blocks[2], blocks[0], blocks[1]]) streamed.addStored(b);
    streamed.start();
    const own = new QuantizedIndex(m, d, undefined, true);
    for (const q of [0, 4999, 5050, 10_999]) {
      const x = row(m, d, q);
      const expected = exactScan(m, d, x, 10, q);
      expect(streamed.search(x, 10, q)).toEqual(expected);
      expect(own.search(x, 10, q)).toEqual(expected);
      const [lo1, hi1, lo2, hi2] = [0, 0, 0, 0].map(() => new Float64Array(n));
      streamed.bounds(x, lo1, hi1);
      own.bounds(x, lo2, hi2);
      expect(lo1).toEqual(lo2);
      expect(hi1).toEqual(hi2);
    }
  });

  it('shares the pass and the exact scoring with its helper thread and stays exact; batches and bounds too', async () => {
    const d = 100;
    const n = 60_000;
    // The store loads big models into shared memory, which the helper reads its rows from.
    const m = new Float32Array(new SharedArrayBuffer(n * d * 4));
    m.set(clustered(n, d, 300, 5));
    const index = new QuantizedIndex(m, d, undefined, true);
    try {
      await index.ready();
      for (let q = 0; q < 30; q++) {
        const i = (q * 1999) % n;
        expect(index.search(row(m, d, i), 10, i)).toEqual(exactScan(m, d, row(m, d, i), 10, i));
      }
      expect(index.helperChunks).toBeGreaterThan(0);
      const queries = [3, 40_000, 59_999].map((i) => row(m, d, i));
      expect(index.searchBatch(queries, 10, 50_000)).toEqual(queries.map((x) => exactScan(m, d, x, 10, -1, 50_000)));
      const lo = new Float64Array(n);
      const hi = new Float64Array(n);
      index.bounds(queries[1], lo, hi);
      for (let i = 0; i < n; i += 7) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += m[i * d + j] * queries[1][j];
        expect(lo[i]).toBeLessThanOrEqual(dot);
        expect(hi[i]).toBeGreaterThanOrEqual(dot);
      }
    } finally {
      index.dispose();
    }
  });

  it('runs on one thread, exactly, when the rows are not in shared memory', async () => {
    const d = 64;
    const n = 55_000;
    const m = clustered(n, d, 200, 8);
    const index = new QuantizedIndex(m, d, undefined, true);
    try {
      await index.ready();
      for (const i of [0, 12_345, 54_999]) expect(index.search(row(m, d, i), 10, i)).toEqual(exactScan(m, d, row(m, d, i), 10, i));
      expect(index.helperChunks).toBe(0);
    } finally {
      index.dispose();
    }
  });
});
