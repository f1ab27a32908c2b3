import type { ExplorerApi } from '../../../common/contract/contract';
import { el } from '../ui/format';
import type { TokenLens } from '../ui/token-lens';
import { TourCard, type TourCardStep } from '../ui/tour';
import type { VectorStrip } from '../ui/vector-strip';
import type { ClusterController } from './cluster-controller';
import type { MapController } from './map-controller';
import type { SearchController } from './search-controller';

/** What the tour moves: the real scene and the real panels. */
export interface TourParts {
  api: ExplorerApi;
  map: MapController;
  search: SearchController;
  clusters: ClusterController;
  tokens: TokenLens;
  vectors: VectorStrip;
}

interface Step extends TourCardStep {
  /** Puts the scene and panels in this step's state. */
  enter(): Promise<void>;
  tryIt(): Promise<void>;
}

const STORE_KEY = 'embedding-explorer.tour';
/** The analogy step's query, typed into the search box as a user would. */
const ANALOGY = 'king - man + woman';

interface Saved {
  offered: boolean;
  /** Step to resume at, or null once finished. */
  step: string | null;
}

/**
 * The six-step guided tour: words as points; virtue beside morality; walked beside walking and
 * one past-tense direction across verbs; king − man + woman (only when the search box takes
 * expressions; skipped until then); how a tokenizer splits words; clusters as landmarks. Offered
 * once on first start, left and resumed at any step, reopened from Help.
 */
export class TourController {
  private readonly card: TourCard;
  private steps: Step[] = [];
  private at = 0;

  constructor(
    private readonly parts: TourParts,
    stage: HTMLElement,
  ) {
    this.card = new TourCard(stage, {
      back: () => void this.go(this.at - 1),
      next: () => (this.card.offering ? void this.start() : void this.go(this.at + 1)),
      tryIt: () => (this.card.offering ? this.leave() : void this.steps[this.at]?.tryIt()),
      leave: () => this.leave(),
    });
    this.addHelp();
    // Someone who starts searching is exploring on their own: the offer steps aside (Help keeps it).
    new MutationObserver(() => this.card.offering && this.parts.map.stage.dataset.query && this.card.hide()).observe(parts.map.stage, {
      attributes: true,
      attributeFilter: ['data-query'],
    });
  }

  private get saved(): Saved {
    try {
      return { offered: false, step: null, ...(JSON.parse(localStorage.getItem(STORE_KEY) ?? '{}') as Partial<Saved>) };
    } catch {
      return { offered: false, step: null };
    }
  }

  private save(s: Saved): void {
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify(s));
    } catch {
      // Private windows may refuse storage: the tour still works, it just is offered again.
    }
  }

  /** On first start only: offers the tour once the map is there. */
  offerOnce(): void {
    if (this.saved.offered) return;
    this.save({ ...this.saved, offered: true });
    this.card.offer();
  }

  /** Starts at the saved step (or the first). */
  async start(stepId?: string): Promise<void> {
    this.steps = await this.buildSteps();
    const resume = stepId ?? this.saved.step;
    const i = this.steps.findIndex((s) => s.id === resume);
    await this.go(i >= 0 ? i : 0);
  }

  leave(): void {
    const offering = this.card.offering;
    this.card.hide();
    this.parts.map.stage.dataset.tour = 'left';
    if (!offering) this.save({ offered: true, step: this.steps[this.at]?.id ?? null });
  }

  private async go(i: number): Promise<void> {
    if (i >= this.steps.length) {
      this.card.hide();
      this.save({ offered: true, step: null });
      this.parts.map.stage.dataset.tour = 'done';
      return;
    }
    if (i < 0) return;
    this.at = i;
    const step = this.steps[i];
    this.card.show(step, i, this.steps.length);
    this.save({ offered: true, step: step.id });
    const stage = this.parts.map.stage;
    stage.dataset.tour = `${step.id}:entering`;
    await step.enter();
    await this.parts.map.settled.whenSettled();
    if (this.steps[this.at] === step) stage.dataset.tour = step.id;
  }

  /** True when the neighbour search answers an expression (issue 9); else the analogy step is skipped. */
  private async expressionsWork(): Promise<boolean> {
    try {
      const [r] = await this.parts.api.neighbors({ words: [ANALOGY], k: 5 });
      return !!r.neighbors?.length;
    } catch {
      return false;
    }
  }

  private async buildSteps(): Promise<Step[]> {
    const { map, search, clusters, tokens, vectors } = this.parts;
    const note = (text: string) => this.card.setNote(text);
    const steps: Step[] = [
      {
        id: 'points',
        title: 'Words as points',
        text: 'Each dot is one of the most frequent words, placed so that words used in similar contexts sit close together.',
        tryLabel: 'Show me one',
        enter: async () => {
          search.clear();
          map.scene.resetView();
          await Promise.resolve();
        },
        tryIt: () => search.search('paris'),
      },
      {
        id: 'virtue',
        title: 'Virtue beside morality',
        text: 'Searching virtue lights up its nearest neighbours by cosine similarity, and morality is among them.',
        tryLabel: 'Search morality',
        enter: () => search.search('virtue'),
        tryIt: () => search.search('morality'),
      },
      {
        id: 'walked',
        title: 'Walked beside walking',
        text: 'Walked sits beside walking, and the step from walking to walked points the same way for other verbs.',
        tryLabel: 'Compare their vectors',
        enter: async () => {
          await search.search('walked');
          note(await this.pastTenseNote());
        },
        tryIt: () => vectors.show('walked', 'walking'),
      },
      {
        id: 'analogy',
        title: 'king − man + woman',
        text: 'Vector arithmetic: king minus man plus woman lands near queen.',
        tryLabel: 'Try paris − france + italy',
        enter: () => search.search(ANALOGY),
        tryIt: () => search.search('paris - france + italy'),
      },
      {
        id: 'tokens',
        title: 'How a tokenizer splits words',
        text: "GPT-4o's tokenizer reads walking as one token but walked as walk + ed; colours show which words it sees whole.",
        tryLabel: 'Split “unbelievable”',
        enter: async () => {
          await search.search('walked');
          await tokens.show('walked');
          clusters.setColour(false);
          await tokens.colourBy('o200k');
        },
        tryIt: () => tokens.show('unbelievable'),
      },
      {
        id: 'clusters',
        title: 'Clusters as landmarks',
        text: 'The large names are clusters of the word vectors, each named by its most central words; click one to fly there.',
        tryLabel: 'Fly to the largest',
        enter: async () => {
          search.clear();
          await tokens.colourBy(null);
          clusters.panel.element.open = true;
          map.scene.resetView();
          await Promise.resolve();
        },
        tryIt: async () => {
          const first = clusters.clusters?.clusters[0];
          if (first) clusters.flyTo(first);
          await Promise.resolve();
        },
      },
    ];
    return (await this.expressionsWork()) ? steps : steps.filter((s) => s.id !== 'analogy');
  }

  /** Cosines between the walking→walked step and the same step for three other verbs. */
  private async pastTenseNote(): Promise<string> {
    const pairs = [
      ['walking', 'walked'],
      ['playing', 'played'],
      ['looking', 'looked'],
      ['talking', 'talked'],
    ];
    const got = await this.parts.api.vectorsOf({ words: pairs.flat() });
    if (got.missing.length) return '';
    const d = got.dims;
    const diff = (p: number) => Array.from({ length: d }, (_, j) => got.vectors[(2 * p + 1) * d + j] - got.vectors[2 * p * d + j]);
    const cos = (a: number[], b: number[]) => {
      let ab = 0;
      let aa = 0;
      let bb = 0;
      for (let j = 0; j < d; j++) {
        ab += a[j] * b[j];
        aa += a[j] * a[j];
        bb += b[j] * b[j];
      }
      return ab / Math.sqrt(aa * bb);
    };
    const base = diff(0);
    const parts = pairs.slice(1).map((p, i) => `${p[0]}→${p[1]} ${cos(base, diff(i + 1)).toFixed(4)}`);
    return `Cosine of walking→walked with ${parts.join(', ')}.`;
  }

  /** Help in the sidebar header: the guided tour (resumed where it was left) and the keys. */
  private addHelp(): void {
    const brand = document.querySelector('.brand');
    if (!brand) return;
    const help = el('details', 'help-menu');
    const summary = el('summary', 'link-button help-button', 'Help');
    const tour = el('button', 'link-button', 'Guided tour');
    tour.type = 'button';
    tour.id = 'help-tour';
    tour.addEventListener('click', () => {
      help.open = false;
      void this.start();
    });
    help.append(summary, tour, el('p', 'caption', '/ search · ↑↓ neighbours · Esc clear · double-click resets the view'));
    brand.append(help);
  }
}
