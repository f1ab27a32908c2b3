/**
 * The Export panel: the current projection as CSV / JSON / Projector TSV / HTML map / SVG of
 * the current view, the query's neighbour table as CSV / Markdown or to the clipboard, and a
 * PNG of the view at 1×, 2× or 4×. Files leave as downloads; Electron turns each download into
 * a native save dialog that remembers the last folder.
 */
import type { ExplorerApi, ExportFormat, ExportedFile, MenuExportFormat } from '../../../common/contract/contract';
import type { SceneView } from '../scene/scene-view';
import { rawCamera, snapshotPng } from './export-scene';
import { clusterLegend } from './cluster-panel';
import './export-panel.css';

export interface ExportContext {
  /** The scene on screen. */
  scene: SceneView;
  /** The element holding the map (carries data-projection-id once the layout is saved). */
  stage: HTMLElement;
  /** The current query word, or null. */
  query(): string | null;
  /** The layout on screen: its projection id, raw coordinates, and 1 per point placed after saving. */
  layout(): { id?: number; words: string[]; coords: Float32Array; added: Uint8Array } | null;
}

/** The points placed into the shown layout after it was saved, for exports of what is on screen. */
function placedPoints(layout: {
  words: string[];
  coords: Float32Array;
  added: Uint8Array;
}): { words: string[]; coords: Float32Array } | undefined {
  const at: number[] = [];
  layout.added.forEach((a, i) => a && at.push(i));
  if (!at.length) return undefined;
  const coords = new Float32Array(at.length * 3);
  at.forEach((i, k) => coords.set(layout.coords.subarray(i * 3, i * 3 + 3), k * 3));
  return { words: at.map((i) => layout.words[i]), coords };
}

/** Starts a download of text or bytes under `name` (Blob + <a download>). */
export function download(name: string, type: string, content: BlobPart): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

function button(text: string, onClick: () => void, title?: string): HTMLButtonElement {
  const b = el('button', undefined, text);
  b.type = 'button';
  if (title) b.title = title;
  b.addEventListener('click', onClick);
  return b;
}

export class ExportPanel {
  readonly element: HTMLDivElement;
  private readonly toggle: HTMLButtonElement;
  private readonly status: HTMLParagraphElement;
  private readonly queryButtons: HTMLButtonElement[] = [];
  private readonly scale: HTMLSelectElement;
  private readonly background: HTMLSelectElement;

  constructor(
    private readonly api: ExplorerApi,
    private readonly ctx: ExportContext,
  ) {
    this.toggle = button(
      'Export',
      () => (this.element.hidden ? this.open() : this.close()),
      'Export the map, the data or the neighbour table (Ctrl/⌘+E)',
    );
    this.toggle.className = 'export-toggle';
    this.toggle.setAttribute('aria-haspopup', 'dialog');
    this.element = el('div', 'export-panel');
    this.element.setAttribute('role', 'dialog');
    this.element.setAttribute('aria-label', 'Export');
    this.element.hidden = true;

    const data = el('section');
    data.append(el('h3', undefined, 'Projection'));
    const formats: [ExportFormat, string, string][] = [
      ['csv', 'CSV', 'word, x, y, z, label, in_view, is_query, similarity'],
      ['json', 'JSON', 'points with provenance: model, words, UMAP parameters, seed'],
      ['tsv', 'Projector TSV', 'vectors.tsv + metadata.tsv for the TensorFlow Projector'],
      ['html', 'HTML map', 'one self-contained file that opens offline in any browser'],
      ['svg', 'SVG (this view)', 'the current camera view as a vector picture'],
    ];
    const row = el('div', 'export-row');
    for (const [format, label, title] of formats) row.append(button(label, () => void this.exportProjection(format), title));
    data.append(row);

    const table = el('section');
    table.append(el('h3', undefined, 'Neighbour table'));
    const trow = el('div', 'export-row');
    for (const b of [
      button('CSV', () => void this.exportNeighbours('csv')),
      button('Markdown', () => void this.exportNeighbours('md')),
      button('Copy', () => void this.copyNeighbours(), 'Copy the table as Markdown'),
    ]) {
      this.queryButtons.push(b);
      trow.append(b);
    }
    table.append(trow);

    const picture = el('section');
    picture.append(el('h3', undefined, 'Picture (PNG)'));
    this.scale = el('select');
    this.scale.setAttribute('aria-label', 'Picture size');
    for (const s of [1, 2, 4]) this.scale.append(new Option(`${s}× window`, String(s), s === 2, s === 2));
    this.background = el('select');
    this.background.setAttribute('aria-label', 'Picture background');
    this.background.append(new Option('Theme background', 'theme', true, true), new Option('Transparent', 'transparent'));
    const prow = el('div', 'export-row');
    prow.append(
      this.scale,
      this.background,
      button('Save PNG', () => void this.exportPng()),
    );
    picture.append(prow);

    this.status = el('p', 'export-status');
    this.status.setAttribute('role', 'status');
    this.element.append(data, table, picture, this.status);
    ctx.stage.append(this.toggle, this.element);
    api.onEvent((e) => {
      if (e.type === 'menu' && e.action === 'export') void this.fromMenu(e.format);
    });
    document.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'e') {
        e.preventDefault();
        this.open();
      } else if (e.key === 'Escape' && !this.element.hidden) this.close();
    });
  }

  open(): void {
    const hasQuery = Boolean(this.ctx.query());
    for (const b of this.queryButtons) {
      b.disabled = !hasQuery;
      b.title = hasQuery ? '' : 'Search a word first';
    }
    this.element.hidden = false;
    this.toggle.setAttribute('aria-expanded', 'true');
    this.element.querySelector('button')?.focus();
  }

  /** File ▸ Export in the desktop menu: the panel, or one format at once (its status shows in the panel). */
  private fromMenu(format?: MenuExportFormat): Promise<void> {
    this.open();
    if (!format) return Promise.resolve();
    if (format === 'png') return this.exportPng();
    if (format === 'neighbors-csv') return this.exportNeighbours('csv');
    if (format === 'neighbors-md') return this.exportNeighbours('md');
    return this.exportProjection(format);
  }

  close(): void {
    this.element.hidden = true;
    this.toggle.setAttribute('aria-expanded', 'false');
  }

  private say(text: string, error = false): void {
    this.status.textContent = text;
    this.status.classList.toggle('error', error);
  }

  private projectionId(): number | null {
    const id = Number(this.ctx.stage.dataset.projectionId);
    return Number.isInteger(id) && id > 0 ? id : null;
  }

  private async run(what: string, work: () => Promise<string>): Promise<void> {
    this.say(`${what}…`);
    try {
      this.say(await work());
    } catch (e) {
      this.say(`${what} failed: ${(e as Error).message}`, true);
    }
  }

  private save(files: ExportedFile[]): string {
    for (const f of files) download(f.name, f.mimeType, f.content);
    return `Exported ${files.map((f) => f.name).join(' and ')}.`;
  }

  private exportProjection(format: ExportFormat): Promise<void> {
    return this.run(`Exporting ${format.toUpperCase()}`, async () => {
      const id = this.projectionId();
      if (!id) throw new Error('the map is not saved yet; wait until the projection has finished');
      const query = this.ctx.query() ?? undefined;
      const canvas = this.ctx.scene.renderer.domElement.getBoundingClientRect();
      // What is on screen: the saved points and any a search placed since.
      const shown = this.ctx.layout();
      const current = shown && shown.id === id ? shown : null;
      const placed = current ? placedPoints(current) : undefined;
      let camera;
      // The view on screen: in_view for the data files, the picture's camera, the HTML map's opening view.
      // The scene normalises the coordinates of every point it shows, so the camera maps back through those.
      if (format !== 'tsv') {
        const coords = current?.coords ?? (await this.api.getProjection({ id }))?.coords;
        if (coords) camera = rawCamera(this.ctx.scene, coords);
      }
      const dark = !window.matchMedia('(prefers-color-scheme: light)').matches;
      const files = await this.api.exportProjection({
        id,
        format,
        query,
        camera,
        width: Math.max(16, Math.round(canvas.width)),
        height: Math.max(16, Math.round(canvas.height)),
        theme: dark ? 'dark' : 'light',
        placed,
      });
      return this.save(files);
    });
  }

  private neighbourFile(format: 'csv' | 'md'): Promise<ExportedFile> {
    const word = this.ctx.query();
    if (!word) throw new Error('search a word first');
    return this.api.exportNeighbors({ word, format, k: this.k() });
  }

  /** The neighbour count shown in the sidebar (the k field), default 10. */
  private k(): number {
    const v = Number((document.getElementById('k') as HTMLInputElement | null)?.value);
    return Number.isInteger(v) && v >= 1 && v <= 1000 ? v : 10;
  }

  private exportNeighbours(format: 'csv' | 'md'): Promise<void> {
    return this.run('Exporting the neighbour table', async () => this.save([await this.neighbourFile(format)]));
  }

  private copyNeighbours(): Promise<void> {
    return this.run('Copying', async () => {
      const file = await this.neighbourFile('md');
      await navigator.clipboard.writeText(file.content);
      return 'Neighbour table copied as Markdown.';
    });
  }

  private exportPng(): Promise<void> {
    return this.run('Rendering the picture', async () => {
      const query = this.ctx.query();
      const model = (await this.api.status()).activeModel ?? '';
      const style = getComputedStyle(document.documentElement);
      const accent = style.getPropertyValue('--accent').trim() || '#ffb547';
      const point = style.getPropertyValue('--scene-point').trim() || style.getPropertyValue('--text-dim').trim() || '#8593ad';
      const legend = query
        ? [
            { colour: accent, text: `${query} and its nearest neighbours` },
            { colour: point, text: 'other words' },
          ]
        : [];
      // The vocabulary legend over the map (labels shown, in its colours) goes into the picture too.
      const vocab = this.ctx.stage.querySelector<HTMLElement>('.label-legend');
      if (vocab && !vocab.hidden) {
        for (const item of vocab.querySelectorAll<HTMLElement>('.legend-item[aria-pressed="true"]')) {
          const swatch = item.querySelector<HTMLElement>('.legend-swatch');
          const text = item.querySelector('.legend-label')?.textContent;
          if (swatch && text) legend.push({ colour: getComputedStyle(swatch).backgroundColor, text });
        }
      }
      // Cluster names (ui/cluster-panel.ts) join the legend when nothing else claims it.
      if (!legend.length) legend.push(...clusterLegend(28));
      const { blob, width, height } = await snapshotPng(this.ctx.scene, this.ctx.stage, {
        scale: Number(this.scale.value),
        transparent: this.background.value === 'transparent',
        caption: query ? `${model} · query: ${query}` : model,
        legend,
      });
      const name = `${model || 'map'}${query ? `-${query}` : ''}-${width}x${height}.png`.replace(/[^\p{L}\p{N}_.-]+/gu, '_');
      download(name, 'image/png', blob);
      return `Exported ${name}.`;
    });
  }
}
