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
