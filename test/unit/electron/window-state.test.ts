import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Bounds, DEFAULT_SIZE, MIN_SIZE, parseWindowState, restoreBounds } from '../../../main/electron/window-state';

const laptop: Bounds = { x: 0, y: 0, width: 1440, height: 875 };
const monitor: Bounds = { x: 1440, y: -200, width: 2560, height: 1400 };

const inside = (b: Bounds, a: Bounds) => b.x >= a.x && b.y >= a.y && b.x + b.width <= a.x + a.width && b.y + b.height <= a.y + a.height;

describe('window bounds', () => {
  it('opens at the default size centred on the primary display the first time', () => {
    expect(restoreBounds(null, [laptop, monitor])).toEqual({ x: 40, y: 8, ...DEFAULT_SIZE });
  });

  it('restores a window that is fully visible as it was', () => {
    const saved = { bounds: { x: 1600, y: 0, width: 1200, height: 800 }, maximized: false };
    expect(restoreBounds(saved, [laptop, monitor])).toEqual(saved.bounds);
  });

  it('moves a window half off a display back onto it', () => {
    const saved = { bounds: { x: 1000, y: 500, width: 1000, height: 700 }, maximized: false };
    expect(restoreBounds(saved, [laptop])).toEqual({ x: 440, y: 175, width: 1000, height: 700 });
  });

  it('re-centres a window left on a monitor that was unplugged', () => {
    const saved = { bounds: { x: 3000, y: 100, width: 1200, height: 800 }, maximized: false };
    expect(restoreBounds(saved, [laptop])).toEqual({ x: 120, y: 38, width: 1200, height: 800 });
  });

  it('shrinks a window larger than its display to the work area', () => {
    const saved = { bounds: { x: -50, y: -50, width: 4000, height: 3000 }, maximized: false };
    expect(restoreBounds(saved, [laptop])).toEqual(laptop);
  });

  it('reads only well-formed stored states', () => {
    expect(parseWindowState({ bounds: { x: 1, y: 2, width: 900, height: 600 }, maximized: true })).toEqual({
      bounds: { x: 1, y: 2, width: 900, height: 600 },
      maximized: true,
    });
    for (const bad of [
      null,
      'x',
      [],
      {},
      { bounds: { x: 1, y: 2, width: 'big', height: 3 } },
      { bounds: { x: NaN, y: 0, width: 1, height: 1 } },
    ]) {
      expect(parseWindowState(bad)).toBeNull();
    }
  });

  it('always lands wholly on one display, at least the minimum size where the display allows', () => {
    const area = fc.record({
      x: fc.integer({ min: -5000, max: 5000 }),
      y: fc.integer({ min: -5000, max: 5000 }),
      width: fc.integer({ min: 320, max: 8000 }),
      height: fc.integer({ min: 240, max: 5000 }),
    });
    const saved = fc.option(
      fc.record({
        bounds: fc.record({
          x: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          y: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          width: fc.double({ min: -100, max: 1e5, noNaN: true }),
          height: fc.double({ min: -100, max: 1e5, noNaN: true }),
        }),
        maximized: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(saved, fc.array(area, { minLength: 1, maxLength: 4 }), (s, areas) => {
        const b = restoreBounds(s, areas);
        const host = areas.find((a) => inside(b, a));
        expect(host).toBeDefined();
        expect(b.width).toBeGreaterThanOrEqual(Math.min(MIN_SIZE.width, host!.width));
        expect(b.height).toBeGreaterThanOrEqual(Math.min(MIN_SIZE.height, host!.height));
        expect([b.x, b.y, b.width, b.height].every(Number.isInteger)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
