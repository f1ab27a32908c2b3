import type { Vocabulary } from '../../../common/contract/contract';
import { LabelLegend } from './label-legend';
import { labelColour, rgb } from './label-palette';

/** What the label colouring needs from the map. */
export interface LabelTarget {
  scene: { setTinter(tinter: ((words: string[]) => Float32Array | null) | null): void };
  setLabelSource(source: ((word: string) => { label: string; colour: string } | null) | null): void;
}

/**
 * Colours the map by the shown vocabulary's labels, with a legend whose entries toggle labels
 * on and off. Points match an entry by its text or by the model word it resolved to, so the
 * colours also show over a background view that contains the vocabulary's words.
 */
export class VocabLabels {
  private readonly legend: LabelLegend;
  private byWord = new Map<string, number>();
  private labels: string[] = [];
  private hidden: ReadonlySet<string> = new Set();

  constructor(
    private readonly target: LabelTarget,
    stage: HTMLElement,
  ) {
    this.legend = new LabelLegend(
      stage,
      (hidden) => {
        this.hidden = hidden;
        this.apply();
      },
      () => this.clear(),
    );
  }

  show(v: Vocabulary): void {
    this.labels = v.labels;
    this.byWord = new Map();
    this.hidden = new Set();
    const index = new Map(v.labels.map((l, i) => [l, i]));
    const counts = new Array<number>(v.labels.length).fill(0);
    for (const e of v.entries) {
      if (e.label === null || !e.found) continue;
      const i = index.get(e.label)!;
      counts[i]++;
      this.byWord.set(e.entry, i);
      if (e.matched && !this.byWord.has(e.matched)) this.byWord.set(e.matched, i);
    }
    if (v.labels.length === 0) return this.clear();
    this.legend.show(
      v.name,
      v.labels.map((label, i) => ({ label, count: counts[i] })),
    );
    this.target.setLabelSource((word) => {
      const i = this.byWord.get(word);
      return i === undefined ? null : { label: this.labels[i], colour: labelColour(i) };
    });
    this.apply();
  }

  clear(): void {
    this.byWord = new Map();
    this.labels = [];
    this.legend.hide();
    this.target.setLabelSource(null);
    this.target.scene.setTinter(null);
  }

  private apply(): void {
    const colours = this.labels.map((_, i) => rgb(labelColour(i)));
    this.target.scene.setTinter((words) => {
      const tints = new Float32Array(words.length * 4);
      words.forEach((w, p) => {
        const i = this.byWord.get(w);
        if (i === undefined) return;
        const [r, g, b] = colours[i];
        tints.set([r, g, b, this.hidden.has(this.labels[i]) ? 2 : 1], p * 4);
      });
      return tints;
    });
  }
}
