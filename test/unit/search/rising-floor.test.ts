import { describe, expect, it } from 'vitest';
import { F32_SLACK, FloorKeeper, type FloorViews, resetFloor, sharedFloor } from '../../../main/core/search/rising-floor';

/** Real shared views; rows i with s = 1 and no bound terms, so a pair (i, dot) has lower bound dot·t. */
function views(rows: number): FloorViews {
  const buf = new SharedArrayBuffer(24 + rows * 20);
  const f = {
    word: new BigInt64Array(buf, 0, 1),
    spec: new Int32Array(buf, 8, 3),
    out: new Int32Array(buf, 24, rows * 2),
    s: new Float32Array(buf, 24 + rows * 8, rows),
    res: new Float32Array(buf, 24 + rows * 12, rows),
    qn: new Float32Array(buf, 24 + rows * 16, rows),
  };
  f.s.fill(1);
  return f;
}

function pairs(f: FloorViews, at: number, list: [number, number][]): void {
  list.forEach(([i, dot], p) => f.out.set([i, dot], 2 * (at + p)));
}

describe('rising floor', () => {
  it('publishes the k-th best lower bound (rounded down), only ever raising it', () => {
    const f = views(16);
    resetFloor(f, 256, 3, -1, 16);
    expect(sharedFloor(f, 256)).toBe(-Infinity);
    const a = new FloorKeeper(f, 256, 0.01, 0, 0);
    pairs(f, 0, [
      [0, 50],
      [1, 40],
    ]);
    a.add(0, 0, 2);
    expect(sharedFloor(f, 256)).toBe(-Infinity); // fewer than k rows: no floor yet
    pairs(f, 2, [
      [0, 30],
      [1, 45],
    ]); // rows 2 and 3 of a chunk starting at row 2
    a.add(2, 2, 2);
    const third = 0.4; // 50, 45, 40 → the third best is row 1's 40·0.01
    expect(sharedFloor(f, 256)).toBeLessThanOrEqual(third - F32_SLACK);
    expect(sharedFloor(f, 256)).toBeGreaterThan(third - F32_SLACK - 2 ** -19);
    // Another thread's lower floor leaves it where it is.
    const b = new FloorKeeper(f, 256, 0.01, 0, 0);
    pairs(f, 4, [
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    b.add(4, 4, 3);
    expect(sharedFloor(f, 256)).toBeGreaterThan(third - F32_SLACK - 2 ** -19);
  });

  it('leaves out the excluded row and rows past the limit', () => {
    const f = views(8);
    resetFloor(f, 512, 1, 2, 5);
    const a = new FloorKeeper(f, 512, 0.01, 0, 0);
    pairs(f, 0, [
      [0, 10],
      [2, 90],
      [5, 80],
      [1, 20],
    ]);
    a.add(0, 0, 4);
    expect(sharedFloor(f, 512)).toBeCloseTo(0.2 - F32_SLACK, 5);
  });

  it('belongs to one query: an old query’s thread can neither raise nor read a later one’s floor', () => {
    const f = views(8);
    resetFloor(f, 256, 1, -1, 8);
    const stale = new FloorKeeper(f, 256, 0.01, 0, 0);
    resetFloor(f, 512, 1, -1, 8);
    pairs(f, 0, [[0, 99]]);
    stale.add(0, 0, 1);
    expect(sharedFloor(f, 512)).toBe(-Infinity);
    const current = new FloorKeeper(f, 512, 0.01, 0, 0);
    pairs(f, 0, [[0, 10]]);
    current.add(0, 0, 1);
    expect(sharedFloor(f, 512)).toBeCloseTo(0.1 - F32_SLACK, 5);
    expect(sharedFloor(f, 256)).toBe(-Infinity);
  });

  it('does nothing when the query asks for no rising floor (k = 0: bounds, batches)', () => {
    const f = views(4);
    resetFloor(f, 256, 0, -1, 4);
    pairs(f, 0, [[0, 50]]);
    new FloorKeeper(f, 256, 0.01, 0, 0).add(0, 0, 1);
    expect(sharedFloor(f, 256)).toBe(-Infinity);
  });
});
