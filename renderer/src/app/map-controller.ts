import type { ExplorerApi, NeighborsResult } from '../../../common/contract/contract';
import type { ProjectionClient } from '../projection/projection-client';
import { SceneView } from '../scene/scene-view';
import { formatCount } from '../ui/format';
import { HoverCard } from '../ui/hover-card';
import { Latest } from './latest';
import { appendPoints, type LayoutState } from './layout-state';
import { Settled } from './settled';
import { hoverDetails, type LabelSource } from './hover-details';

export type StageState = 'empty' | 'loading' | 'projecting' | 'ready';

export interface MapHooks {
  /** A word was clicked in the map: run its neighbour query (the page's search). */
  select(word: string): void;
  /** Point count of the map, for the status line. */
  pointsChanged(text: string): void;
  /** The highlighted query changed (null: cleared), with its neighbour count. */
  queryChanged(query: { word: string; k: number } | null): void;
}

/**
 * The map on screen: the scene, which layout it shows, the highlighted query with its
 * neighbours (placed into the layout when they are not in it), the hover card, and whether the
 * whole has settled. Controllers change what the map shows only through this class.
 */
export class MapController {
  readonly scene: SceneView;
  readonly settled: Settled;
  private layout: LayoutState | null = null;
  private query: { word: string; result: NeighborsResult } | null = null;
  private readonly hover: HoverCard;
  private readonly placing = new Latest();
  private labelSource: LabelSource | null = null;

  constructor(
    private readonly api: ExplorerApi,
    private readonly projection: ProjectionClient,
    readonly stage: HTMLElement,
    private readonly hooks: MapHooks,
  ) {
    this.settled = new Settled(stage);
    this.scene = new SceneView(stage, {
      hover: (i, x, y) => this.onHover(i, x, y),
      pick: (i) => this.layout && this.hooks.select(this.layout.words[i]),
      activity: (busy) => this.settled.sceneActivity(busy),
    });
    this.hover = new HoverCard(stage);
    this.setState('empty');
  }

  /** The layout on screen (saved points plus any placed since), or null before the first one. */
  get current(): Readonly<LayoutState> | null {
    return this.layout;
  }

  get state(): StageState {
    return this.stage.dataset.state as StageState;
  }

  setState(state: StageState): void {
    this.stage.dataset.state = state;
  }

  /** Text in the middle of the stage while there is no map (first start, failures). */
  showMessage(text: string): void {
    const node = this.stage.querySelector('#stage-message');
    if (node) node.textContent = text;
  }

  /** Vocabulary label of a word, for the hover card (null: no labels shown). */
  setLabelSource(source: LabelSource | null): void {
    this.labelSource = source;
  }

  /** Shows a new layout, keeping the query highlighted in it. */
  show(layout: LayoutState): void {
    this.layout = layout;
    this.placing.cancel();
    this.scene.setLayout(layout.words, layout.coords, layout.ranks, layout.added);
    this.setProjectionId(layout.id);
    this.hooks.pointsChanged(`${formatCount(layout.words.length)} points`);
    this.applyHighlight(false);
  }

  /** Same words as on screen, new positions (a streamed layout). */
  moveTo(coords: Float32Array): void {
    if (!this.layout) return;
    this.layout.coords = coords;
    this.scene.updateLayout(coords);
  }

  /** Replaces the layout on screen by one with the same words, without rebuilding the scene. */
  replace(layout: LayoutState): void {
    this.layout = layout;
    this.placing.cancel();
    this.scene.updateLayout(layout.coords);
  }

  /** Vectors and ranks arrived for the layout on screen: hover similarities and label order use them. */
  enrich(layout: LayoutState, got: { vectors: Float32Array; dims: number; ranks: Int32Array }): void {
    if (this.layout !== layout) return;
    layout.vectors = got.vectors;
    layout.dims = got.dims;
    layout.ranks = got.ranks;
    this.scene.setLayout(layout.words, layout.coords, layout.ranks, layout.added);
    this.applyHighlight(false);
  }

  setProjectionId(id: number | undefined): void {
    if (this.layout) this.layout.id = id;
    this.stage.dataset.projectionId = id ? String(id) : '';
  }

  /** The page's neighbour query answered: highlight it, place missing neighbours, fly there. */
  showNeighbours(result: NeighborsResult): void {
    const word = result.matched ?? result.query;
    this.query = { word, result };
    this.stage.dataset.query = word;
    this.hooks.queryChanged({ word, k: result.neighbors?.length ?? 10 });
    this.applyHighlight(true);
    void this.settled.track(this.placeMissing());
  }

  clearQuery(): void {
    this.query = null;
    delete this.stage.dataset.query;
    this.hooks.queryChanged(null);
    this.scene.setHighlight(-1, []);
    this.hover.hide();
  }

  /** Frames the query and its neighbours, if any are on the map. */
  flyToQuery(): void {
    this.applyHighlight(true);
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
    if (!layout || !query || this.state !== 'ready') return;
    const wanted = [query.word, ...(query.result.neighbors ?? []).map((n) => n.word)];
    const missing = wanted.filter((w) => !layout.index.has(w));
    if (!missing.length) return;
    const signal = this.placing.begin();
    try {
      const placed = await this.projection.place(
        missing,
        { words: layout.words, coords: layout.coords, vectors: layout.vectors, dims: layout.dims, model: layout.model },
        layout.params,
      );
      if (signal.aborted || !placed.words.length) return;
      const rankOf = new Map((query.result.neighbors ?? []).map((n) => [n.word, n.rank]));
      const got = await this.api.vectorsOf({ words: placed.words, model: layout.model });
      if (signal.aborted) return;
      const ranks = placed.words.map((w) => rankOf.get(w) ?? 1e6);
      const next = appendPoints(
        layout,
        placed.words,
        placed.coords,
        ranks,
        got.words.length === placed.words.length ? got.vectors : undefined,
      );
      this.layout = next;
      this.scene.setLayout(next.words, next.coords, next.ranks, next.added);
      // Placed points pile up over searches; the caption counts all of them, apart from the layout's own.
      const added = next.added.reduce((sum, a) => sum + a, 0);
      this.hooks.pointsChanged(`${formatCount(next.words.length - added)} points + ${formatCount(added)} added`);
      this.applyHighlight(true);
    } catch {
      // Placement is an extra; the list still shows every neighbour.
    }
  }

  private onHover(i: number, x: number, y: number): void {
    const layout = this.layout;
    if (i < 0 || !layout) return this.hover.hide();
    const word = layout.words[i];
    this.hover.show(x, y, word, hoverDetails(layout, i, this.query, this.labelSource));
  }
}
