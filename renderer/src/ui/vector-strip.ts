/**
 * "A word is a vector": the selected word's unit vector as a strip of its dimensions on a
 * diverging colour scale, a second word's strip beneath it, their cosine, and the dimensions that
 * add most to it (products a_i·b_i, since both vectors are unit length the cosine is their sum).
 * Similar words visibly share the same bands.
 */
import type { ExplorerApi } from '../../../common/contract/contract';
import { el, formatSimilarity } from './format';
import { rgb } from './label-palette';

/** Diverging ends (Okabe–Ito blue and vermillion: distinct for colour-blind readers). */
const NEGATIVE = rgb('#0072B2');
const POSITIVE = rgb('#D55E00');
const TOP_DIMS = 5;

export class VectorStrip {
  readonly element: HTMLDetailsElement;
  readonly first: HTMLInputElement;
  readonly second: HTMLInputElement;
  private readonly canvases: [HTMLCanvasElement, HTMLCanvasElement];
  private readonly summary: HTMLParagraphElement;
  private readonly top: HTMLOListElement;
  private request = 0;

  constructor(
    sidebar: HTMLElement,
    private readonly api: ExplorerApi,
  ) {
    this.element = el('details', 'panel vector-panel');
    this.element.id = 'vector-strip';
    const input = (label: string) => {
      const i = el('input');
      i.type = 'text';
      i.spellcheck = false;
      i.setAttribute('aria-label', label);
      i.placeholder = label;
      i.addEventListener('change', () => void this.refresh());
      return i;
    };
    this.first = input('First word');
    this.second = input('Second word');
    const strip = (label: string) => {
      const c = el('canvas', 'vector-strip');
      c.height = 22;
      c.setAttribute('role', 'img');
      c.setAttribute('aria-label', label);
      return c;
    };
    this.canvases = [strip('Dimensions of the first word'), strip('Dimensions of the second word')];
    this.summary = el('p', 'caption vector-cosine');
    this.top = el('ol', 'vector-top');
    this.top.setAttribute('aria-label', 'Dimensions that contribute most to the cosine');
    const legend = el('p', 'caption vector-legend');
    const swatch = (c: number[]) => {
      const s = el('span', 'swatch');
      s.style.background = `rgb(${c.map((v) => Math.round(v * 255)).join(',')})`;
      return s;
    };
    legend.append(swatch(NEGATIVE), 'negative  ', swatch(POSITIVE), 'positive, one cell per dimension');
    this.element.append(
      el('summary', 'panel-title', 'Word vectors'),
      this.first,
      this.canvases[0],
      this.second,
      this.canvases[1],
      legend,
      this.summary,
      this.top,
    );
    sidebar.append(this.element);
  }

  /** Shows one word (and optionally a second) and opens the panel. */
  async show(first: string, second?: string): Promise<void> {
    this.element.open = true;
    this.first.value = first;
    if (second !== undefined) this.second.value = second;
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const words = [this.first.value.trim(), this.second.value.trim()].filter(Boolean);
    const id = ++this.request;
    if (!words.length) return;
    const got = await this.api.vectorsOf({ words });
    if (id !== this.request) return;
    const d = got.dims;
    const vecs = got.words.map((_, i) => got.vectors.subarray(i * d, i * d + d));
    const scale = Math.max(1e-6, ...vecs.flatMap((v) => Array.from(v, Math.abs)));
    this.canvases.forEach((c, i) => this.draw(c, vecs[i] ?? null, scale));
    this.element.dataset.words = got.words.join(',');
    if (got.missing.length) {
      this.summary.textContent = `Not in the model: ${got.missing.join(', ')}`;
      this.top.replaceChildren();
      return;
    }
    if (vecs.length < 2) {
      this.summary.textContent = `${got.words[0]}: ${d} dimensions. Add a second word to compare.`;
      this.top.replaceChildren();
      return;
    }
    const [a, b] = vecs;
    const products = Array.from(a, (v, j) => v * b[j]);
    const cosine = products.reduce((s, v) => s + v, 0);
    this.summary.textContent = `cosine(${got.words[0]}, ${got.words[1]}) = ${formatSimilarity(cosine)}`;
    this.element.dataset.cosine = formatSimilarity(cosine);
    const order = products.map((_, j) => j).sort((x, y) => products[y] - products[x] || x - y);
    this.top.replaceChildren(
      ...order
        .slice(0, TOP_DIMS)
        .map((j) => el('li', undefined, `dimension ${j}: ${products[j] >= 0 ? '+' : ''}${products[j].toFixed(4)}`)),
    );
  }

  private draw(canvas: HTMLCanvasElement, v: Float32Array | null, scale: number): void {
    const width = Math.max(100, Math.round(canvas.clientWidth || 280));
    canvas.width = width;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, width, canvas.height);
    if (!v) return;
    const neutral = rgb(getComputedStyle(document.documentElement).getPropertyValue('--bg-hover').trim() || '#1f2631');
    const cell = width / v.length;
    for (let j = 0; j < v.length; j++) {
      const t = Math.min(1, Math.abs(v[j]) / scale);
      const end = v[j] < 0 ? NEGATIVE : POSITIVE;
      const c = neutral.map((n, k) => Math.round((n + (end[k] - n) * t) * 255));
      ctx.fillStyle = `rgb(${c[0]},${c[1]},${c[2]})`;
      ctx.fillRect(Math.floor(j * cell), 0, Math.ceil(cell), canvas.height);
    }
  }
}
