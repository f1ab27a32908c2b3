import { PerspectiveCamera, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { type CameraSpec, defaultCamera, projectToScreen } from '../../../main/core/export/camera';
import { rng } from './fixtures';

describe('camera projection helper', () => {
  it('matches a three.js PerspectiveCamera pixel for pixel', () => {
    const r = rng(3);
    const coords = Float32Array.from({ length: 300 }, () => (r() * 2 - 1) * 5);
    const spec: CameraSpec = { position: [3, 4, 12], target: [0.5, -1, 0], up: [0, 1, 0.2], fov: 45, aspect: 1.6 };
    const [w, h] = [1600, 1000];
    const cam = new PerspectiveCamera(spec.fov, spec.aspect, 0.01, 1000);
    cam.position.set(...spec.position);
    cam.up.set(...spec.up);
    cam.lookAt(...spec.target);
    cam.updateMatrixWorld();
    const ours = projectToScreen(spec, coords, w, h);
    for (let i = 0; i < 100; i++) {
      const v = new Vector3(coords[3 * i], coords[3 * i + 1], coords[3 * i + 2]).project(cam);
      expect(ours.x[i]).toBeCloseTo(((v.x + 1) / 2) * w, 1);
      expect(ours.y[i]).toBeCloseTo(((1 - v.y) / 2) * h, 1);
      expect(ours.inView[i]).toBe(Math.abs(v.x) <= 1 && Math.abs(v.y) <= 1 ? 1 : 0);
    }
  });

  it('marks points behind the camera as out of view', () => {
    const spec: CameraSpec = { position: [0, 0, 5], target: [0, 0, 0], up: [0, 1, 0], fov: 50, aspect: 1 };
    const s = projectToScreen(spec, Float32Array.from([0, 0, 0, 0, 0, 10]), 100, 100);
    expect([s.inView[0], s.inView[1]]).toEqual([1, 0]);
    expect([s.x[0], s.y[0]]).toEqual([50, 50]);
  });

  it('the default camera frames every point', () => {
    const r = rng(4);
    const coords = Float32Array.from({ length: 3000 }, () => r() * 40 - 7);
    for (const aspect of [0.5, 1, 2.5]) {
      const s = projectToScreen(defaultCamera(coords, aspect), coords, 1000 * aspect, 1000);
      expect(s.inView.every((v) => v === 1)).toBe(true);
    }
  });
});
