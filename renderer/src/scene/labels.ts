/**
 * Word labels as an HTML overlay: sized for the screen, with a halo, and never overlapping.
 *
 * Which labels show is decided by a greedy screen-space packing (throttled by the caller):
 * the query first, then its neighbours (four sides of the point, then further out with a leader
 * line), then other words by frequency rank and distance to the camera. The other words come
 * from a level-of-detail index (label-index.ts), so a packing looks at a bounded number of
 * candidates whatever the size of the map. Between packings the chosen labels follow their
 * points every frame, and any that would collide with a more important one are hidden.
 */
import { LabelIndex } from './label-index';
import { orderByRank } from './layout';
import { RectGrid } from './rect-grid';
import type { ScreenProjector } from './screen-picker';

type Role = 'query' | 'neighbour' | 'word';

interface Placed {
  index: number;
  role: Role;
  /** Offset of the label's top-left from the point, CSS px. */
  dx: number;
  dy: number;
  w: number;
  h: number;
  /** Set when the label sits away from its point and a leader line joins them. */
  leader: boolean;
  node: HTMLSpanElement;
}

const FONT = '12px Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const FONT_STRONG = '600 14px Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const PAD_X = 5;
const GAP = 7;
/**
 * Where a highlighted label goes when none of the four sides beside its point is free: further
 * out in eight directions, joined to its point by a leader line, so a tight neighbourhood still
 * shows every neighbour's name.
 */
const LEADER_RADII = [26, 44, 66, 92];
const LEADER_DIRECTIONS = Array.from({ length: 8 }, (_, k) => [Math.cos((k * Math.PI) / 4), Math.sin((k * Math.PI) / 4)]);
const SVG_NS = 'http://www.w3.org/2000/svg';
/** Most words one packing considers beyond the query and its neighbours (it places at most 140). */
const MAX_CANDIDATES = 2000;

export class LabelLayer {
  readonly element: HTMLDivElement;
  private words: string[] = [];
  private added: Uint8Array = new Uint8Array(0);
  /** Point indices by priority (most frequent first), and each point's position in that order. */
  private order: Int32Array = new Int32Array(0);
  private position: Int32Array = new Int32Array(0);
  private coords: Float32Array = new Float32Array(0);
  /** Built on the next packing after the layout or its positions changed. */
  private index: LabelIndex | null = null;
  private query = -1;
  private neighbours: number[] = [];
  private placed: Placed[] = [];
  private pool: HTMLSpanElement[] = [];
  private readonly widths = new Map<string, number>();
  private readonly charWidths = new Map<string, number>();
  private measureFont = '';
  private readonly measure = document.createElement('canvas').getContext('2d');
  private readonly tmp = new Float32Array(3);
  /** Leader lines, one per label placed away from its point. */
  private readonly leaders: SVGSVGElement;
  private leaderPool: SVGLineElement[] = [];
  /** Screen boxes other overlays hold (cluster names): word labels keep out of them. */
  reserved: { x: number; y: number; w: number; h: number }[] = [];

  constructor(container: HTMLElement) {
    this.element = document.createElement('div');
    this.element.className = 'scene-labels';
    this.element.setAttribute('aria-hidden', 'true');
    this.leaders = document.createElementNS(SVG_NS, 'svg');
    this.leaders.setAttribute('class', 'label-leaders');
    this.element.append(this.leaders);
    container.append(this.element);
  }

  /** `order`: point indices most frequent first (see orderByRank), when the caller has it already. */
  setLayout(words: string[], ranks: Int32Array, added: Uint8Array, order: Int32Array = orderByRank(ranks)): void {
    this.words = words;
    this.added = added;
    this.order = order;
    this.position = new Int32Array(order.length);
    for (let o = 0; o < order.length; o++) this.position[order[o]] = o;
    this.index = null;
    this.query = -1;
    this.neighbours = [];
    this.clear();
  }

  /** The points' positions (the scene's normalised coordinates); call again when they move. */
  setCoords(coords: Float32Array): void {
    this.coords = coords;
    this.index = null;
  }

  setAdded(added: Uint8Array): void {
    this.added = added;
  }

  setHighlight(query: number, neighbours: number[]): void {
    this.query = query;
    this.neighbours = neighbours.filter((i) => i >= 0 && i !== query);
  }

  /**
   * Label width in CSS px: the sum of its characters' widths, each measured once per font (a
   * canvas measurement per word, and setting the canvas font, cost more than a packing at
   * 200,000 points). Kerning is ignored: labels keep 2 px of air, more than it shifts.
   */
  private width(word: string, strong: boolean): number {
    const key = strong ? `!${word}` : word;
    let w = this.widths.get(key);
    if (w === undefined) {
      let sum = 0;
      for (const ch of word) {
        const ck = strong ? `!${ch}` : ch;
        let cw = this.charWidths.get(ck);
        if (cw === undefined) {
          const font = strong ? FONT_STRONG : FONT;
          if (this.measure && this.measureFont !== font) this.measure.font = this.measureFont = font;
          cw = this.measure?.measureText(ch).width ?? 7;
          this.charWidths.set(ck, cw);
        }
        sum += cw;
      }
      w = Math.ceil(sum + PAD_X * 2);
      this.widths.set(key, w);
    }
    return w;
  }

  /** Chooses the labels to show for the current camera (the expensive step; throttle it). */
  pack(p: ScreenProjector): void {
    const grid = new RectGrid(p.width, p.height);
    for (const r of this.reserved) grid.add(r.x, r.y, r.w, r.h);
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
      const fits = (dx: number, dy: number, leader: boolean): boolean => {
        const x = pos[0] + dx;
        const y = pos[1] + dy;
        if (x < 2 || y < 2 || x + w > p.width - 2 || y + h > p.height - 2) return false;
        if (grid.hits(x, y, w, h)) return false;
        grid.add(x, y, w, h);
        next.push({ index: i, role, dx, dy, w, h, leader, node: undefined as unknown as HTMLSpanElement });
        return true;
      };
      for (let s = 0; s < sides; s++) if (fits(offsets[s][0], offsets[s][1], false)) return true;
      if (role === 'word') return false;
      for (const r of LEADER_RADII) {
        for (const [cx, cy] of LEADER_DIRECTIONS) {
          // The label's side (or corner) nearest the point sits r px away in this direction.
          const dx = r * cx - (cx > 0.3 ? 0 : cx < -0.3 ? w : w / 2);
          const dy = r * cy - (cy > 0.3 ? 0 : cy < -0.3 ? h : h / 2);
          if (fits(dx, dy, true)) return true;
        }
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

  /** Visible words ranked by frequency and nearness to the camera: at most MAX_CANDIDATES, from the level-of-detail index. */
  private candidates(p: ScreenProjector): Int32Array {
    if (this.coords.length !== this.order.length * 3) return new Int32Array(0);
    this.index ??= new LabelIndex(this.coords, this.order);
    const offered = this.index.candidates(p, MAX_CANDIDATES);
    const pos = this.tmp;
    // log-rank plus depth: a close word outranks a slightly more frequent far one. Scores are
    // packed with the candidate's slot into doubles and sorted natively.
    const keys = new Float64Array(offered.length);
    let count = 0;
    for (let k = 0; k < offered.length; k++) {
      const i = offered[k];
      if (!p.project(i, pos)) continue;
      const score = Math.log2(this.position[i] + 2) + 5 * (pos[2] / p.focus);
      keys[count++] = Math.round(Math.max(0, score + 20) * 4096) * 8192 + k;
    }
    const sorted = keys.subarray(0, count).sort();
    const out = new Int32Array(count);
    for (let c = 0; c < count; c++) out[c] = offered[sorted[c] % 8192];
    return out;
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
    const kept: { x: number; y: number; w: number; h: number }[] = [...this.reserved];
    let lines = 0;
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
        if (item.leader) this.drawLeader(lines++, pos[0], pos[1], x, y, item.w, item.h);
      }
      if (item.node.hidden === show) item.node.hidden = !show;
    }
    for (let l = lines; l < this.leaderPool.length; l++) this.leaderPool[l].setAttribute('visibility', 'hidden');
  }

  /** A line from just outside point (px, py) to the nearest point of the label's box. */
  private drawLeader(n: number, px: number, py: number, x: number, y: number, w: number, h: number): void {
    let line = this.leaderPool[n];
    if (!line) {
      line = document.createElementNS(SVG_NS, 'line');
      this.leaders.append(line);
      this.leaderPool.push(line);
    }
    const ex = Math.min(Math.max(px, x + PAD_X), x + w - PAD_X);
    const ey = Math.min(Math.max(py, y + 3), y + h - 3);
    const len = Math.hypot(ex - px, ey - py) || 1;
    const start = Math.min(4, len);
    line.setAttribute('x1', (px + ((ex - px) * start) / len).toFixed(1));
    line.setAttribute('y1', (py + ((ey - py) * start) / len).toFixed(1));
    line.setAttribute('x2', ex.toFixed(1));
    line.setAttribute('y2', ey.toFixed(1));
    line.setAttribute('visibility', 'visible');
  }

  /** Words whose labels are on screen now (for tests and the bench). */
  visibleWords(): string[] {
    return this.placed.filter((p) => !p.node.hidden).map((p) => this.words[p.index]);
  }

  clear(): void {
    this.placed = [];
    for (const n of this.pool) n.hidden = true;
    for (const l of this.leaderPool) l.setAttribute('visibility', 'hidden');
  }

  dispose(): void {
    this.element.remove();
  }
}
