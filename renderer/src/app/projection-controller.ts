import {
  defaultUmapParams,
  type ExplorerApi,
  type Projection,
  type UmapEngine,
  type UmapParams,
  VIEW_TOP,
  type ViewData,
  type ViewSpec,
} from '../../../common/contract/contract';
import { ProjectionCancelled, type ProjectionClient } from '../projection/projection-client';
import { ProjectionPanel } from '../ui/projection-panel';
import { Latest } from './latest';
import { describeView, type LayoutState, makeLayout } from './layout-state';
import type { MapController } from './map-controller';

/** The run time a saved projection recorded: `ms` from the page, `seconds` from the CLI; null if neither. */
function runMs(meta: Record<string, unknown>): number | null {
  if (typeof meta.ms === 'number' && Number.isFinite(meta.ms)) return meta.ms;
  if (typeof meta.seconds === 'number' && Number.isFinite(meta.seconds)) return meta.seconds * 1000;
  return null;
}

/**
 * Projection runs and what the map shows: start-up (reopen the last projection, or compute the
 * default one), runs with streamed layouts saved when they finish, Cancel, and showing a saved
 * projection (its vectors follow in the background). Drives the Projection panel.
 */
export class ProjectionController {
  readonly panel: ProjectionPanel;
  private readonly vectors = new Latest();
  /** Run time and engine of the layout on screen, as the panel shows them. */
  private timing: { ms: number | null; engine?: UmapEngine } = { ms: null };

  constructor(
    private readonly api: ExplorerApi,
    private readonly projection: ProjectionClient,
    private readonly map: MapController,
    /** Called at start-up and after a run saved a projection (the saved list follows). */
    private readonly savedChanged: () => void,
  ) {
    this.panel = new ProjectionPanel({ run: (view, params) => void this.run(view, params), cancel: () => this.cancel() });
  }

  /** First screen: the last saved projection at once, else the default view computed and saved. */
  async start(): Promise<void> {
    this.map.setState('loading');
    const last = await this.api.getProjection({ id: 'latest' });
    this.savedChanged();
    if (last) this.show(last);
    else await this.run({ kind: 'top', top: VIEW_TOP.default }, null);
  }

  /** Shows a saved projection: words and coordinates at once, ranks and vectors in the background. */
  show(p: Projection): void {
    const ranks = Int32Array.from(p.words.keys());
    this.showLayout(
      makeLayout({ model: p.model, view: p.view, params: p.params, words: p.words, coords: p.coords, ranks, id: p.id }),
      p.name,
    );
    this.showTiming({ ms: runMs(p.meta), engine: p.params.engine });
    this.map.scene.resetView();
    this.map.setState('ready');
    void this.map.settled.track(this.loadVectors());
  }

  /** The caption of the projection on screen (after a rename, say). */
  setCaption(name: string): void {
    this.panel.setCaption(name);
  }

  private showTiming(timing: { ms: number | null; engine?: UmapEngine }): void {
    this.timing = timing;
    this.panel.showTiming(timing.ms, timing.engine);
  }

  private showLayout(layout: LayoutState, name?: string): void {
    this.map.show(layout);
    this.panel.showParams(layout.view, layout.params);
    this.panel.setCaption(name ?? describeView(layout.view));
  }

  private async loadVectors(): Promise<void> {
    const layout = this.map.current as LayoutState | null;
    // Above 20,000 words the vectors are tens of megabytes to decode on the page: hover then
    // shows similarities for the listed neighbours only, and labels use the saved word order.
    if (!layout || layout.vectors || layout.words.length > 20_000) return;
    const signal = this.vectors.begin();
    try {
      const got = await this.api.vectorsOf({ words: layout.words, model: layout.model });
      if (signal.aborted || got.words.length !== layout.words.length) return;
      this.map.enrich(layout, got);
    } catch {
      // Hover similarities fall back to the neighbour list; nothing else depends on this.
    }
  }

  /** Runs a projection with streamed layouts; saves it when it finishes. */
  run(view: ViewSpec, params: UmapParams | null): Promise<void> {
    return this.map.settled.track(this.runTracked(view, params));
  }

  private async runTracked(view: ViewSpec, params: UmapParams | null): Promise<void> {
    const previous = this.map.current as LayoutState | null;
    const previousTiming = this.timing;
    this.panel.showTiming(null);
    this.panel.setRunning(true);
    this.map.setState('projecting');
    let data: ViewData;
    try {
      performance.mark('ee:run-start');
      data = await this.projection.loadView(view, { nNeighbors: params?.nNeighbors });
      performance.mark('ee:view-loaded');
      const p = params ?? defaultUmapParams(data.words.length);
      const layoutOf = (coords: Float32Array) =>
        makeLayout({
          model: data.model,
          view,
          params: p,
          words: data.words,
          coords,
          ranks: data.ranks,
          vectors: data.vectors,
          dims: data.dims,
        });
      let first = true;
      const started = performance.now();
      const coords = await this.projection.run(data, p, {
        onProgress: (progress) => this.panel.showProgress(progress),
        onLayout: (c) => {
          const t0 = performance.now();
          if (first) {
            first = false;
            this.showLayout(layoutOf(c));
            this.map.scene.resetView();
          } else this.map.moveTo(c);
          performance.measure('ee:layout', { start: t0 });
        },
      });
      const ms = Math.round(performance.now() - started);
      const layout = layoutOf(coords);
      if (first) this.showLayout(layout);
      else this.map.replace(layout);
      performance.mark('ee:layout-done');
      const summary = await this.projection.save(data, p, coords, { meta: { ms, engine: p.engine ?? 'builtin' } });
      performance.mark('ee:saved');
      this.map.setProjectionId(summary.id);
      this.panel.setCaption(summary.name);
      this.showTiming({ ms, engine: p.engine });
      this.map.setState('ready');
      this.savedChanged();
      this.map.flyToQuery();
    } catch (e) {
      if (previous) {
        this.showLayout(previous);
        this.showTiming(previousTiming);
      }
      this.map.setState(previous ? 'ready' : 'empty');
      const cancelled = e instanceof ProjectionCancelled;
      const message = cancelled
        ? 'The projection was cancelled. Press Run to compute it again.'
        : `The projection failed: ${(e as Error).message}`;
      if (!cancelled || !previous) this.panel.showError(message);
      if (!previous) this.map.showMessage(message);
    } finally {
      this.panel.setRunning(false);
    }
  }

  cancel(): void {
    this.projection.cancel();
  }
}
