import { PerspectiveCamera, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { fitPoints } from '../../../renderer/src/scene/camera-fit';

/** Normalised device coordinates of every point seen from a camera placed as fitted. */
function screenOf(coords: Float32Array, indices: number[], camera: PerspectiveCamera, fit: { target: Vector3; position: Vector3 }) {
  camera.position.copy(fit.position);
  camera.lookAt(fit.target);
  camera.updateMatrixWorld();
  camera.updateProjectionMatrix();
  return indices.map((i) => new Vector3(coords[i * 3], coords[i * 3 + 1], coords[i * 3 + 2]).project(camera));
}

function cameraAt(x: number, y: number, z: number, aspect: number) {
  const c = new PerspectiveCamera(45, aspect, 0.005, 200);
  c.position.set(x, y, z);
  return c;
}

describe('fitPoints', () => {
  // A tight group of neighbours around a query, and one neighbour placed far off.
  const coords = new Float32Array([0, 0, 0, 0.05, 0.02, 0, -0.03, 0.04, 0.01, 0.02, -0.05, -0.02, 0.9, -0.6, 0.3]);
  const all = [0, 1, 2, 3, 4];

  it.each([
    ['a wide window', 2.2],
    ['a square window', 1],
    ['a tall window', 0.5],
  ])('keeps every point on screen in %s, the far one included', (_, aspect) => {
    for (const [x, y, z] of [
      [0, 0, 3],
      [2, 1.5, -1],
      [-0.5, 3, 0.2],
    ]) {
      const camera = cameraAt(x, y, z, aspect);
      const fit = fitPoints(coords, all, camera, new Vector3(), 20);
      for (const s of screenOf(coords, all, camera, fit)) {
        expect(Math.abs(s.x)).toBeLessThanOrEqual(0.8 + 1e-6);
        expect(Math.abs(s.y)).toBeLessThanOrEqual(0.8 + 1e-6);
        expect(s.z).toBeLessThan(1); // in front of the camera
      }
    }
  });

  it('uses the frame: the widest point reaches the margin rather than sitting in the middle', () => {
    const camera = cameraAt(0, 0, 3, 1.6);
    const fit = fitPoints(coords, all, camera, new Vector3(), 20);
    const s = screenOf(coords, all, camera, fit);
    const widest = Math.max(...s.map((p) => Math.max(Math.abs(p.x), Math.abs(p.y))));
    expect(widest).toBeGreaterThan(0.79);
  });

  it('keeps the viewing direction and centres on the points', () => {
    const camera = cameraAt(1, 2, 2, 1.5);
    const fit = fitPoints(coords, [0, 1, 2, 3], camera, new Vector3(), 20);
    const before = camera.position.clone().normalize();
    const after = fit.position.clone().sub(fit.target).normalize();
    expect(after.distanceTo(before)).toBeLessThan(1e-9);
    expect(fit.target.x).toBeCloseTo(0.01, 6);
    expect(fit.target.y).toBeCloseTo(-0.005, 6);
  });

  it('stays at a minimum distance for one point and within the zoom limit for huge spreads', () => {
    const camera = cameraAt(0, 0, 3, 1);
    expect(fitPoints(coords, [2], camera, new Vector3(), 20).position.distanceTo(new Vector3(-0.03, 0.04, 0.01))).toBeCloseTo(0.12, 9);
    const wide = new Float32Array([-500, 0, 0, 500, 0, 0]);
    expect(fitPoints(wide, [0, 1], camera, new Vector3(), 20).position.length()).toBeCloseTo(20, 9);
  });
});
