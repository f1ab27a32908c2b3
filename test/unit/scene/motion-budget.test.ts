import { describe, expect, it } from 'vitest';
import { MotionBudget } from '../../../renderer/src/scene/motion-budget';
import { sampleOrder } from '../../../renderer/src/scene/points-layer';

/** Feeds `frames` moving frames `gapMs` apart; returns the budget of the last one. */
function orbit(b: MotionBudget, points: number, gapMs: number, frames: number, start = 1000): number | null {
  let last: number | null = null;
  for (let f = 0; f < frames; f++) last = b.frame(start + f * gapMs, true, points);
  return last;
}

describe('MotionBudget (level of detail for points while moving)', () => {
  it('draws every point while frames are fast', () => {
    const b = new MotionBudget();
    expect(orbit(b, 200_000, 16, 100)).toBeNull();
    expect(b.budget).toBe(Infinity);
  });

  it('thins a slow 200,000-point map while moving, never below the floor, and draws all at rest', () => {
    const b = new MotionBudget(50_000);
    const moving = orbit(b, 200_000, 200, 60);
    expect(moving).toBe(50_000);
    expect(b.frame(20_000, false, 200_000)).toBeNull();
    // The next gesture starts from what the machine proved it can do.
    expect(b.frame(30_000, true, 200_000)).toBe(50_000);
  });

  it('grows back to every point when frames get fast again, and leaves small maps alone', () => {
    const b = new MotionBudget(50_000);
    orbit(b, 200_000, 200, 60);
    expect(orbit(b, 200_000, 10, 200, 50_000)).toBeNull();
    const small = new MotionBudget(50_000);
    expect(orbit(small, 20_000, 300, 50)).toBeNull();
  });

  it('ignores pauses between gestures as frame times', () => {
    const b = new MotionBudget(50_000);
    b.frame(0, true, 200_000);
    b.frame(2000, true, 200_000);
    expect(b.intervalMs).toBe(0);
  });
});

describe('sampleOrder', () => {
  it('is a permutation whose prefixes are even samples of the map', () => {
    const n = 200_000;
    const order = sampleOrder(n);
    expect(new Set(order).size).toBe(n);
    expect(order.reduce((m, v) => Math.max(m, v), 0)).toBe(n - 1);
    // The first quarter covers each tenth of the index range about equally.
    const tenths = new Array<number>(10).fill(0);
    for (const i of order.subarray(0, n / 4)) tenths[Math.floor((i * 10) / n)]++;
    for (const t of tenths) expect(Math.abs(t - n / 40)).toBeLessThan(n / 400);
    expect(Array.from(sampleOrder(1000))).toEqual(Array.from(sampleOrder(1000)));
  });
});
