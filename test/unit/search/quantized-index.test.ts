import { describe, expect, it } from 'vitest';
import { exactScan } from '../../../main/core/search/exact-scan';
import { QuantizedIndex } from '../../../main/core/search/quantized-index';

function seeded(seed: number) {
  return () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
}

function unitRows(n: number, d: number, rnd: () => number): Float32Array {
  const m = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const v = rnd() * 2 - 1;
      m[i * d + j] = v;
      s += v * v;
    }
    const inv = 1 / Math.sqrt(s);
    for (let j = 0; j < d; j++) m[i * d + j] *= inv;
  }
  return m;
}

describe('QuantizedIndex', () => {
  it.each([
    [3001, 100],
    [60_002, 24],
    [2000, 17],
    [1500, 300],
    [500, 1],
  ])('returns exactly the plain scan result (%i rows × %i dims)', (n, d) => {
    const m = unitRows(n, d, seeded(n + d));
    const index = new QuantizedIndex(m, d);
    for (const q of [0, 1, Math.floor(n / 2), n - 1]) {
      const row = m.subarray(q * d, (q + 1) * d);
      for (const k of [1, 10, 57]) expect(index.search(row, k, q)).toEqual(exactScan(m, d, row, k, q));
    }
  });

  it('is exact on near-duplicates and exact ties (ties go to the lower row)', () => {
    const d = 32;
    const rnd = seeded(99);
    const m = unitRows(1000, d, rnd);
    // Rows 500..509 copy row 10; rows 600..604 differ from it by a tiny nudge.
    for (let i = 500; i < 510; i++) m.copyWithin(i * d, 10 * d, 11 * d);
    for (let i = 600; i < 605; i++) {
      m.copyWithin(i * d, 10 * d, 11 * d);
      m[i * d] += 1e-4 * (i - 599);
    }
    const index = new QuantizedIndex(m, d);
    const q = m.slice(10 * d, 11 * d);
    const got = index.search(q, 20, 10);
    expect(got).toEqual(exactScan(m, d, q, 20, 10));
    // The ten exact copies tie; they must come in row order.
    expect(got.map((e) => e.index).filter((i) => i >= 500 && i < 510)).toEqual([500, 501, 502, 503, 504, 505, 506, 507, 508, 509]);
  });

  it('handles a query that is not a row (exclude = -1) and k larger than the rows', () => {
    const d = 8;
    const m = unitRows(20, d, seeded(5));
    const index = new QuantizedIndex(m, d);
    const q = new Float32Array(d).fill(1 / Math.sqrt(d));
    expect(index.search(q, 50, -1)).toEqual(exactScan(m, d, q, 50, -1));
    expect(index.search(q, 50, -1)).toHaveLength(20);
  });

  it('shares the pre-scan with its helper thread and still answers exactly', async () => {
    const d = 48;
    const n = 120_000;
    const m = unitRows(n, d, seeded(7));
    const index = new QuantizedIndex(m, d);
    try {
      await index.ready();
      for (let q = 0; q < 40; q++) {
        const row = m.subarray(q * 997 * d, (q * 997 + 1) * d);
        expect(index.search(row, 10, q * 997)).toEqual(exactScan(m, d, row, 10, q * 997));
      }
      // Back-to-back queries find the helper polling, so it takes a share of the chunks.
      expect(index.helperChunks).toBeGreaterThan(0);
    } finally {
      index.dispose();
    }
    // Once disposed, the index answers alone.
    const before = index.helperChunks;
    const row = m.subarray(5 * d, 6 * d);
    expect(index.search(row, 10, 5)).toEqual(exactScan(m, d, row, 10, 5));
    expect(index.helperChunks).toBe(before);
  });
});
