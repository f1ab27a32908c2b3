import { defaultEpochs, UMAP_LIMITS, type UmapEngine, type UmapParams, VIEW_TOP, type ViewSpec } from '../../../common/contract/contract';
import type { ProjectionProgress } from '../projection/projection-client';
import { formatCount } from './format';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const clampInt = (raw: string, min: number, max: number, fallback: number): number => {
  const v = Math.round(Number(raw));
  return raw.trim() !== '' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
};

/**
 * The "Projection" panel: which words (the N most frequent, or the current neighbourhood), the
 * UMAP parameters, Run, and while it runs: phase, epoch x of y, a bar and Cancel.
 */
export class ProjectionPanel {
  private readonly kind = $<HTMLSelectElement>('view-kind');
  private readonly size = $<HTMLInputElement>('view-size');
  private readonly neighbors = $<HTMLInputElement>('umap-neighbors');
  private readonly minDist = $<HTMLInputElement>('umap-min-dist');
  private readonly epochs = $<HTMLInputElement>('umap-epochs');
  private readonly seed = $<HTMLInputElement>('umap-seed');
  private readonly engine = $<HTMLSelectElement>('umap-engine');
  private readonly timing = $('projection-timing');
  private readonly run = $<HTMLButtonElement>('projection-run');
  private readonly cancel = $<HTMLButtonElement>('projection-cancel');
  private readonly progress = $('projection-progress');
  private readonly phase = $('projection-phase');
  private readonly bar = $<HTMLProgressElement>('projection-bar');
  private readonly caption = $('projection-caption');
  private readonly error = $('projection-error');
  private query: { word: string; k: number } | null = null;

  constructor(handlers: { run(view: ViewSpec, params: UmapParams): void; cancel(): void }) {
    this.run.addEventListener('click', () => {
      const view = this.view();
      if (view) handlers.run(view, this.params(view));
    });
    this.cancel.addEventListener('click', () => handlers.cancel());
    this.kind.addEventListener('change', () => this.sync());
    this.size.addEventListener('input', () => this.sync());
    this.sync();
  }

  /** The current query, for "This neighbourhood only" (null disables that choice). */
  setQuery(query: { word: string; k: number } | null): void {
    this.query = query;
    const option = this.kind.querySelector<HTMLOptionElement>('option[value="neighbourhood"]')!;
    option.disabled = !query;
    option.textContent = query ? `Neighbourhood of “${query.word}”` : 'This neighbourhood only (search first)';
    if (!query && this.kind.value === 'neighbourhood') this.kind.value = 'top';
    this.sync();
  }

  private view(): ViewSpec | null {
    if (this.kind.value === 'neighbourhood') {
      // A neighbourhood wants some context around it: at least 50 words.
      return this.query ? { kind: 'neighbourhood', query: this.query.word, k: Math.max(50, this.query.k) } : null;
    }
    return { kind: 'top', top: clampInt(this.size.value, VIEW_TOP.min, VIEW_TOP.max, VIEW_TOP.default) };
  }

  private points(view: ViewSpec): number {
    return view.kind === 'top' ? view.top : view.kind === 'neighbourhood' ? view.k + 1 : 5000;
  }

  private params(view: ViewSpec): UmapParams {
    const L = UMAP_LIMITS;
    return {
      nNeighbors: clampInt(this.neighbors.value, L.nNeighbors.min, L.nNeighbors.max, L.nNeighbors.default),
      minDist: Math.min(L.minDist.max, Math.max(L.minDist.min, Number(this.minDist.value) || 0)),
      nEpochs: clampInt(this.epochs.value, L.nEpochs.min, L.nEpochs.max, defaultEpochs(this.points(view))),
      seed: clampInt(this.seed.value, L.seed.min, L.seed.max, L.seed.default),
      // The built-in engine is the default and is left out, so such params read as before.
      ...(this.engine.value === 'umap-js' ? { engine: 'umap-js' as const } : {}),
    };
  }

  private sync(): void {
    const neighbourhood = this.kind.value === 'neighbourhood';
    this.size.hidden = neighbourhood;
    const view = this.view();
    this.epochs.placeholder = view ? `auto (${defaultEpochs(this.points(view))})` : 'auto';
  }

  /** Shows the parameters of the layout on screen (after reopening a saved one, say). */
  showParams(view: ViewSpec, params: UmapParams): void {
    if (view.kind === 'top') {
      this.kind.value = 'top';
      this.size.value = String(view.top);
    }
    this.neighbors.value = String(params.nNeighbors);
    this.minDist.value = String(params.minDist);
    this.seed.value = String(params.seed);
    this.engine.value = params.engine ?? 'builtin';
    this.epochs.value = params.nEpochs === defaultEpochs(this.points(view)) ? '' : String(params.nEpochs);
    this.sync();
  }

  /** How long the layout on screen took and which engine made it (null: not known). */
  showTiming(ms: number | null, engine: UmapEngine = 'builtin'): void {
    this.timing.hidden = ms === null;
    if (ms === null) return;
    const seconds = (ms / 1000).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    this.timing.textContent = `Laid out in ${seconds} s by the ${engine === 'umap-js' ? 'umap-js reference' : 'built-in'} engine`;
  }

  setCaption(text: string): void {
    this.caption.textContent = text;
  }

  setRunning(running: boolean): void {
    this.run.disabled = running;
    this.progress.hidden = !running;
    if (running) {
      this.error.hidden = true;
      this.phase.textContent = 'Loading the words and their neighbours…';
      this.bar.removeAttribute('value');
    }
  }

  showProgress(p: ProjectionProgress): void {
    this.phase.textContent = p.phase === 'optimise' ? `Optimising · epoch ${formatCount(p.epoch)} of ${formatCount(p.epochs)}` : p.message;
    this.bar.value = p.fraction;
  }

  showError(message: string): void {
    this.error.textContent = message;
    this.error.hidden = false;
  }
}
