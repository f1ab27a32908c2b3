/**
 * The token lens panel: how the tokenizers of today's LLMs split a word or a pasted text, side by
 * side (pieces, ids, count; for a text also words per token), and a switch that colours the map
 * by how many tokens each word costs under one tokenizer. Tokenizers run in the core and load on
 * first use, so they cost the page nothing until the lens is opened.
 */
import { type ExplorerApi, TOKENIZER_LABELS, TOKENIZERS, type TokenizedText, type TokenizerId } from '../../../common/contract/contract';
import { el, formatCount } from './format';
import { rgb } from './label-palette';

/** Colours for 1, 2, 3 and 4+ tokens (Okabe–Ito: bluish green, sky blue, orange, vermillion). */
export const TOKEN_COUNT_COLOURS = ['#009E73', '#56B4E9', '#E69F00', '#D55E00'];
const bucket = (n: number) => Math.min(4, Math.max(1, n)) - 1;

export interface TokenLensHost {
  api: ExplorerApi;
  /** Words of the map on screen (to colour by token count). */
  words(): string[] | null;
  /** Colours the map (null: stop colouring). */
  tint(tints: ((words: string[]) => Float32Array) | null): void;
}

export class TokenLens {
  readonly element: HTMLDetailsElement;
  readonly input: HTMLTextAreaElement;
  private readonly results: HTMLDivElement;
  private readonly colourSelect: HTMLSelectElement;
  private readonly legend: HTMLParagraphElement;
  private request = 0;

  constructor(
    sidebar: HTMLElement,
    private readonly host: TokenLensHost,
  ) {
    this.element = el('details', 'panel token-lens');
    this.element.id = 'token-lens';
    this.input = el('textarea');
    this.input.rows = 2;
    this.input.placeholder = 'A word, or paste a text…';
    this.input.setAttribute('aria-label', 'Word or text to tokenize');
    this.input.spellcheck = false;
    let timer = 0;
    this.input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = window.setTimeout(() => void this.refresh(), 200);
    });
    this.results = el('div', 'token-results');
    this.results.setAttribute('aria-live', 'polite');
    const row = el('label', 'token-colour');
    row.append('Colour the map by token count: ');
    this.colourSelect = el('select');
    this.colourSelect.setAttribute('aria-label', 'Colour the map by token count');
    this.colourSelect.append(new Option('off', ''), ...TOKENIZERS.map((t) => new Option(TOKENIZER_LABELS[t], t)));
    this.colourSelect.addEventListener('change', () => void this.colourBy((this.colourSelect.value || null) as TokenizerId | null));
    row.append(this.colourSelect);
    this.legend = el('p', 'caption token-legend');
    this.element.append(el('summary', 'panel-title', 'Token lens'), this.input, this.results, row, this.legend);
    sidebar.append(this.element);
  }

  /** Opens the lens on a word or text. */
  async show(text: string): Promise<void> {
    this.element.open = true;
    this.input.value = text;
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const text = this.input.value;
    const id = ++this.request;
    if (!text.trim()) {
      this.results.replaceChildren();
      return;
    }
    // A single word is encoded as typed; anything with spaces is a text, encoded whole.
    const isText = /\s/.test(text.trim());
    const word = text.trim();
    try {
      const got = isText ? await this.host.api.tokens({ text }) : await this.host.api.tokens({ words: [word, ` ${word}`] });
      if (id !== this.request) return;
      this.results.replaceChildren(...(isText ? this.renderText(text, got) : this.renderWord(got)));
      this.element.dataset.word = isText ? '' : word;
    } catch (e) {
      if (id === this.request) this.results.replaceChildren(el('p', 'query-error', (e as Error).message));
    }
  }

  private renderWord(got: TokenizedText[]): HTMLElement[] {
    const alone = got.slice(0, TOKENIZERS.length);
    const inSentence = got.slice(TOKENIZERS.length);
    return alone.map((r, i) => {
      const line = this.line(r);
      const spaced = inSentence[i];
      line.append(
        el('small', 'token-note', `in a sentence (“␣${r.word}”): ${spaced.tokens.length} token${spaced.tokens.length === 1 ? '' : 's'}`),
      );
      return line;
    });
  }

  private renderText(text: string, got: TokenizedText[]): HTMLElement[] {
    const words = text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)?.length ?? 0;
    return got.map((r) => {
      const line = this.line(r, 60);
      const ratio = r.tokens.length ? words / r.tokens.length : 0;
      line.append(el('small', 'token-note', `${formatCount(words)} words · ${ratio.toFixed(2)} words per token`));
      return line;
    });
  }

  private line(r: TokenizedText, max = 40): HTMLElement {
    const line = el('div', 'token-line');
    line.dataset.tokenizer = r.tokenizer;
    const head = el('div', 'token-head');
    head.append(
      el('span', 'token-name', TOKENIZER_LABELS[r.tokenizer]),
      el('span', 'count', `${formatCount(r.tokens.length)} token${r.tokens.length === 1 ? '' : 's'}`),
    );
    const pieces = el('div', 'token-pieces');
    for (const t of r.tokens.slice(0, max)) {
      const chip = el('span', 'token-piece');
      chip.dataset.id = String(t.id);
      chip.title = `token id ${t.id}`;
      chip.append(el('span', 'token-text', t.text.replace(/ /g, '␣').replace(/\n/g, '⏎')), el('span', 'token-id', String(t.id)));
      pieces.append(chip);
    }
    if (r.tokens.length > max) pieces.append(el('span', 'token-more', `+ ${formatCount(r.tokens.length - max)} more`));
    line.append(head, pieces);
    return line;
  }

  /** Colours the map by token count under one tokenizer (null: off). */
  async colourBy(tokenizer: TokenizerId | null): Promise<void> {
    this.colourSelect.value = tokenizer ?? '';
    const words = this.host.words();
    if (!tokenizer || !words) {
      this.legend.textContent = '';
      this.host.tint(null);
      return;
    }
    this.legend.textContent = 'Counting tokens…';
    const { counts } = await this.host.api.tokenCounts({ words, tokenizer });
    const per = [0, 0, 0, 0];
    counts.forEach((c) => per[bucket(c)]++);
    const colours = TOKEN_COUNT_COLOURS.map(rgb);
    const byWord = new Map(words.map((w, i) => [w, counts[i]]));
    this.host.tint((shown) => {
      const tints = new Float32Array(shown.length * 4);
      shown.forEach((w, i) => {
        const c = byWord.get(w);
        if (c !== undefined) tints.set([...colours[bucket(c)], 1], i * 4);
      });
      return tints;
    });
    this.legend.replaceChildren(
      ...['1 token (seen whole)', '2 tokens', '3 tokens', '4 or more'].map((text, b) => {
        const item = el('span', 'token-legend-item');
        const dot = el('span', 'swatch');
        dot.style.background = TOKEN_COUNT_COLOURS[b];
        item.append(dot, `${text}: ${formatCount(per[b])}`);
        return item;
      }),
    );
    this.legend.dataset.tokenizer = tokenizer;
  }

  /** Another colouring took over the points. */
  colourReleased(): void {
    this.colourSelect.value = '';
    this.legend.textContent = '';
  }
}
