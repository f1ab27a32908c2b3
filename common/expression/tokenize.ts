import { ExpressionError } from './expression-error';

export type TokenKind = 'word' | 'phrase' | 'number' | '+' | '-' | '*' | '/' | '(' | ')' | ',';

export interface Token {
  kind: TokenKind;
  /** The word or phrase (phrases trimmed, inner spaces collapsed), the number's text, or the operator. */
  text: string;
  /** 0-based offset of the token's first character in the source. */
  at: number;
  /** Characters the token spans in the source (quotes included). */
  length: number;
}

const OPERATORS = new Set(['+', '-', '*', '/', '(', ')', ',']);
const NUMBER = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

const isSpace = (c: string) => /\s/.test(c);
/** Characters that end a word: spaces, operators, quotes. A hyphen is decided by its neighbours. */
const endsWord = (c: string) => isSpace(c) || c === '"' || (OPERATORS.has(c) && c !== '-');

/**
 * Splits an expression into tokens. A word runs until a space, an operator or a quote; a hyphen
 * with word characters on both sides belongs to the word ("well-known", "1e-5"), so subtraction
 * wants a space or a non-word neighbour ("king - man", "king -man").
 */
export function tokenize(source: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      const close = source.indexOf('"', i + 1);
      if (close < 0) throw new ExpressionError('unclosed-quote', 'This quote is never closed: a phrase goes between two " marks.', i, 1);
      const text = source
        .slice(i + 1, close)
        .trim()
        .replace(/\s+/g, ' ');
      if (text.length === 0)
        throw new ExpressionError('expected-word', 'The quotes hold no words: put a phrase between them.', i, close - i + 1);
      out.push({ kind: 'phrase', text, at: i, length: close - i + 1 });
      i = close + 1;
      continue;
    }
    if (OPERATORS.has(c)) {
      out.push({ kind: c as TokenKind, text: c, at: i, length: 1 });
      i++;
      continue;
    }
    let j = i + 1;
    while (j < source.length) {
      const d = source[j];
      if (d === '-') {
        const next = source[j + 1];
        if (next === undefined || endsWord(next) || next === '-') break;
        j++;
        continue;
      }
      // An exponent's plus sign belongs to its number ("1e+32"), as a hyphen does to "1e-5".
      if (d === '+' && /^(\d+\.?\d*|\.\d+)e$/i.test(source.slice(i, j)) && /\d/.test(source[j + 1] ?? '')) {
        j++;
        continue;
      }
      if (endsWord(d)) break;
      j++;
    }
    const text = source.slice(i, j);
    out.push({ kind: NUMBER.test(text) ? 'number' : 'word', text, at: i, length: j - i });
    i = j;
  }
  return out;
}
