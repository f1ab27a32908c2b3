import type { ExplorerApi, NeighborsResult } from '../../../common/contract/contract';
import { ApiError } from '../api/client';
import { el } from '../ui/format';
import { NeighbourList } from '../ui/neighbour-list';
import { SearchBox } from '../ui/search-box';
import { Latest } from './latest';
import type { MapController } from './map-controller';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Neighbour count when no vocabulary filter asks for more. */
const DEFAULT_K = 10;
/** With a vocabulary filter on, this many neighbours are asked for, then the vocabulary's kept. */
const FILTER_POOL = 1000;

/**
 * The neighbour query: the search box, k, the neighbour list with its "Did you mean" line, the
 * optional vocabulary filter, and the keys that walk the list (arrows) and clear it (Esc). The
 * answer to the latest search wins; the map highlights it.
 */
export class SearchController {
  private readonly input = $<HTMLInputElement>('search');
  private readonly errorLine = $<HTMLParagraphElement>('query-error');
  private readonly kInput = $<HTMLInputElement>('k');
  private readonly list = $<HTMLOListElement>('neighbours');
  private readonly neighbours: NeighbourList;
  private readonly box: SearchBox;
  private readonly latest = new Latest();
  private current: string | null = null;
  private filter: ReadonlySet<string> | null = null;

  constructor(
    private readonly api: ExplorerApi,
    private readonly map: MapController,
  ) {
    this.neighbours = new NeighbourList(this.list, $('neighbours-caption'), (w) => void this.search(w));
    this.box = new SearchBox(
      this.input,
      $<HTMLUListElement>('search-suggestions'),
      api,
      (w) => void this.search(w),
      () => this.clear(),
    );
    this.kInput.addEventListener('change', () => this.current && void this.search(this.current));
    document
      .querySelectorAll<HTMLButtonElement>('[data-example]')
      .forEach((b) => b.addEventListener('click', () => void this.search(b.dataset.example!)));
    this.bindKeys();
  }

  /** The word whose neighbours are listed, or null. */
  get query(): string | null {
    return this.current;
  }

  /** Restricts the list to these model words (null: no restriction) and re-runs the query. */
  setFilter(words: ReadonlySet<string> | null): void {
    this.filter = words;
    if (this.current) void this.search(this.current);
  }

  focus(): void {
    this.input.focus();
  }

  private k(): number {
    const v = Math.round(Number(this.kInput.value));
    return Number.isFinite(v) ? Math.min(100, Math.max(5, v)) : DEFAULT_K;
  }

  async search(word: string): Promise<void> {
    const signal = this.latest.begin();
    this.box.value = word;
    this.errorLine.hidden = true;
    const filter = this.filter;
    try {
      const [result]: NeighborsResult[] = await this.api.neighbors({ words: [word], k: filter ? FILTER_POOL : this.k() });
      if (filter && result.neighbors) result.neighbors = result.neighbors.filter((n) => filter.has(n.word)).slice(0, this.k());
      if (signal.aborted) return;
      if (result.error) {
        this.neighbours.clear();
        this.showError(result.error.message, result.error.suggestions);
        return;
      }
      this.current = result.matched ?? word;
      this.neighbours.show(result);
      this.map.showNeighbours(result);
    } catch (e) {
      if (!signal.aborted) this.showError(e instanceof ApiError ? e.message : `Search failed: ${(e as Error).message}`);
    }
  }

  clear(): void {
    this.current = null;
    this.latest.cancel();
    this.neighbours.clear();
    this.errorLine.hidden = true;
    this.map.clearQuery();
  }

  private showError(message: string, suggestions: string[] = []): void {
    this.errorLine.replaceChildren(el('span', undefined, message.replace(/ Did you mean:.*$/, '')));
    if (suggestions.length) {
      this.errorLine.append(' Did you mean ');
      suggestions.forEach((s, i) => {
        const b = el('button', undefined, s);
        b.type = 'button';
        b.addEventListener('click', () => void this.search(s));
        this.errorLine.append(b, i < suggestions.length - 1 ? ', ' : '?');
      });
    }
    this.errorLine.hidden = false;
  }

  /** Keyboard: arrows walk the neighbour list (the map follows), Esc clears the query. */
  private bindKeys(): void {
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' && this.input.getAttribute('aria-expanded') !== 'true') this.neighbours.focusFirst();
    });
    this.list.addEventListener('focusin', (e) => this.map.focusWord((e.target as HTMLElement).dataset.word ?? null));
    this.list.addEventListener('focusout', () => this.map.focusWord(null));
    document.addEventListener('keydown', (e) => {
      const typing =
        e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
      if (typing || e.defaultPrevented) return;
      if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !this.list.contains(document.activeElement)) {
        e.preventDefault();
        this.neighbours.focusFirst();
      } else if (e.key === 'Escape' && this.current) {
        this.input.value = '';
        this.clear();
      }
    });
  }
}
