import type { DoesntMatchResult } from '../../../common/contract/contract';
import { el, formatSimilarity } from './format';

export interface OddOneOutHooks {
  /** The words to compare: the current selection (the query's neighbourhood) when the field is empty. */
  selection(): string[];
  run(words: string[]): Promise<DoesntMatchResult>;
  /** Marks the odd word in the map. */
  show(result: DoesntMatchResult): void;
}

/** Odd one out: words typed, or the neighbourhood on the map, and which of them fits least. */
export function oddOneOut(hooks: OddOneOutHooks): HTMLElement {
  const box = el('div', 'odd-one-out');
  const row = el('div', 'geo-row');
  const input = el('input');
  input.type = 'text';
  input.placeholder = 'breakfast cereal dinner lunch';
  input.setAttribute('aria-label', 'Words for odd one out');
  input.spellcheck = false;
  const go = el('button', undefined, 'Odd one out');
  go.type = 'button';
  go.title = 'Which word fits least with the others? Leave the field empty to use the words highlighted on the map.';
  const out = el('div', 'geo-result odd-result');
  out.setAttribute('aria-live', 'polite');
  row.append(input, go);
  box.append(row, out);
  const run = async () => {
    const typed = input.value.split(/[\s,]+/).filter(Boolean);
    const words = typed.length ? typed : hooks.selection();
    if (words.length < 2) {
      out.textContent = 'Type two or more words, or search a word first to use its neighbourhood.';
      return;
    }
    out.textContent = 'Comparing…';
    try {
      const r = await hooks.run(words.slice(0, 100));
      const table = el('table');
      for (const s of r.similarities) {
        const tr = el('tr', s.word === r.odd ? 'odd' : undefined);
        tr.append(el('td', undefined, s.word), el('td', 'num', formatSimilarity(s.similarity)));
        table.append(tr);
      }
      const missing = r.missing.length ? ` (not in the model: ${r.missing.map((m) => m.word).join(', ')})` : '';
      out.replaceChildren(el('p', undefined, `Odd one out: ${r.odd}${missing}`), table);
      out.dataset.odd = r.odd;
      hooks.show(r);
    } catch (e) {
      out.textContent = (e as Error).message;
    }
  };
  go.addEventListener('click', () => void run());
  input.addEventListener('keydown', (e) => e.key === 'Enter' && void run());
  return box;
}
