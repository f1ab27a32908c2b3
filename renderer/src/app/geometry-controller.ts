import { Vector3 } from 'three';
import type { ExplorerApi, ProjectionAxis } from '../../../common/contract/contract';
import { AnalogyLayer } from '../scene/analogy-layer';
import { AxisLayer } from '../scene/axis-layer';
import { normalisation } from '../scene/layout';
import { analogyForm } from '../ui/analogy-form';
import { AxesPanel } from '../ui/axes-panel';
import { EvaluationPanel } from '../ui/evaluation-panel';
import { ExpressionHint } from '../ui/expression-hint';
import { el } from '../ui/format';
import { oddOneOut } from '../ui/odd-one-out';
import '../ui/geometry.css';
import { analogyOf } from './analogy-of';
import { type LayoutState, makeLayout } from './layout-state';
import type { MapController } from './map-controller';
import type { SearchController } from './search-controller';

const AXIS_NAMES = ['x', 'y', 'z'] as const;

/**
 * The geometry of meaning on the page: expressions in the search box (a hint as they are typed),
 * the analogy form and its arrows a→b and c→answer on the map, odd one out, semantic axes as a
 * projection, and model evaluation on a benchmark file.
 */
export class GeometryController {
  private readonly arrows = new AnalogyLayer();
  private readonly axisLayer: AxisLayer;
  private readonly axesPanel: AxesPanel;
  /** The axes projection on screen and the UMAP layout it replaced. */
  private axes: { layout: LayoutState; base: LayoutState | null } | null = null;

  constructor(
    private readonly api: ExplorerApi,
    private readonly map: MapController,
    search: SearchController,
    sidebar: HTMLElement,
    private readonly savedChanged: () => void,
  ) {
    this.axisLayer = new AxisLayer(map.stage);
    map.scene.addOverlay(this.arrows);
    map.scene.addOverlay(this.axisLayer);
    map.onHighlight = () => this.redraw();
    const hint = document.getElementById('expression-hint');
    if (hint) new ExpressionHint(document.getElementById('search') as HTMLInputElement, hint);

    const panel = el('section', 'panel geometry-panel');
    panel.setAttribute('aria-labelledby', 'geometry-title');
    const title = el('h2', 'panel-title', 'Geometry');
    title.id = 'geometry-title';
    this.axesPanel = new AxesPanel({ project: (axes) => this.projectAxes(axes), back: () => this.back() });
    const evaluation = new EvaluationPanel(api, () => map.current?.model);
    panel.append(
      title,
      el('h3', undefined, 'Analogy'),
      analogyForm({
        ask: (a, b, c) => void search.search(`${b} - ${a} + ${c}`),
        method: (m) => search.setMethod(m),
      }),
      el('h3', undefined, 'Odd one out'),
      oddOneOut({
        selection: () => this.selection(),
        run: (words) => api.doesntMatch({ words, model: map.current?.model }),
        show: (r) => map.focusWord(r.odd),
      }),
      el('h3', undefined, 'Semantic axes'),
      this.axesPanel.element,
      el('h3', undefined, 'Evaluate the model'),
      evaluation.element,
    );
    const after = sidebar.querySelector('.neighbours-panel');
    if (after) after.after(panel);
    else sidebar.append(panel);
  }

  /** The words highlighted on the map: the query and its neighbours. */
  private selection(): string[] {
    const r = this.map.queryResult;
    if (!r?.neighbors) return [];
    return [...(r.matched ? [r.matched] : []), ...r.neighbors.map((n) => n.word)];
  }

  /** Arrows for an analogy on the map; axes drop when another layout replaced theirs. */
  private redraw(): void {
    const layout = this.map.current;
    if (this.axes && layout && !this.sameAxesLayout(layout)) {
      this.axes = null;
      this.axisLayer.clear();
      this.axesPanel.left();
      delete this.map.stage.dataset.axes;
    }
    if (!this.axes && layout?.axes) {
      // A saved axes projection reopened: draw its axes (there is no UMAP layout to go back to).
      this.axes = { layout, base: null };
      this.drawAxes(layout.coords, layout.axes);
    }
    const analogy = analogyOf(this.map.queryResult);
    const at = (w: string) => this.map.scene.positionOf(layout?.index.get(w) ?? -1);
    const drawn: [Vector3, Vector3][] = [];
    if (analogy) {
      for (const [from, to] of [
        [analogy.a, analogy.b],
        [analogy.c, analogy.answer],
      ]) {
        const p = at(from);
        const q = at(to);
        if (p && q) drawn.push([p, q]);
      }
    }
    this.arrows.set(drawn);
    if (analogy && drawn.length === 2) this.map.stage.dataset.analogy = `${analogy.a}→${analogy.b} ${analogy.c}→${analogy.answer}`;
    else delete this.map.stage.dataset.analogy;
    this.map.scene.requestRender();
  }

  private sameAxesLayout(layout: LayoutState): boolean {
    const own = this.axes!.layout;
    return layout === own || (layout.view === own.view && layout.params === own.params && layout.coords.length >= own.coords.length);
  }

  /** Places every word of the map by its cosine with each axis, draws the axes, saves the projection. */
  private async projectAxes(expressions: string[]): Promise<void> {
    const current = this.map.current;
    if (!current) throw new Error('Wait for the map to open first.');
    const base = this.axes ? (this.axes.base ?? current) : current;
    const got = await this.api.axes({ axes: expressions, model: base.model });
    let vectors = base.vectors;
    let dims = base.dims ?? got.dims;
    if (!vectors || dims !== got.dims) {
      const v = await this.api.vectorsOf({ words: base.words, model: base.model });
      vectors = new Float32Array(base.words.length * v.dims);
      v.requestIndex.forEach((r, i) => vectors!.set(v.vectors.subarray(i * v.dims, (i + 1) * v.dims), r * v.dims));
      dims = v.dims;
    }
    const n = base.words.length;
    const coords = new Float32Array(n * 3);
    got.axes.forEach((_, k) => {
      const axis = got.vectors.subarray(k * dims, (k + 1) * dims);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < dims; j++) s += vectors![i * dims + j] * axis[j];
        coords[i * 3 + k] = s;
      }
    });
    const layout = makeLayout({
      model: base.model,
      view: base.view,
      params: base.params,
      words: base.words,
      coords,
      ranks: base.ranks,
      vectors,
      dims,
      axes: got.axes.map((a, k) => ({
        name: AXIS_NAMES[k],
        expression: a.expression,
        positiveLabel: a.positiveLabel,
        negativeLabel: a.negativeLabel,
      })),
    });
    this.axes = { layout, base: base.axes ? null : base };
    this.map.show(layout);
    this.map.scene.resetView();
    this.drawAxes(
      coords,
      got.axes.map((a, k) => ({
        name: AXIS_NAMES[k],
        expression: a.expression,
        positiveLabel: a.positiveLabel,
        negativeLabel: a.negativeLabel,
      })),
    );
    const provenance = got.axes.map((a, k) => ({
      name: AXIS_NAMES[k],
      expression: a.expression,
      positiveLabel: a.positiveLabel,
      negativeLabel: a.negativeLabel,
    }));
    const name = `Axes ${provenance.map((a) => `${a.name} = ${a.expression}`).join(', ')} (${n.toLocaleString('en-US')} words)`;
    const summary = await this.api.saveProjection({
      view: base.view,
      params: base.params,
      words: base.words,
      coords,
      model: base.model,
      name,
      axes: provenance,
    });
    if (this.axes?.layout === layout) this.map.setProjectionId(summary.id);
    this.savedChanged();
  }

  private drawAxes(coords: Float32Array, axes: ProjectionAxis[]): void {
    const { centre, scale } = normalisation(coords);
    const n = coords.length / 3;
    const lines = axes.map((a, k) => {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < n; i++) {
        lo = Math.min(lo, coords[i * 3 + k]);
        hi = Math.max(hi, coords[i * 3 + k]);
      }
      const end = (v: number) => {
        const p = [0, 0, 0].map((_, d) => (d === k ? (v - centre[d]) * scale : 0));
        return new Vector3(p[0], p[1], p[2]);
      };
      return { name: a.name, from: end(lo), to: end(hi), negativeLabel: a.negativeLabel, positiveLabel: a.positiveLabel };
    });
    this.axisLayer.set(lines);
    this.map.stage.dataset.axes = axes.map((a) => `${a.name}:${a.expression}`).join('|');
    this.map.scene.requestRender();
  }

  private back(): void {
    const base = this.axes?.base;
    this.axes = null;
    this.axisLayer.clear();
    delete this.map.stage.dataset.axes;
    if (base) this.map.show(base);
    else this.axesPanel.left();
  }
}
