import type { ExplorerApi } from '../../../common/contract/contract';
import { Latest } from '../app/latest';
import { el } from './format';

/**
 * The search combobox: autocompletes from the vocabulary as you type, Enter searches, arrows
 * move through suggestions, Esc clears, "/" anywhere focuses it.
 */
export class SearchBox {
  private active = -1;
  private items: string[] = [];
  private readonly suggestions = new Latest();

  constructor(
    private readonly input: HTMLInputElement,
    private readonly list: HTMLUListElement,
    private readonly api: ExplorerApi,
    private readonly onSearch: (word: string) => void,
    private readonly onClear: () => void,
  ) {
    input.addEventListener('input', () => void this.suggest());
    input.addEventListener('keydown', (e) => this.key(e));
    input.addEventListener('blur', () => setTimeout(() => this.close(), 120));
    document.addEventListener('keydown', (e) => {
      if (e.key === '/' && document.activeElement !== input && !(e.target instanceof HTMLInputElement)) {
        e.preventDefault();
        input.focus();
        input.select();
      }
    });
  }

  set value(word: string) {
    this.input.value = word;
    this.close();
  }

  private async suggest(): Promise<void> {
    const prefix = this.input.value.trim();
    const signal = this.suggestions.begin();
    if (!prefix) return this.close();
    try {
      const { words } = await this.api.complete({ prefix, limit: 8 });
      if (signal.aborted) return; // a newer keystroke won
      this.render(words);
    } catch {
      this.close();
    }
  }

  private render(words: string[]): void {
    this.items = words;
    this.active = -1;
    this.list.replaceChildren(
      ...words.map((w, i) => {
        const li = el('li', undefined, w);
        li.id = `suggestion-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          this.choose(w);
        });
        return li;
      }),
    );
    this.list.hidden = words.length === 0;
    this.input.setAttribute('aria-expanded', String(words.length > 0));
  }

  private close(): void {
    this.list.hidden = true;
    this.items = [];
    this.active = -1;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  private highlight(i: number): void {
    this.active = i;
    this.list.querySelectorAll('li').forEach((li, j) => li.setAttribute('aria-selected', String(i === j)));
    if (i >= 0) this.input.setAttribute('aria-activedescendant', `suggestion-${i}`);
  }

  private choose(word: string): void {
    this.suggestions.cancel();
    this.value = word;
    this.onSearch(word);
  }

  private key(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' && this.items.length) {
      e.preventDefault();
      this.highlight((this.active + 1) % this.items.length);
    } else if (e.key === 'ArrowUp' && this.items.length) {
      e.preventDefault();
      this.highlight(this.active <= 0 ? this.items.length - 1 : this.active - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const word = this.active >= 0 ? this.items[this.active] : this.input.value.trim();
      if (word) this.choose(word);
    } else if (e.key === 'Escape') {
      if (!this.list.hidden) this.close();
      else {
        this.input.value = '';
        this.onClear();
      }
    }
  }
}
