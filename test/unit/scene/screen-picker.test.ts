import { PerspectiveCamera } from 'three';
import { describe, expect, it } from 'vitest';
import { ScreenPicker } from '../../../renderer/src/scene/screen-picker';

function setup(coords: number[]) {
  const picker = new ScreenPicker();
  picker.width = 800;
  picker.height = 600;
  picker.setCoords(new Float32Array(coords));
  const camera = new PerspectiveCamera(45, 800 / 600, 0.01, 100);
  camera.position.set(0, 0, 5);
  camera.lookAt(0, 0, 0);
  picker.update(camera);
  return { picker, camera };
}

describe('ScreenPicker', () => {
  it('puts the point at the target in the middle of the canvas and y grows downwards', () => {
    const { picker } = setup([0, 0, 0, 0, 1, 0]);
    expect(picker.screenOf(0)).toEqual({ x: 400, y: 300 });
    expect(picker.screenOf(1)!.y).toBeLessThan(300);
  });

  it('picks the nearest point within the radius, the one nearer the camera on a tie, else none', () => {
    // Points 1 and 2 project to the same spot; point 2 is nearer the camera.
    const { picker } = setup([0, 0, 0, 0.5, 0, 0, 0.5 * (4 / 5), 0, 1]);
    const at = picker.screenOf(1)!;
    expect(picker.pickAt(at.x + 3, at.y)).toBe(2);
    const centre = picker.screenOf(0)!;
    expect(picker.pickAt(centre.x + 4, centre.y + 4)).toBe(0);
    expect(picker.pickAt(centre.x + 40, centre.y + 200)).toBe(-1);
  });

  it('has nothing to show for points behind the camera or off the canvas', () => {
    const { picker } = setup([0, 0, 10, 50, 0, 0]);
    expect(picker.screenOf(0)).toBeNull();
    expect(picker.screenOf(1)).toBeNull();
    expect(picker.pickAt(400, 300, 1000)).toBe(-1);
  });

  it('follows the camera and the coordinates it is given', () => {
    const { picker, camera } = setup([1, 0, 0]);
    const before = picker.screenOf(0)!;
    camera.position.set(0, 0, 10);
    picker.update(camera);
    expect(picker.screenOf(0)!.x).toBeLessThan(before.x);
    picker.setCoords(new Float32Array([-1, 0, 0]));
    expect(picker.pickAt(800 - before.x, 300, 200)).toBe(0);
  });
});

describe('ScreenPicker at 200,000 points', () => {
  /** The nearest point by the same rule, found by looking at every point. */
  function bruteForce(picker: ScreenPicker, n: number, x: number, y: number, radius: number): number {
    let best = -1;
    let bestScore = Infinity;
    const out = new Float32Array(3);
    const p = picker.projector(1);
    for (let i = 0; i < n; i++) {
      if (!p.project(i, out)) continue;
      const d2 = (out[0] - x) ** 2 + (out[1] - y) ** 2;
      if (d2 > radius * radius) continue;
      const score = d2 + out[2] * 0.01;
      if (score < bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  it('picks exactly what a scan of every point picks, before and after the camera moves', () => {
    let s = 99;
    const rnd = () => (s = (s * 1103515245 + 12345) >>> 0) / 4294967296;
    const n = 200_000;
    const coords = Array.from({ length: n * 3 }, () => (rnd() + rnd() + rnd() - 1.5) * 1.6);
    const { picker, camera } = setup(coords);
    for (const view of [
      [0, 0, 5],
      [2, 1.5, 1.2],
    ]) {
      camera.position.set(view[0], view[1], view[2]);
      camera.lookAt(0, 0, 0);
      picker.update(camera);
      for (let k = 0; k < 60; k++) {
        // Inside the canvas and a little outside it, small and large radii.
        const x = rnd() * 840 - 20;
        const y = rnd() * 640 - 20;
        const radius = k % 3 === 0 ? 40 : 6;
        expect(picker.pickAt(x, y, radius)).toBe(bruteForce(picker, n, x, y, radius));
      }
    }
  });
});
