import { el, formatCount } from './format';
import { labelColour } from './label-palette';

export interface LegendEntry {
  label: string;
  count: number;
}

/**
 * Legend of a labelled vocabulary over the map: one swatch per label (palette order), each a
 * toggle button. Labels past the palette share the fallback colour and say so.
 */
export class LabelLegend {
  readonly root = el('div', 'label-legend');
  private hidden = new Set<string>();

  constructor(
    container: HTMLElement,
    private readonly changed: (hidden: ReadonlySet<string>) => void,
    private readonly closed: () => void,
  ) {
    this.root.hidden = true;
    this.root.setAttribute('aria-label', 'Labels');
    container.append(this.root);
  }

  show(title: string, entries: LegendEntry[]): void {
    this.hidden = new Set();
    const head = el('div', 'legend-title', title);
    const close = el('button', 'legend-close', '×');
    close.type = 'button';
    close.title = 'Remove the label colours';
    close.setAttribute('aria-label', 'Remove the label colours');
    close.addEventListener('click', () => this.closed());
    head.append(close);
    const list = el('ul', 'legend-list');
    entries.forEach((e, i) => {
      const item = el('li');
      const b = el('button', 'legend-item');
      b.type = 'button';
      b.dataset.label = e.label;
      b.setAttribute('aria-pressed', 'true');
      b.title = i >= 20 ? 'More than 20 labels: this one shares the fallback colour' : `Show or hide “${e.label}”`;
      const swatch = el('span', 'legend-swatch');
      swatch.style.background = labelColour(i);
      b.append(swatch, el('span', 'legend-label', e.label), el('span', 'legend-count', formatCount(e.count)));
      b.addEventListener('click', () => {
        const off = !this.hidden.has(e.label);
        if (off) this.hidden.add(e.label);
        else this.hidden.delete(e.label);
        b.setAttribute('aria-pressed', String(!off));
        this.changed(this.hidden);
      });
      item.append(b);
      list.append(item);
    });
    this.root.replaceChildren(head, list);
    this.root.hidden = entries.length === 0;
  }

  hide(): void {
    this.root.hidden = true;
    this.root.replaceChildren();
    this.hidden = new Set();
  }
}
