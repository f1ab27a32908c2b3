import { Vector3 } from 'three';

/** Share of the half-width and half-height the framed points may use; the rest is label room. */
const MARGIN = 0.8;
const MIN_DISTANCE = 0.12;

/**
 * Where to put the camera so every given point is on screen, looking the way it looks now.
 *
 * The target is the centre of the points' box. For a point at offset (x, y, z) from it in the
 * camera's right/up/back axes, a camera `d` back from the target sees it at depth d − z, so it
 * fits when |x| ≤ tan(fovX/2)·(d − z)·MARGIN and likewise for y: the distance is the largest
 * such bound over the points. Exact for any aspect ratio, unlike a bounding sphere, which
 * overshoots on wide windows and lets points at the corners fall outside on narrow ones.
 */
export function fitPoints(
  coords: Float32Array,
  indices: number[],
  camera: { position: Vector3; up: Vector3; fov: number; aspect: number },
  target: Vector3,
  maxDistance: number,
): { target: Vector3; position: Vector3 } {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (const i of indices) {
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a], coords[i * 3 + a]);
      hi[a] = Math.max(hi[a], coords[i * 3 + a]);
    }
  }
  const centre = new Vector3((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2);
  // Viewing direction kept; a camera sitting on its target looks along −z.
  const back = camera.position.clone().sub(target);
  if (back.lengthSq() < 1e-12) back.set(0, 0, 1);
  back.normalize();
  const right = new Vector3().crossVectors(camera.up, back);
  if (right.lengthSq() < 1e-12) right.set(1, 0, 0); // looking straight along `up`
  right.normalize();
  const up = new Vector3().crossVectors(back, right);
  const tanY = Math.tan((camera.fov * Math.PI) / 360) * MARGIN;
  const tanX = tanY * camera.aspect;
  const p = new Vector3();
  let d = MIN_DISTANCE;
  for (const i of indices) {
    p.set(coords[i * 3], coords[i * 3 + 1], coords[i * 3 + 2]).sub(centre);
    const z = p.dot(back);
    d = Math.max(d, z + Math.abs(p.dot(right)) / tanX, z + Math.abs(p.dot(up)) / tanY);
  }
  d = Math.min(d, maxDistance);
  return { target: centre, position: centre.clone().addScaledVector(back, d) };
}
