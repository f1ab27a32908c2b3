/**
 * Word labels as an HTML overlay: sized for the screen, with a halo, and never overlapping.
 *
 * Which labels show is decided by a greedy screen-space packing (throttled by the caller):
 * the query first, then its neighbours (trying four sides of the point), then other words by
 * frequency rank and distance to the camera. Between packings the chosen labels follow their
 * points every frame, and any that would collide with a more important one are hidden.
 */

export interface ScreenProjector {
  /** Writes CSS-pixel x, y and view depth of point i into out; returns false when off screen or behind. */
  project(i: number, out: Float32Array): boolean;
  width: number;
  height: number;
  /** Camera-to-target distance: depths are compared to it. */
  focus: number;
}

type Role = 'query' | 'neighbour' | 'word';

interface Placed {
  index: number;
  role: Role;
  /** Offset of the label's top-left from the point, CSS px. */
  dx: number;
  dy: number;
  w: number;
  h: number;
  node: HTMLSpanElement;
}

const FONT = '12px Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const FONT_STRONG = '600 14px Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const PAD_X = 5;
const GAP = 7;

export class LabelLayer {
  readonly element: HTMLDivElement;
  private words: string[] = [];
  private added: Uint8Array = new Uint8Array(0);
  /** Point indices by priority (most frequent first). */
  private order: Int32Array = new Int32Array(0);
  private query = -1;
  private neighbours: number[] = [];
  private placed: Placed[] = [];
  private pool: HTMLSpanElement[] = [];
  private readonly widths = new Map<string, number>();
  private readonly measure = document.createElement('canvas').getContext('2d');
  private readonly tmp = new Float32Array(3);

  constructor(container: HTMLElement) {
    this.element = document.createElement('div');
    this.element.className = 'scene-labels';
    this.element.setAttribute('aria-hidden', 'true');
    container.append(this.element);
  }

  setLayout(words: string[], ranks: Int32Array, added: Uint8Array): void {
    this.words = words;
    this.added = added;
    const order = Int32Array.from(words.keys());
    order.sort((a, b) => ranks[a] - ranks[b]);
    this.order = order;
    this.query = -1;
    this.neighbours = [];
    this.clear();
  }

  setAdded(added: Uint8Array): void {
    this.added = added;
  }

  setHighlight(query: number, neighbours: number[]): void {
    this.query = query;
    this.neighbours = neighbours.filter((i) => i >= 0 && i !== query);
  }

  private width(word: string, strong: boolean): number {
    const key = strong ? `!${word}` : word;
    let w = this.widths.get(key);
    if (w === undefined) {
      if (this.measure) this.measure.font = strong ? FONT_STRONG : FONT;
      w = Math.ceil((this.measure?.measureText(word).width ?? word.length * 7) + PAD_X * 2);
      this.widths.set(key, w);
    }
    return w;
  }

  /** Chooses the labels to show for the current camera (the expensive step; throttle it). */
  pack(p: ScreenProjector): void {
    const grid = new RectGrid(p.width, p.height);
    const next: Placed[] = [];
    const pos = this.tmp;
    const tryPlace = (i: number, role: Role, sides: number): boolean => {
      if (!p.project(i, pos)) return false;
      const strong = role === 'query';
      const w = this.width(this.words[i], strong);
      const h = strong ? 24 : role === 'neighbour' ? 20 : 18;
      const offsets: [number, number][] = [
        [GAP, -h / 2],
        [-GAP - w, -h / 2],
        [-w / 2, -GAP - h],
        [-w / 2, GAP],
      ];
      for (let s = 0; s < sides; s++) {
        const [dx, dy] = offsets[s];
        const x = pos[0] + dx;
        const y = pos[1] + dy;
        if (x < 2 || y < 2 || x + w > p.width - 2 || y + h > p.height - 2) continue;
        if (grid.hits(x, y, w, h)) continue;
        grid.add(x, y, w, h);
        next.push({ index: i, role, dx, dy, w, h, node: undefined as unknown as HTMLSpanElement });
        return true;
      }
      return false;
    };
    if (this.query >= 0) tryPlace(this.query, 'query', 4);
    for (const i of this.neighbours) tryPlace(i, 'neighbour', 4);
    const budget = Math.min(140, Math.round((p.width * p.height) / 7000)) + next.length;
    const dimmed = this.query >= 0 || this.neighbours.length > 0;
    const quota = dimmed ? Math.round(budget * 0.35) : budget;
    if (next.length < quota) {
      const candidates = this.candidates(p);
      for (let c = 0; c < candidates.length && next.length < quota; c++) {
        const i = candidates[c];
        if (i === this.query || this.neighbours.includes(i)) continue;
        tryPlace(i, 'word', 2);
      }
    }
    this.render(next);
    this.follow(p);
  }

  /** Visible words ranked by frequency and nearness to the camera. */
  private candidates(p: ScreenProjector): number[] {
    const pos = this.tmp;
    const scored: { i: number; s: number }[] = [];
    const order = this.order;
    const frequentCut = Math.min(order.length, 2500);
    for (let o = 0; o < order.length; o++) {
      const i = order[o];
      if (!p.project(i, pos)) continue;
      const near = pos[2] < p.focus * 0.85;
      if (o >= frequentCut && !near) continue;
      // log-rank plus depth: a close word outranks a slightly more frequent far one.
      scored.push({ i, s: Math.log2(o + 2) + 5 * (pos[2] / p.focus) });
    }
    scored.sort((a, b) => a.s - b.s);
    return scored.slice(0, 1500).map((c) => c.i);
  }

  private render(next: Placed[]): void {
    let used = 0;
    for (const item of next) {
      let node = this.pool[used];
      if (!node) {
        node = document.createElement('span');
        this.pool.push(node);
        this.element.append(node);
      }
      used++;
      item.node = node;
      const word = this.words[item.index];
      if (node.textContent !== word) node.textContent = word;
      const cls = `label label-${item.role}${this.added[item.index] ? ' label-added' : ''}`;
      if (node.className !== cls) node.className = cls;
      node.hidden = false;
    }
    for (let i = used; i < this.pool.length; i++) this.pool[i].hidden = true;
    this.placed = next;
  }

  /** Moves the chosen labels with their points; hides any that now collide (cheap, every frame). */
  follow(p: ScreenProjector): void {
    const pos = this.tmp;
    const kept: { x: number; y: number; w: number; h: number }[] = [];
    for (const item of this.placed) {
      let show = p.project(item.index, pos);
      const x = pos[0] + item.dx;
      const y = pos[1] + item.dy;
      if (show) {
        for (const r of kept) {
          if (x < r.x + r.w && x + item.w > r.x && y < r.y + r.h && y + item.h > r.y) {
            show = false;
            break;
          }
        }
      }
      if (show) {
        kept.push({ x, y, w: item.w, h: item.h });
        item.node.style.transform = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px)`;
      }
      if (item.node.hidden === show) item.node.hidden = !show;
    }
  }

  /** Words whose labels are on screen now (for tests and the bench). */
  visibleWords(): string[] {
    return this.placed.filter((p) => !p.node.hidden).map((p) => this.words[p.index]);
  }

  clear(): void {
    this.placed = [];
    for (const n of this.pool) n.hidden = true;
  }

  dispose(): void {
    this.element.remove();
  }
}

/** Uniform grid of rectangles for fast overlap tests. */
class RectGrid {
  private readonly cell = 64;
  private readonly cols: number;
  private readonly cells: number[][];

  constructor(width: number, height: number) {
    this.cols = Math.max(1, Math.ceil(width / this.cell));
    const rows = Math.max(1, Math.ceil(height / this.cell));
    this.cells = Array.from({ length: this.cols * rows }, () => []);
  }

  private each(x: number, y: number, w: number, h: number, fn: (cell: number[]) => boolean | void): boolean {
    const c0 = Math.max(0, Math.floor(x / this.cell));
    const c1 = Math.min(this.cols - 1, Math.floor((x + w) / this.cell));
    const rows = this.cells.length / this.cols;
    const r0 = Math.max(0, Math.floor(y / this.cell));
    const r1 = Math.min(rows - 1, Math.floor((y + h) / this.cell));
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (fn(this.cells[r * this.cols + c])) return true;
    return false;
  }

  hits(x: number, y: number, w: number, h: number): boolean {
    // Labels keep 2 px of air between them.
    const m = 2;
    return this.each(x, y, w, h, (cell) => {
      for (let k = 0; k < cell.length; k += 4) {
        if (x - m < cell[k] + cell[k + 2] && x + w + m > cell[k] && y - m < cell[k + 1] + cell[k + 3] && y + h + m > cell[k + 1]) return true;
      }
      return false;
    });
  }

  add(x: number, y: number, w: number, h: number): void {
    this.each(x, y, w, h, (cell) => {
      cell.push(x, y, w, h);
    });
  }
}
