/**
 * Cluster names over the map: large, quiet labels at each cluster's anchor point. Seen from afar
 * every cluster that fits gets its name (largest first, never overlapping another); zooming in
 * thins them out until, close up, only word labels remain. Word labels keep out of the boxes
 * these hold (LabelLayer.reserved).
 */
import type { ScreenProjector } from './screen-picker';

export interface ClusterLabel {
  id: number;
  name: string;
  size: number;
  /** Point index the label sits on. */
  point: number;
}

const FONT = '600 17px Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const HEIGHT = 24;
/** Camera-to-target distance at which every cluster may be named, and below which none is. */
const FULL_AT = 2.6;
const NONE_AT = 0.9;

export class ClusterLabelsLayer {
  readonly element: HTMLDivElement;
  private labels: ClusterLabel[] = [];
  private nodes: HTMLSpanElement[] = [];
  private widths: number[] = [];
  private visible = true;
  private readonly pos = new Float32Array(3);
  private readonly measure = document.createElement('canvas').getContext('2d');
  /** Boxes of the names on screen now, CSS px (word labels avoid them). */
  boxes: { x: number; y: number; w: number; h: number }[] = [];

  constructor(container: HTMLElement) {
    this.element = document.createElement('div');
    this.element.className = 'cluster-labels';
    this.element.setAttribute('aria-hidden', 'true');
    container.append(this.element);
  }

  set(labels: ClusterLabel[]): void {
    this.labels = [...labels].sort((a, b) => b.size - a.size || a.id - b.id);
    this.element.replaceChildren();
    if (this.measure) this.measure.font = FONT;
    this.nodes = this.labels.map((l) => {
      const node = document.createElement('span');
      node.className = 'cluster-label';
      node.textContent = l.name;
      node.dataset.cluster = String(l.id);
      node.hidden = true;
      this.element.append(node);
      return node;
    });
    // Padding (6 px a side) plus a pixel of slack for text measured apart from the page's layout.
    this.widths = this.labels.map((l) => Math.ceil((this.measure?.measureText(l.name).width ?? l.name.length * 9) + 14));
  }

  /** Shows or hides every name (the panel's switch; hidden while a query is highlighted). */
  setVisible(visible: boolean): void {
    this.visible = visible;
  }

  /** Places the names for this frame. */
  update(p: ScreenProjector): void {
    this.boxes = [];
    const t = Math.max(0, Math.min(1, (p.focus - NONE_AT) / (FULL_AT - NONE_AT)));
    const allowed = this.visible ? Math.ceil(this.labels.length * t) : 0;
    this.element.style.opacity = String(0.5 + 0.25 * t);
    let shown = 0;
    for (let c = 0; c < this.labels.length; c++) {
      const node = this.nodes[c];
      let show = shown < allowed && p.project(this.labels[c].point, this.pos);
      const w = this.widths[c];
      const x = this.pos[0] - w / 2;
      const y = this.pos[1] - HEIGHT / 2;
      if (show && (x < 2 || y < 2 || x + w > p.width - 2 || y + HEIGHT > p.height - 2)) show = false;
      if (show && this.boxes.some((b) => x < b.x + b.w && b.x < x + w && y < b.y + b.h && b.y < y + HEIGHT)) show = false;
      if (show) {
        this.boxes.push({ x, y, w, h: HEIGHT });
        node.style.transform = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px)`;
        node.style.width = `${w}px`;
        shown++;
      }
      if (node.hidden === show) node.hidden = !show;
    }
  }

  dispose(): void {
    this.element.remove();
  }
}
