import { describe, expect, it } from 'vitest';
import { basePointSize, normalizeCoords, sizesFromRanks } from '../../../renderer/src/scene/layout';

describe('normalizeCoords', () => {
  it('centres the points and scales them to unit RMS radius, whatever UMAP’s scale', () => {
    const raw = new Float32Array([10, 10, 10, 12, 10, 10, 10, 14, 10, 10, 10, 16]);
    const out = normalizeCoords(raw);
    let cx = 0;
    let sq = 0;
    for (let i = 0; i < 4; i++) {
      cx += out[i * 3] + out[i * 3 + 1] + out[i * 3 + 2];
      sq += out[i * 3] ** 2 + out[i * 3 + 1] ** 2 + out[i * 3 + 2] ** 2;
    }
    expect(Math.abs(cx)).toBeLessThan(1e-5);
    expect(Math.sqrt(sq / 4)).toBeCloseTo(1, 5);
    // Same shape: scaling the input changes nothing.
    const scaled = normalizeCoords(raw.map((v) => v * 7 - 3));
    for (let i = 0; i < out.length; i++) expect(scaled[i]).toBeCloseTo(out[i], 5);
  });

  it('writes in place when given a buffer, and puts non-finite points at the centre', () => {
    const raw = new Float32Array([0, 0, 0, 2, 0, 0, NaN, 1, 1]);
    const target = new Float32Array(9);
    expect(normalizeCoords(raw, target)).toBe(target);
    expect([...target.slice(6)]).toEqual([0, 0, 0]);
    expect(target.every(Number.isFinite)).toBe(true);
  });
});

describe('point sizes', () => {
  it('makes the most frequent words a little larger, and denser maps finer', () => {
    const sizes = sizesFromRanks(Int32Array.from([5, 0, 900, 3]));
    expect(sizes[1]).toBeGreaterThan(sizes[3]);
    expect(sizes[3]).toBeGreaterThan(sizes[2]);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1.6 + 1e-6);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(0.85 - 1e-6);
    expect(basePointSize(50_000)).toBeLessThan(basePointSize(5_000));
    expect(basePointSize(50_000)).toBeGreaterThanOrEqual(2.2);
  });
});
