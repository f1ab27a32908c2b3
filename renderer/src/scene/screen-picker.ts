import { Matrix4, type PerspectiveCamera } from 'three';

export interface ScreenProjector {
  /** Writes CSS-pixel x, y and view depth of point i into out; returns false when off screen or behind. */
  project(i: number, out: Float32Array): boolean;
  width: number;
  height: number;
  /** Camera-to-target distance: depths are compared to it. */
  focus: number;
  /**
   * Writes CSS-pixel x, y and view depth of any scene position into out (x, y meaningless when
   * the depth is not positive); returns whether it is in front of the camera.
   */
  projectPoint(x: number, y: number, z: number, out: Float32Array): boolean;
  /** Screen pixels covered by one scene unit at depth 1 (divide by the depth for others). */
  pixelsPerUnit: number;
}

/** Side of a picking grid cell, CSS px. */
const PICK_CELL = 16;

/**
 * Where the points are on screen for the current camera: a projector for the label layer, and
 * picking of the point under the pointer. Picking uses every point's screen position bucketed
 * into a grid of 16 px cells, built on the first look-up after the camera or layout moved
 * (200,000 points: a few ms); each look-up then reads only the cells around the pointer.
 */
export class ScreenPicker {
  private readonly viewProj = new Matrix4();
  /** Screen x, y and depth of every point, valid while `fresh`. */
  private screen = new Float32Array(0);
  private fresh = false;
  /** Points in pick cell c: cellItems[cellStart[c] .. cellStart[c + 1]). */
  private cellStart = new Int32Array(1);
  private cellItems = new Int32Array(0);
  private cellOf = new Int32Array(0);
  private cols = 1;
  private rows = 1;
  private yScale = 1;
  private coords: Float32Array = new Float32Array(0);
  width = 1;
  height = 1;

  /** New point positions (the scene's normalised coordinates). */
  setCoords(coords: Float32Array): void {
    this.coords = coords;
    this.fresh = false;
  }

  /** Takes the camera's current view and drops the pick cache; call on every rendered frame. */
  update(camera: PerspectiveCamera): void {
    this.view(camera);
    this.fresh = false;
  }

  /** Takes the camera's current view for projecting, keeping the pick cache (cheap, for one-off look-ups). */
  view(camera: PerspectiveCamera): void {
    camera.updateMatrixWorld();
    this.viewProj.multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
    this.yScale = camera.projectionMatrix.elements[5];
  }

  /** `focus`: camera-to-target distance, which the label layer compares depths with. */
  projector(focus: number): ScreenProjector {
    const e = this.viewProj.elements;
    const c = this.coords;
    const w = this.width;
    const h = this.height;
    return {
      width: w,
      height: h,
      focus,
      pixelsPerUnit: 0.5 * h * this.yScale,
      projectPoint(x: number, y: number, z: number, out: Float32Array): boolean {
        const cw = e[3] * x + e[7] * y + e[11] * z + e[15];
        out[2] = cw;
        if (cw <= 1e-6) return false;
        out[0] = ((e[0] * x + e[4] * y + e[8] * z + e[12]) / cw + 1) * 0.5 * w;
        out[1] = (1 - (e[1] * x + e[5] * y + e[9] * z + e[13]) / cw) * 0.5 * h;
        return true;
      },
      project(i: number, out: Float32Array): boolean {
        const x = c[i * 3];
        const y = c[i * 3 + 1];
        const z = c[i * 3 + 2];
        const cw = e[3] * x + e[7] * y + e[11] * z + e[15];
        if (cw <= 1e-6) return false;
        const sx = ((e[0] * x + e[4] * y + e[8] * z + e[12]) / cw + 1) * 0.5 * w;
        const sy = (1 - (e[1] * x + e[5] * y + e[9] * z + e[13]) / cw) * 0.5 * h;
        out[0] = sx;
        out[1] = sy;
        out[2] = cw;
        return sx >= 0 && sx <= w && sy >= 0 && sy <= h;
      },
    };
  }

  /** Canvas position of point i in CSS px, or null when off screen. */
  screenOf(i: number): { x: number; y: number } | null {
    const out = new Float32Array(3);
    return this.projector(1).project(i, out) ? { x: out[0], y: out[1] } : null;
  }

  /** Screen positions of every point and the pick grid over them, for the current camera. */
  private build(): Float32Array {
    const n = this.coords.length / 3;
    const s = this.screen.length === n * 3 ? this.screen : new Float32Array(n * 3);
    const cols = (this.cols = Math.max(1, Math.ceil(this.width / PICK_CELL)));
    const rows = (this.rows = Math.max(1, Math.ceil(this.height / PICK_CELL)));
    const start = this.cellStart.length === cols * rows + 1 ? this.cellStart.fill(0) : new Int32Array(cols * rows + 1);
    const cellOf = this.cellOf.length === n ? this.cellOf : (this.cellOf = new Int32Array(n));
    // The projector's maths inlined: this runs over every point on the first look-up after a move.
    const e = this.viewProj.elements;
    const c = this.coords;
    const w = this.width;
    const h = this.height;
    for (let i = 0; i < n; i++) {
      const x = c[i * 3];
      const y = c[i * 3 + 1];
      const z = c[i * 3 + 2];
      const cw = e[3] * x + e[7] * y + e[11] * z + e[15];
      const sx = ((e[0] * x + e[4] * y + e[8] * z + e[12]) / cw + 1) * 0.5 * w;
      const sy = (1 - (e[1] * x + e[5] * y + e[9] * z + e[13]) / cw) * 0.5 * h;
      const ok = cw > 1e-6 && sx >= 0 && sx <= w && sy >= 0 && sy <= h;
      s[i * 3] = ok ? sx : -1e9;
      s[i * 3 + 1] = sy;
      s[i * 3 + 2] = cw;
      const cell = ok ? Math.min(rows - 1, Math.floor(sy / PICK_CELL)) * cols + Math.min(cols - 1, Math.floor(sx / PICK_CELL)) : -1;
      cellOf[i] = cell;
      if (cell >= 0) start[cell + 1]++;
    }
    for (let k = 0; k < cols * rows; k++) start[k + 1] += start[k];
    const fill = start.slice(0, cols * rows);
    const items = this.cellItems.length >= start[cols * rows] ? this.cellItems : new Int32Array(n);
    for (let i = 0; i < n; i++) if (cellOf[i] >= 0) items[fill[cellOf[i]]++] = i;
    this.cellStart = start;
    this.cellItems = items;
    this.screen = s;
    this.fresh = true;
    return s;
  }

  /** Nearest point to a canvas position within `radius` CSS px (closer to the camera wins ties); -1 if none. */
  pickAt(x: number, y: number, radius = 10): number {
    if (!this.coords.length) return -1;
    const s = this.fresh ? this.screen : this.build();
    const cols = this.cols;
    const c0 = Math.max(0, Math.floor((x - radius) / PICK_CELL));
    const c1 = Math.min(cols - 1, Math.floor((x + radius) / PICK_CELL));
    const r0 = Math.max(0, Math.floor((y - radius) / PICK_CELL));
    const r1 = Math.min(this.rows - 1, Math.floor((y + radius) / PICK_CELL));
    let best = -1;
    let bestScore = Infinity;
    const r2 = radius * radius;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * cols + c;
        for (let k = this.cellStart[cell]; k < this.cellStart[cell + 1]; k++) {
          const i = this.cellItems[k];
          const dx = s[i * 3] - x;
          const dy = s[i * 3 + 1] - y;
          const d2 = dx * dx + dy * dy;
          if (d2 > r2) continue;
          const score = d2 + s[i * 3 + 2] * 0.01;
          if (score < bestScore || (score === bestScore && i < best)) {
            bestScore = score;
            best = i;
          }
        }
      }
    }
    return best;
  }
}
