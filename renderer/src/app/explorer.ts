import {
  defaultUmapParams,
  type ExplorerApi,
  type NeighborsResult,
  type Projection,
  type UmapParams,
  VIEW_TOP,
  type ViewData,
  type ViewSpec,
} from '../../../common/contract/contract';
import { ProjectionCancelled, ProjectionClient } from '../projection/projection-client';
import { SceneView } from '../scene/scene-view';
import { formatCount } from '../ui/format';
import { HoverCard } from '../ui/hover-card';
import type { ProjectionPanel } from '../ui/projection-panel';
import type { SavedProjections } from '../ui/saved-projections';
import { appendPoints, describeView, type LayoutState, makeLayout, similarity } from './layout-state';

export interface ExplorerHooks {
  /** A word was clicked in the map: run its neighbour query (the page's search). */
  select(word: string): void;
  /** Point count and what the map shows, for the status line. */
  layoutChanged(text: string): void;
}

type StageState = 'empty' | 'loading' | 'projecting' | 'ready';

/**
 * Glue between the contract, the projection engine and the scene: which layout is on screen,
 * which query is highlighted, start-up (reopen the last projection, or compute the default one),
 * runs with streamed layouts, and neighbours placed into the layout when they are not in it.
 */
export class Explorer {
  readonly scene: SceneView;
  readonly projection = new ProjectionClient();
  private layout: LayoutState | null = null;
  private query: { word: string; result: NeighborsResult } | null = null;
  private readonly hover: HoverCard;
  private panel?: ProjectionPanel;
  private saved?: SavedProjections;
  private placeSeq = 0;
  /** Vocabulary label of a word on the map, for the hover card (set by the vocabularies panel). */
  labelOf: ((word: string) => { label: string; colour: string } | null) | null = null;
  private vectorsSeq = 0;

  constructor(
    private readonly api: ExplorerApi,
    private readonly stage: HTMLElement,
    private readonly hooks: ExplorerHooks,
  ) {
    this.scene = new SceneView(stage, {
      hover: (i, x, y) => this.onHover(i, x, y),
      pick: (i) => this.layout && this.hooks.select(this.layout.words[i]),
    });
    this.hover = new HoverCard(stage);
    this.setState('empty');
  }

  attach(panel: ProjectionPanel, saved: SavedProjections): void {
    this.panel = panel;
    this.saved = saved;
  }

  /** Text in the middle of the stage while there is no map (first start, failures). */
  showMessage(text: string): void {
    const node = this.stage.querySelector('#stage-message');
    if (node) node.textContent = text;
  }

  private setState(state: StageState): void {
    this.stage.dataset.state = state;
  }

  /** First screen: the last saved projection at once, else the default view computed and saved. */
  async start(): Promise<void> {
    this.setState('loading');
    const last = await this.api.getProjection({ id: 'latest' });
    void this.refreshSaved();
    if (last) this.showProjection(last);
    else await this.run({ kind: 'top', top: VIEW_TOP.default }, null);
  }

  async open(id: number): Promise<void> {
    const p = await this.api.getProjection({ id });
    if (p) {
      this.showProjection(p);
      void this.refreshSaved();
    }
  }

  private showProjection(p: Projection): void {
    // Saved projections hold words and coordinates; ranks and vectors follow in the background.
    const ranks = Int32Array.from(p.words.keys());
    this.setLayout(
      makeLayout({ model: p.model, view: p.view, params: p.params, words: p.words, coords: p.coords, ranks, id: p.id }),
      p.name,
    );
    this.scene.resetView();
    this.setState('ready');
    void this.loadVectors();
  }

  private setLayout(layout: LayoutState, name?: string): void {
    this.layout = layout;
    this.scene.setLayout(layout.words, layout.coords, layout.ranks, layout.added);
    this.stage.dataset.projectionId = layout.id ? String(layout.id) : '';
    this.panel?.showParams(layout.view, layout.params);
    this.panel?.setCaption(name ?? describeView(layout.view));
    this.hooks.layoutChanged(`${formatCount(layout.words.length)} points`);
    this.applyHighlight(false);
  }

  private async loadVectors(): Promise<void> {
    const layout = this.layout;
    // Above 20,000 words the vectors are tens of megabytes to decode on the page: hover then
    // shows similarities for the listed neighbours only, and labels use the saved word order.
    if (!layout || layout.vectors || layout.words.length > 20_000) return;
    const seq = ++this.vectorsSeq;
    try {
      const got = await this.api.vectorsOf({ words: layout.words, model: layout.model });
      if (seq !== this.vectorsSeq || this.layout !== layout || got.words.length !== layout.words.length) return;
      layout.vectors = got.vectors;
      layout.dims = got.dims;
      layout.ranks = got.ranks;
      this.scene.setLayout(layout.words, layout.coords, layout.ranks, layout.added);
      this.applyHighlight(false);
    } catch {
      // Hover similarities fall back to the neighbour list; nothing else depends on this.
    }
  }

  /** Runs a projection with streamed layouts; saves it when it finishes. */
  async run(view: ViewSpec, params: UmapParams | null): Promise<void> {
    const previous = this.layout;
    this.panel?.setRunning(true);
    this.setState('projecting');
    let data: ViewData;
    try {
      performance.mark('ee:run-start');
      data = await this.projection.loadView(view, { nNeighbors: params?.nNeighbors });
      performance.mark('ee:view-loaded');
      const p = params ?? defaultUmapParams(data.words.length);
      let first = true;
      const started = performance.now();
      const coords = await this.projection.run(data, p, {
        onProgress: (progress) => this.panel?.showProgress(progress),
        onLayout: (c) => {
          const t0 = performance.now();
          if (first) {
            first = false;
            this.setLayout(
              makeLayout({
                model: data.model,
                view,
                params: p,
                words: data.words,
                coords: c,
                ranks: data.ranks,
                vectors: data.vectors,
                dims: data.dims,
              }),
            );
            this.scene.resetView();
          } else if (this.layout) {
            this.layout.coords = c;
            this.scene.updateLayout(c);
          }
          performance.measure('ee:layout', { start: t0 });
        },
      });
      const ms = Math.round(performance.now() - started);
      const layout = makeLayout({
        model: data.model,
        view,
        params: p,
        words: data.words,
        coords,
        ranks: data.ranks,
        vectors: data.vectors,
        dims: data.dims,
      });
      if (first) this.setLayout(layout);
      else {
        this.layout = layout;
        this.scene.updateLayout(coords);
      }
      performance.mark('ee:layout-done');
      const summary = await this.projection.save(data, p, coords, { meta: { ms } });
      performance.mark('ee:saved');
      layout.id = summary.id;
      this.stage.dataset.projectionId = String(summary.id);
      this.panel?.setCaption(summary.name);
      this.setState('ready');
      void this.refreshSaved();
      this.applyHighlight(true);
    } catch (e) {
      if (previous) this.setLayout(previous);
      this.setState(previous ? 'ready' : 'empty');
      const cancelled = e instanceof ProjectionCancelled;
      const message = cancelled
        ? 'The projection was cancelled. Press Run to compute it again.'
        : `The projection failed: ${(e as Error).message}`;
      if (!cancelled || !previous) this.panel?.showError(message);
      if (!previous) this.showMessage(message);
    } finally {
      this.panel?.setRunning(false);
    }
  }

  cancel(): void {
    this.projection.cancel();
  }

  async refreshSaved(): Promise<void> {
    try {
      this.saved?.show(await this.api.listProjections(), this.layout?.id);
    } catch {
      // The list is a convenience; the map does not depend on it.
    }
  }

  async rename(id: number, name: string): Promise<void> {
    await this.api.renameProjection({ id, name });
    if (this.layout?.id === id) this.panel?.setCaption(name);
    await this.refreshSaved();
  }

  async remove(id: number): Promise<void> {
    await this.api.deleteProjection({ id });
    await this.refreshSaved();
  }

  /** The layout on screen (saved points plus any placed since), or null before the first one. */
  shownLayout(): Readonly<LayoutState> | null {
    return this.layout;
  }

  /** The page's neighbour query answered: highlight it, place missing neighbours, fly there. */
  showNeighbours(result: NeighborsResult): void {
    const word = result.matched ?? result.query;
    this.query = { word, result };
    this.stage.dataset.query = word;
    this.panel?.setQuery({ word, k: result.neighbors?.length ?? 10 });
    this.applyHighlight(true);
    void this.placeMissing();
  }

  clearQuery(): void {
    this.query = null;
    delete this.stage.dataset.query;
    this.panel?.setQuery(null);
    this.scene.setHighlight(-1, []);
    this.hover.hide();
  }

  /** Indices of the query and neighbours in the layout (-1 when absent). */
  private highlightIndices(): { q: number; ns: number[] } {
    if (!this.layout || !this.query) return { q: -1, ns: [] };
    const idx = this.layout.index;
    return {
      q: idx.get(this.query.word) ?? -1,
      ns: (this.query.result.neighbors ?? []).map((n) => idx.get(n.word) ?? -1).filter((i) => i >= 0),
    };
  }

  private applyHighlight(fly: boolean): void {
    const { q, ns } = this.highlightIndices();
    this.scene.setHighlight(q, ns);
    if (fly && (q >= 0 || ns.length)) this.scene.flyTo(q >= 0 ? [q, ...ns] : ns);
  }

  private async placeMissing(): Promise<void> {
    const layout = this.layout;
    const query = this.query;
    if (!layout || !query || this.stage.dataset.state !== 'ready') return;
    const wanted = [query.word, ...(query.result.neighbors ?? []).map((n) => n.word)];
    const missing = wanted.filter((w) => !layout.index.has(w));
    if (!missing.length) return;
    const seq = ++this.placeSeq;
    try {
      const placed = await this.projection.place(
        missing,
        { words: layout.words, coords: layout.coords, vectors: layout.vectors, dims: layout.dims, model: layout.model },
        layout.params,
      );
      if (seq !== this.placeSeq || this.layout !== layout || !placed.words.length) return;
      const rankOf = new Map((query.result.neighbors ?? []).map((n) => [n.word, n.rank]));
      const got = placed.words.length ? await this.api.vectorsOf({ words: placed.words, model: layout.model }) : null;
      if (seq !== this.placeSeq || this.layout !== layout) return;
      const ranks = placed.words.map((w) => rankOf.get(w) ?? 1e6);
      const next = appendPoints(
        layout,
        placed.words,
        placed.coords,
        ranks,
        got && got.words.length === placed.words.length ? got.vectors : undefined,
      );
      this.layout = next;
      this.scene.setLayout(next.words, next.coords, next.ranks, next.added);
      // Placed points pile up over searches; the caption counts all of them, apart from the layout's own.
      const added = next.added.reduce((sum, a) => sum + a, 0);
      this.hooks.layoutChanged(`${formatCount(next.words.length - added)} points + ${formatCount(added)} added`);
      this.applyHighlight(true);
    } catch {
      // Placement is an extra; the list still shows every neighbour.
    }
  }

  private onHover(i: number, x: number, y: number): void {
    const layout = this.layout;
    if (i < 0 || !layout) return this.hover.hide();
    const word = layout.words[i];
    let sim: number | null = null;
    if (this.query) {
      const n = this.query.result.neighbors?.find((m) => m.word === word);
      if (n) sim = n.similarity;
      else if (word === this.query.word) sim = 1;
      else sim = similarity(layout, i, layout.index.get(this.query.word) ?? -1);
    }
    const rank = layout.vectors ? layout.ranks[i] : undefined;
    this.hover.show(x, y, word, {
      query: this.query?.word,
      similarity: sim,
      rank,
      added: layout.added[i] === 1,
      label: this.labelOf?.(word),
    });
  }

  /** Highlights one neighbour (keyboard browsing of the list). */
  focusWord(word: string | null): void {
    const i = word && this.layout ? (this.layout.index.get(word) ?? -1) : -1;
    this.scene.setHover(i);
    const at = i >= 0 ? this.scene.screenOf(i) : null;
    if (!at) return this.hover.hide();
    // The card sits by the point, as if the pointer were there.
    const box = this.stage.getBoundingClientRect();
    this.onHover(i, box.left + at.x, box.top + at.y);
  }
}
