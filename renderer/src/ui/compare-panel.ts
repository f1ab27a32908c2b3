import {
  COMPARE_TOP,
  type CompareModelsResult,
  type CompareWord,
  type ExplorerApi,
  type ModelInfo,
} from '../../../common/contract/contract';
import { el, formatCount, formatSimilarity } from './format';
import './train.css';

/** What the panel needs from the map. */
export interface CompareTarget {
  /** The words of the map on screen (empty before the first layout). */
  mapWords(): string[];
  /** Colours the map by overlap (null: back to normal). */
  colour(scores: Map<string, number> | null): void;
}

type SortKey = 'jaccard' | 'word';

/**
 * Compare models: the active model against another one, over the words both know. A word's
 * two neighbour lists side by side (neighbours in both marked), the words whose neighbourhoods
 * differ most (sortable), and the map coloured by each word's overlap (Jaccard of the top-k).
 */
export class ComparePanel {
  readonly root = el('section', 'panel library-panel compare-panel');
  private readonly other = el('select');
  private readonly wordInput = el('input');
  private readonly lists = el('div', 'compare-lists');
  private readonly table = el('table', 'compare-table');
  private readonly scroll = el('div', 'compare-scroll');
  private readonly message = el('p', 'caption');
  private readonly scale = el('div');
  private active: string | null = null;
  private rows: CompareWord[] = [];
  private sort: { key: SortKey; asc: boolean } = { key: 'jaccard', asc: true };
  private colouredBy: string | null = null;

  constructor(
    private readonly api: ExplorerApi,
    container: HTMLElement,
    private readonly target: CompareTarget,
  ) {
    this.root.id = 'compare-panel';
    const details = el('details', 'library-details');
    const title = el('summary', 'panel-title', 'Compare models');
    this.other.setAttribute('aria-label', 'Model to compare with');
    this.other.id = 'compare-model';
    this.wordInput.placeholder = 'a word';
    this.wordInput.id = 'compare-word';
    this.wordInput.setAttribute('aria-label', 'Word to compare');
    const go = el('button', 'primary-button', 'Compare');
    go.type = 'submit';
    const form = el('form', 'compare-row');
    form.append(this.wordInput, go);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.compareWord(this.wordInput.value.trim());
    });
    const actions = el('div', 'library-actions');
    const differ = el('button', 'link-button', 'Words that differ most');
    differ.type = 'button';
    differ.addEventListener('click', () => void this.differences());
    const paint = el('button', 'link-button', 'Colour map by overlap');
    paint.type = 'button';
    paint.addEventListener('click', () => void this.paint());
    const clear = el('button', 'link-button', 'Clear colours');
    clear.type = 'button';
    clear.addEventListener('click', () => this.clearColours());
    actions.append(differ, paint, clear);
    this.scale.hidden = true;
    const bar = el('div', 'overlap-scale');
    const ends = el('div', 'library-row caption');
    ends.append(el('span', undefined, 'differ (0)'), el('span', undefined, 'agree (1)'));
    ends.style.justifyContent = 'space-between';
    this.scale.append(bar, ends);
    this.scroll.append(this.table);
    const row = el('div', 'compare-row');
    row.append(el('span', 'caption', 'with'), this.other);
    details.append(title, row, form, this.lists, actions, this.scale, this.message, this.scroll);
    this.root.append(details);
    container.append(this.root);
  }

  /** The stored models and the active one (the left side of every comparison). */
  showModels(models: ModelInfo[], active: string | null): void {
    if (active !== this.active) this.clearColours();
    this.active = active;
    const keep = this.other.value;
    const others = models.filter((m) => m.name !== active);
    this.other.replaceChildren(...others.map((m) => new Option(`${m.name} (${formatCount(m.words)} words)`, m.name)));
    if (others.some((m) => m.name === keep)) this.other.value = keep;
    this.other.disabled = others.length === 0;
  }

  /** The page's query word, offered as the word to compare. */
  setWord(word: string): void {
    if (!this.wordInput.value || document.activeElement !== this.wordInput) this.wordInput.value = word;
  }

  private pair(): { a: string; b: string } | null {
    if (!this.active || !this.other.value) {
      this.message.textContent = 'Import or train a second model to compare with.';
      return null;
    }
    return { a: this.active, b: this.other.value };
  }

  private async call(req: { words?: string[]; top?: number }): Promise<CompareModelsResult | null> {
    const pair = this.pair();
    if (!pair) return null;
    this.message.textContent = 'Comparing…';
    try {
      const r = await this.api.compareModels({ ...pair, ...req, k: 10 });
      this.message.textContent = '';
      return r;
    } catch (e) {
      this.message.textContent = (e as Error).message;
      return null;
    }
  }

  private async compareWord(word: string): Promise<void> {
    if (!word) return;
    const r = await this.call({ words: [word] });
    if (!r) return;
    if (r.words.length === 0) {
      this.lists.replaceChildren();
      this.message.textContent = `"${word}" is not in both ${r.a} and ${r.b}.`;
      return;
    }
    this.showLists(r.a, r.b, r.words[0]);
  }

  private showLists(a: string, b: string, w: CompareWord): void {
    const both = new Set(w.a.filter((x) => w.b.includes(x)));
    const column = (model: string, words: string[]) => {
      const col = el('div');
      col.dataset.model = model;
      const head = el('h4', undefined, model);
      head.title = model;
      const ol = el('ol');
      for (const x of words) ol.append(el('li', both.has(x) ? 'both' : undefined, x));
      col.append(head, ol);
      return col;
    };
    const caption = el('p', 'caption', `${w.word}: overlap ${formatSimilarity(w.jaccard)} (${both.size} of 10 in both, highlighted)`);
    caption.style.gridColumn = '1 / -1';
    this.lists.replaceChildren(caption, column(a, w.a), column(b, w.b));
  }

  private async differences(): Promise<void> {
    const r = await this.call({ top: COMPARE_TOP.default });
    if (!r) return;
    this.rows = r.words;
    this.message.textContent = `${formatCount(r.words.length)} most frequent of ${formatCount(r.shared)} shared words; mean overlap ${formatSimilarity(r.meanJaccard)}.`;
    this.renderTable(r.a, r.b);
  }

  private renderTable(a: string, b: string): void {
    const { key, asc } = this.sort;
    const rows = [...this.rows].sort((x, y) => {
      const d = key === 'word' ? x.word.localeCompare(y.word) : x.jaccard - y.jaccard;
      return asc ? d : -d;
    });
    const head = el('tr');
    for (const [k, text] of [
      ['word', 'Word'],
      ['jaccard', 'Overlap'],
    ] as const) {
      const th = el('th', undefined, `${text}${key === k ? (asc ? ' ▲' : ' ▼') : ''}`);
      th.tabIndex = 0;
      const toggle = () => {
        this.sort = { key: k, asc: key === k ? !asc : true };
        this.renderTable(a, b);
      };
      th.addEventListener('click', toggle);
      th.addEventListener('keydown', (e) => e.key === 'Enter' && toggle());
      head.append(th);
    }
    const body = el('tbody');
    for (const w of rows) {
      const tr = el('tr');
      tr.tabIndex = 0;
      const score = el('td', 'num', formatSimilarity(w.jaccard));
      tr.append(el('td', undefined, w.word), score);
      const show = () => this.showLists(a, b, w);
      tr.addEventListener('click', show);
      tr.addEventListener('keydown', (e) => e.key === 'Enter' && show());
      body.append(tr);
    }
    const thead = el('thead');
    thead.append(head);
    this.table.replaceChildren(thead, body);
  }

  private async paint(): Promise<void> {
    const words = this.target.mapWords().slice(0, COMPARE_TOP.max);
    if (words.length === 0) return;
    const r = await this.call({ words });
    if (!r) return;
    this.target.colour(new Map(r.words.map((w) => [w.word, w.jaccard])));
    this.colouredBy = r.b;
    this.scale.hidden = false;
    this.message.textContent = `Map coloured by overlap with ${r.b}: ${formatCount(r.words.length)} words compared, mean ${formatSimilarity(r.meanJaccard)}; grey words are not in both.`;
  }

  private clearColours(): void {
    if (this.colouredBy === null) return;
    this.colouredBy = null;
    this.scale.hidden = true;
    this.target.colour(null);
  }
}
