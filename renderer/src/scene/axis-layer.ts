import { BufferAttribute, BufferGeometry, Group, LineBasicMaterial, LineSegments, type PerspectiveCamera, Vector3 } from 'three';
import type { SceneOverlay } from './scene-view';
import { readTheme } from './theme';

export interface AxisLine {
  /** Ends in scene coordinates: the negative end first. */
  from: Vector3;
  to: Vector3;
  negativeLabel: string;
  positiveLabel: string;
  /** "x", "y" or "z". */
  name: string;
}

/**
 * The axes of a semantic-axes projection: one line per axis through the points' range, labelled
 * at both ends (the subtracted words at the low end, the added ones at the high end) with HTML
 * labels that follow the camera.
 */
export class AxisLayer implements SceneOverlay {
  readonly object = new Group();
  private readonly geometry = new BufferGeometry();
  private readonly material = new LineBasicMaterial({ transparent: true, opacity: 0.7, depthTest: false });
  private readonly labels: HTMLDivElement;
  private axes: AxisLine[] = [];
  private readonly tmp = new Vector3();

  constructor(container: HTMLElement) {
    const lines = new LineSegments(this.geometry, this.material);
    lines.renderOrder = 3;
    lines.frustumCulled = false;
    this.object.add(lines);
    this.labels = document.createElement('div');
    this.labels.className = 'axis-labels';
    this.labels.setAttribute('aria-hidden', 'true');
    container.append(this.labels);
  }

  set(axes: AxisLine[]): void {
    this.axes = axes;
    this.material.color.copy(readTheme().point);
    const pts: number[] = [];
    for (const a of axes) pts.push(a.from.x, a.from.y, a.from.z, a.to.x, a.to.y, a.to.z);
    this.geometry.setAttribute('position', new BufferAttribute(new Float32Array(pts), 3));
    this.labels.replaceChildren();
    for (const a of axes) {
      for (const [end, text] of [
        ['negative', a.negativeLabel],
        ['positive', a.positiveLabel],
      ] as const) {
        const span = document.createElement('span');
        span.className = `axis-label axis-${end}`;
        span.dataset.axis = a.name;
        span.textContent = `${end === 'negative' ? '−' : '+'}${a.name}: ${text}`;
        this.labels.append(span);
      }
    }
    this.object.visible = axes.length > 0;
  }

  clear(): void {
    this.set([]);
  }

  /** The labels on screen, e.g. ["−x: bad", "+x: good"]. */
  texts(): string[] {
    return [...this.labels.children].filter((n) => !(n as HTMLElement).hidden).map((n) => n.textContent ?? '');
  }

  frame(camera: PerspectiveCamera, width: number, height: number): void {
    const nodes = this.labels.children;
    this.axes.forEach((a, k) => {
      [a.from, a.to].forEach((p, e) => {
        const node = nodes[k * 2 + e] as HTMLElement;
        const v = this.tmp.copy(p).project(camera);
        const visible = v.z > -1 && v.z < 1;
        node.hidden = !visible;
        if (!visible) return;
        const x = ((v.x + 1) / 2) * width;
        const y = ((1 - v.y) / 2) * height;
        node.style.transform = `translate(${Math.round(Math.min(width - 120, Math.max(4, x)))}px, ${Math.round(Math.min(height - 24, Math.max(4, y)))}px)`;
      });
    });
  }
}
