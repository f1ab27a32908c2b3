import type { NeighborsResult } from '../../../common/contract/contract';
import { el, formatSimilarity } from './format';

/**
 * The "Nearest neighbours" list: rank, word, cosine and a bar. Clicking or pressing Enter on a
 * row searches that word; arrow keys move between rows.
 */
export class NeighbourList {
  constructor(
    private readonly list: HTMLOListElement,
    private readonly caption: HTMLElement,
    private readonly onPick: (word: string) => void,
  ) {
    list.addEventListener('keydown', (e) => {
      const buttons = [...list.querySelectorAll('button')];
      const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const next = e.key === 'ArrowDown' ? Math.min(at + 1, buttons.length - 1) : Math.max(at - 1, 0);
        buttons[next]?.focus();
      }
    });
  }

  clear(): void {
    this.list.replaceChildren();
    this.caption.textContent = '';
  }

  show(result: NeighborsResult): void {
    const neighbours = result.neighbors ?? [];
    this.caption.textContent = `${neighbours.length} nearest to “${result.matched ?? result.query}” in ${result.model} (cosine)`;
    const max = Math.max(1e-9, ...neighbours.map((n) => n.similarity));
    this.list.replaceChildren(
      ...neighbours.map((n, i) => {
        const li = el('li');
        const button = el('button');
        button.type = 'button';
        button.dataset.word = n.word;
        button.setAttribute('aria-label', `${n.word}, similarity ${formatSimilarity(n.similarity)}`);
        const bar = el('span', 'bar');
        const fill = el('span');
        fill.style.width = `${Math.max(0, (n.similarity / max) * 100).toFixed(1)}%`;
        bar.append(fill);
        button.append(
          el('span', 'rank', String(i + 1)),
          el('span', 'word', n.word),
          el('span', 'sim', formatSimilarity(n.similarity)),
          bar,
        );
        button.addEventListener('click', () => this.onPick(n.word));
        li.append(button);
        return li;
      }),
    );
  }

  /** Moves keyboard focus into the list (for arrow-key browsing from the search box). */
  focusFirst(): void {
    this.list.querySelector('button')?.focus();
  }
}
