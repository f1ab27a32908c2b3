/**
 * A pure perspective projection, the same maths as a three.js PerspectiveCamera looking at a
 * target: the CLI uses it with a default camera framing all points, the app passes its own
 * camera so an SVG shows exactly the current view.
 */
export type Vec3 = [number, number, number];

export interface CameraSpec {
  position: Vec3;
  target: Vec3;
  /** Up direction (need not be unit length). */
  up: Vec3;
  /** Vertical field of view in degrees. */
  fov: number;
  /** Viewport width / height. */
  aspect: number;
}

export interface ScreenPoints {
  /** Screen x in pixels, 0 at the left edge. */
  x: Float32Array;
  /** Screen y in pixels, 0 at the top edge. */
  y: Float32Array;
  /** Distance in front of the camera along its axis (larger = further); ≤ 0 when behind. */
  depth: Float32Array;
  /** 1 when the point is in front of the camera and inside the viewport. */
  inView: Uint8Array;
}

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
function normalize(a: Vec3): Vec3 {
  const n = Math.hypot(a[0], a[1], a[2]) || 1;
  return [a[0] / n, a[1] / n, a[2] / n];
}

/** Projects row-major xyz coordinates to a width × height pixel viewport. */
export function projectToScreen(camera: CameraSpec, coords: Float32Array, width: number, height: number): ScreenPoints {
  const n = Math.floor(coords.length / 3);
  const zAxis = normalize(sub(camera.position, camera.target));
  let xAxis = cross(camera.up, zAxis);
  // An up vector parallel to the view direction: pick any perpendicular one.
  if (Math.hypot(...xAxis) < 1e-9) xAxis = cross(Math.abs(zAxis[1]) < 0.9 ? [0, 1, 0] : [1, 0, 0], zAxis);
  xAxis = normalize(xAxis);
  const yAxis = cross(zAxis, xAxis);
  const tanHalf = Math.tan((camera.fov * Math.PI) / 180 / 2);
  const sx = 1 / (tanHalf * camera.aspect);
  const sy = 1 / tanHalf;
  const [px, py, pz] = camera.position;
  const out: ScreenPoints = { x: new Float32Array(n), y: new Float32Array(n), depth: new Float32Array(n), inView: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    const dx = coords[3 * i] - px;
    const dy = coords[3 * i + 1] - py;
    const dz = coords[3 * i + 2] - pz;
    const cx = dx * xAxis[0] + dy * xAxis[1] + dz * xAxis[2];
    const cy = dx * yAxis[0] + dy * yAxis[1] + dz * yAxis[2];
    const depth = -(dx * zAxis[0] + dy * zAxis[1] + dz * zAxis[2]);
    out.depth[i] = depth;
    if (depth <= 1e-6) {
      out.x[i] = NaN;
      out.y[i] = NaN;
      continue;
    }
    const ndcX = (cx / depth) * sx;
    const ndcY = (cy / depth) * sy;
    out.x[i] = ((ndcX + 1) / 2) * width;
    out.y[i] = ((1 - ndcY) / 2) * height;
    out.inView[i] = ndcX >= -1 && ndcX <= 1 && ndcY >= -1 && ndcY <= 1 ? 1 : 0;
  }
  return out;
}

/** Field of view of the default camera, degrees (matches the app's scene). */
export const DEFAULT_FOV = 50;

/**
 * A camera looking down −z at the centre of the points' bounding box, as close as it can be
 * while every point stays inside the viewport (5% margin).
 */
export function defaultCamera(coords: Float32Array, aspect: number): CameraSpec {
  const n = Math.floor(coords.length / 3);
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 3; j++) {
      const v = coords[3 * i + j];
      if (v < lo[j]) lo[j] = v;
      if (v > hi[j]) hi[j] = v;
    }
  }
  if (n === 0) return { position: [0, 0, 10], target: [0, 0, 0], up: [0, 1, 0], fov: DEFAULT_FOV, aspect };
  const c: Vec3 = [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2];
  const tanV = Math.tan((DEFAULT_FOV * Math.PI) / 180 / 2) / 1.05;
  const tanH = tanV * aspect;
  // A point at (dx, dy, dz) from the centre is in view from distance d when
  // |dx| ≤ (d − dz)·tanH and |dy| ≤ (d − dz)·tanV.
  let dist = 1e-3;
  for (let i = 0; i < n; i++) {
    const dx = Math.abs(coords[3 * i] - c[0]);
    const dy = Math.abs(coords[3 * i + 1] - c[1]);
    const dz = coords[3 * i + 2] - c[2];
    const need = Math.max(dx / tanH, dy / tanV) + dz;
    if (need > dist) dist = need;
  }
  dist = Math.max(dist, (hi[2] - lo[2]) / 2 + 1e-3);
  return { position: [c[0], c[1], c[2] + dist], target: c, up: [0, 1, 0], fov: DEFAULT_FOV, aspect };
}
