import type { AnalogyMethod } from '../../../common/contract/contract';
import { el } from './format';

export interface AnalogyFormHooks {
  /** Ask "a is to b as c is to ?" (the page searches b - a + c). */
  ask(a: string, b: string, c: string): void;
  /** The combination method changed (3CosAdd or 3CosMul). */
  method(method: AnalogyMethod): void;
}

/** a : b :: c : ? as three fields and a method switch; Enter in any field asks. */
export function analogyForm(hooks: AnalogyFormHooks): HTMLElement {
  const form = el('form', 'geo-row analogy-form');
  form.setAttribute('aria-label', 'Analogy');
  const field = (name: string, placeholder: string) => {
    const input = el('input');
    input.type = 'text';
    input.name = name;
    input.placeholder = placeholder;
    input.spellcheck = false;
    input.autocomplete = 'off';
    input.setAttribute('aria-label', `Analogy word ${name}`);
    return input;
  };
  const a = field('a', 'man');
  const b = field('b', 'king');
  const c = field('c', 'woman');
  const method = el('select');
  method.setAttribute('aria-label', 'Analogy method');
  for (const [value, text] of [
    ['add', '3CosAdd'],
    ['mul', '3CosMul'],
  ]) {
    const o = el('option', undefined, text);
    o.value = value;
    method.append(o);
  }
  const go = el('button', 'primary', 'Solve');
  go.type = 'submit';
  form.append(a, el('span', 'geo-sep', ':'), b, el('span', 'geo-sep', '::'), c, el('span', 'geo-sep', ': ?'), method, go);
  method.addEventListener('change', () => hooks.method(method.value as AnalogyMethod));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const words = [a, b, c].map((i) => i.value.trim() || i.placeholder);
    hooks.ask(words[0], words[1], words[2]);
  });
  return form;
}
