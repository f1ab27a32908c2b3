import { el, formatCount, formatSimilarity } from './format';

/** The small card that follows the pointer over the map: the word, and its cosine to the query. */
export class HoverCard {
  private readonly card = el('div', 'hover-card');

  constructor(container: HTMLElement) {
    this.card.hidden = true;
    this.card.setAttribute('role', 'tooltip');
    container.append(this.card);
  }

  show(
    x: number,
    y: number,
    word: string,
    detail: {
      query?: string;
      similarity?: number | null;
      rank?: number;
      added?: boolean;
      label?: { label: string; colour: string } | null;
    },
  ): void {
    const lines: HTMLElement[] = [el('div', 'hover-word', word)];
    if (detail.label) {
      const row = el('div', 'hover-label');
      const swatch = el('span', 'legend-swatch');
      swatch.style.background = detail.label.colour;
      row.append(swatch, el('span', undefined, detail.label.label));
      lines.push(row);
    }
    if (detail.query && detail.similarity != null) {
      const row = el('div', 'hover-sim');
      row.append(el('span', undefined, `cosine to “${detail.query}” `), el('strong', undefined, formatSimilarity(detail.similarity)));
      lines.push(row);
    } else if (detail.query && word !== detail.query) {
      lines.push(el('div', 'hover-sim', `cosine to “${detail.query}” …`));
    }
    const meta: string[] = [];
    if (detail.rank !== undefined && detail.rank >= 0) meta.push(`frequency rank ${formatCount(detail.rank + 1)}`);
    if (detail.added) meta.push('added: not in this view');
    if (meta.length) lines.push(el('div', 'hover-meta', meta.join(' · ')));
    this.card.replaceChildren(...lines);
    this.card.hidden = false;
    const box = this.card.parentElement!.getBoundingClientRect();
    const w = this.card.offsetWidth;
    const h = this.card.offsetHeight;
    let left = x - box.left + 14;
    let top = y - box.top + 14;
    if (left + w > box.width - 8) left = x - box.left - w - 14;
    if (top + h > box.height - 8) top = y - box.top - h - 14;
    this.card.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  }

  hide(): void {
    this.card.hidden = true;
  }
}
