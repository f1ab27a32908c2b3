/**
 * Level of detail for word labels: which points are worth trying to label from the current
 * camera, found without looking at every point.
 *
 * The layout's bounding box is cut into a uniform 3D grid; each cell lists its points most
 * frequent first. For a view, each cell in front of the camera and on screen offers its first
 * few points, as many as its size on screen could hold labels: far away a cell shows one
 * landmark word, close up it offers more. Work per view is bounded by the number of cells plus
 * the number of candidates, whatever the number of points.
 */
import type { ScreenProjector } from './screen-picker';

/** Screen area one label needs, px² (a short word at 12 px with its air). */
const LABEL_AREA = 60 * 20;
/** Most candidates a cell offers, however close it is. */
const PER_CELL_MAX = 48;
/** Points per cell the grid aims at. */
const POINTS_PER_CELL = 24;

export class LabelIndex {
  /** Cells per axis. */
  readonly grid: number;
  private readonly lo = [0, 0, 0];
  private readonly step = [1, 1, 1];
  /** Points of cell c are items[start[c] .. start[c + 1]), most frequent first. */
  private readonly start: Int32Array;
  private readonly items: Int32Array;
  /** Cells that hold at least one point. */
  private readonly filled: Int32Array;
  /** Frequency position (in `order`) of each cell's most frequent point. */
  private readonly best: Int32Array;
  private readonly tmp = new Float32Array(3);
  /** Scratch lists of visible cells and what each may offer (reused across views). */
  private readonly visible: Int32Array;
  private readonly rooms: Int32Array;

  /**
   * `coords`: row-major n × 3 positions; `order`: point indices, most frequent first (every point once).
   */
  constructor(coords: Float32Array, order: Int32Array) {
    const n = order.length;
    const g = Math.max(1, Math.min(40, Math.round(Math.cbrt(n / POINTS_PER_CELL))));
    this.grid = g;
    const hi = [-Infinity, -Infinity, -Infinity];
    const lo = [Infinity, Infinity, Infinity];
    for (let i = 0; i < n; i++)
      for (let a = 0; a < 3; a++) {
        const v = coords[i * 3 + a];
        if (v < lo[a]) lo[a] = v;
        if (v > hi[a]) hi[a] = v;
      }
    for (let a = 0; a < 3; a++) {
      this.lo[a] = Number.isFinite(lo[a]) ? lo[a] : 0;
      this.step[a] = Number.isFinite(hi[a]) && hi[a] > lo[a] ? (hi[a] - lo[a]) / g : 1;
    }
    const cells = g * g * g;
    const cellOf = new Int32Array(n);
    const counts = new Int32Array(cells + 1);
    const [lx, ly, lz] = this.lo;
    const ix = 1 / this.step[0];
    const iy = 1 / this.step[1];
    const iz = 1 / this.step[2];
    const top = g - 1;
    for (let o = 0; o < n; o++) {
      const i = order[o] * 3;
      // `| 0` truncates (and maps NaN to 0); the clamps keep the maxima in the last cell.
      const cx = Math.min(top, Math.max(0, ((coords[i] - lx) * ix) | 0));
      const cy = Math.min(top, Math.max(0, ((coords[i + 1] - ly) * iy) | 0));
      const cz = Math.min(top, Math.max(0, ((coords[i + 2] - lz) * iz) | 0));
      const c = (cz * g + cy) * g + cx;
      cellOf[o] = c;
      counts[c + 1]++;
    }
    for (let c = 0; c < cells; c++) counts[c + 1] += counts[c];
    this.start = counts;
    // A stable counting sort by cell keeps each cell's points in frequency order.
    const fill = counts.slice(0, cells);
    this.items = new Int32Array(n);
    this.best = new Int32Array(cells).fill(n);
    for (let o = 0; o < n; o++) {
      const c = cellOf[o];
      if (fill[c] === counts[c]) this.best[c] = o;
      this.items[fill[c]++] = order[o];
    }
    const filled: number[] = [];
    for (let c = 0; c < cells; c++) if (counts[c + 1] > counts[c]) filled.push(c);
    this.filled = Int32Array.from(filled);
    this.visible = new Int32Array(filled.length);
    this.rooms = new Int32Array(filled.length);
  }

  /** Number of cells holding points. */
  get cells(): number {
    return this.filled.length;
  }

  /**
   * Points worth a label in this view, at most `max`: each visible cell's most frequent points,
   * as many as its screen size allows (scaled down evenly when they would exceed `max`). Not
   * sorted; cells off screen or behind the camera offer nothing.
   */
  candidates(p: ScreenProjector, max: number): Int32Array {
    const pos = this.tmp;
    const g = this.grid;
    const [sx, sy, sz] = this.step;
    // Half the cell's diagonal: a cell whose centre is this far off screen may still reach in.
    const radius = 0.5 * Math.hypot(sx, sy, sz);
    const side = Math.min(sx, sy, sz);
    const visible = this.visible;
    const rooms = this.rooms;
    let shown = 0;
    let total = 0;
    for (let f = 0; f < this.filled.length; f++) {
      const c = this.filled[f];
      p.projectPoint(
        this.lo[0] + ((c % g) + 0.5) * sx,
        this.lo[1] + ((Math.floor(c / g) % g) + 0.5) * sy,
        this.lo[2] + (Math.floor(c / (g * g)) + 0.5) * sz,
        pos,
      );
      const depth = pos[2];
      if (depth < -radius) continue;
      if (depth > radius) {
        const r = (radius * p.pixelsPerUnit) / depth;
        if (pos[0] < -r || pos[1] < -r || pos[0] > p.width + r || pos[1] > p.height + r) continue;
      }
      // The camera near or inside the cell counts as close: the cell may fill the screen.
      const px = (side * p.pixelsPerUnit) / Math.max(depth, radius);
      const room = Math.max(1, Math.min(PER_CELL_MAX, Math.floor((px * px) / LABEL_AREA)));
      visible[shown] = c;
      rooms[shown++] = room;
      total += room;
    }
    let picked: ArrayLike<number> = Array.from({ length: shown }, (_, v) => v);
    if (shown > max) {
      // More cells than candidates: the cells whose best word is most frequent, one word each.
      const keyed = new Float64Array(shown);
      for (let v = 0; v < shown; v++) keyed[v] = this.best[visible[v]] * 65536 + v;
      keyed.sort();
      picked = Array.from(keyed.subarray(0, max), (k) => k % 65536);
    }
    const scale = total > max ? max / total : 1;
    const out = new Int32Array(Math.min(max, total));
    let count = 0;
    for (let k = 0; k < picked.length && count < out.length; k++) {
      const v = picked[k];
      const c = visible[v];
      const room = Math.max(1, Math.floor(rooms[v] * scale));
      const end = Math.min(this.start[c + 1], this.start[c] + room);
      for (let j = this.start[c]; j < end && count < out.length; j++) out[count++] = this.items[j];
    }
    return out.subarray(0, count);
  }
}
