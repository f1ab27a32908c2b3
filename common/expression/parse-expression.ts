import { ExpressionError } from './expression-error';
import { type Token, tokenize } from './tokenize';

/** One word or quoted phrase of an expression with the weight it ends up with. */
export interface ExpressionTerm {
  /** The word as typed, or the phrase (trimmed, single spaces). */
  text: string;
  phrase: boolean;
  /** Its coefficient in the weighted sum, e.g. -1 for "king - man"'s "man", 0.5 in "0.5*good". */
  weight: number;
  /** Where it was typed: 0-based offset and length (quotes included). */
  at: number;
  length: number;
}

/** A parsed expression: a weighted sum of words and phrases, in the order they were typed. */
export interface ParsedExpression {
  terms: ExpressionTerm[];
  /** The expression written back in one canonical spelling, e.g. "king - man + woman". */
  canonical: string;
}

/** Longest expression accepted, characters (the contract's word limit). */
export const MAX_EXPRESSION_LENGTH = 200;

/** A value while parsing: a plain number, or a weighted sum of terms. */
type Value =
  { kind: 'number'; value: number; at: number; length: number } | { kind: 'terms'; terms: ExpressionTerm[]; at: number; length: number };

const scale = (terms: ExpressionTerm[], f: number) => terms.map((t) => ({ ...t, weight: t.weight * f }));
const span = (a: { at: number }, b: { at: number; length: number }) => ({ at: a.at, length: b.at + b.length - a.at });

function describe(t: Token): string {
  return t.kind === 'word' || t.kind === 'number' ? `"${t.text}"` : t.kind === 'phrase' ? `"${t.text}" (quoted)` : `"${t.kind}"`;
}

/**
 * Recursive descent over
 *   sum     := product (("+" | "-") product)*
 *   product := unary (("*" | "/") unary)*
 *   unary   := ("+" | "-") unary | primary
 *   primary := NUMBER | WORD | PHRASE | "(" sum ")" | "mean" "(" sum ("," sum)* ")"
 * Numbers only ever weight words: a sum of numbers and words, a word times a word or a bare number
 * is an error at the place it happens.
 */
class Parser {
  private pos = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private endAt(): number {
    return this.source.trimEnd().length;
  }

  parse(): ExpressionTerm[] {
    if (this.tokens.length === 0)
      throw new ExpressionError('empty-expression', 'The expression is empty: type a word, or words joined by + and -.', 0, 1);
    const v = this.sum();
    const t = this.peek();
    if (t) {
      if (t.kind === ')') throw new ExpressionError('unbalanced-parenthesis', 'This closing parenthesis has no opening one.', t.at, 1);
      if (t.kind === ',') throw new ExpressionError('dangling-operator', 'A comma belongs inside mean( … ).', t.at, 1);
      const prev = this.tokens[this.pos - 1];
      const hint = t.kind === 'word' && prev?.kind === 'word' ? ` (for a phrase, put it in quotes: "${prev.text} ${t.text}")` : '';
      throw new ExpressionError('missing-operator', `Expected +, - or * before ${describe(t)}${hint}.`, t.at, t.length);
    }
    return this.wordsOf(v);
  }

  /** A value that must be words: a number here is the user's "number where a word is needed". */
  private wordsOf(v: Value): ExpressionTerm[] {
    if (v.kind === 'number') {
      throw new ExpressionError('expected-word', 'A number where a word is needed: numbers weight words, as in 0.5*good.', v.at, v.length);
    }
    return v.terms;
  }

  /** `after` is the token just read ("(" or ","), so a missing operand can point at it. */
  private sum(after?: Token): Value {
    let left = this.product(after);
    for (let t = this.peek(); t && (t.kind === '+' || t.kind === '-'); t = this.peek()) {
      this.pos++;
      const right = this.product(t);
      const terms = [...this.wordsOf(left), ...scale(this.wordsOf(right), t.kind === '-' ? -1 : 1)];
      left = { kind: 'terms', terms, ...span(left, right) };
    }
    return left;
  }

  private product(after?: Token): Value {
    let left = this.unary(after);
    for (let t = this.peek(); t && (t.kind === '*' || t.kind === '/'); t = this.peek()) {
      this.pos++;
      const right = this.unary(t);
      const where = span(left, right);
      if (t.kind === '/') {
        if (right.kind !== 'number')
          throw new ExpressionError('expected-number', 'Words can only be divided by a number.', right.at, right.length);
        if (right.value === 0) throw new ExpressionError('bad-number', 'Division by zero.', right.at, right.length);
        left =
          left.kind === 'number'
            ? { kind: 'number', value: left.value / right.value, ...where }
            : { kind: 'terms', terms: scale(left.terms, 1 / right.value), ...where };
      } else if (left.kind === 'number' && right.kind === 'number') {
        left = { kind: 'number', value: left.value * right.value, ...where };
      } else if (left.kind === 'number' && right.kind === 'terms') {
        left = { kind: 'terms', terms: scale(right.terms, left.value), ...where };
      } else if (left.kind === 'terms' && right.kind === 'number') {
        left = { kind: 'terms', terms: scale(left.terms, right.value), ...where };
      } else {
        throw new ExpressionError('expected-number', 'Words can only be multiplied by a number, as in 0.5*good.', right.at, right.length);
      }
      if (left.kind === 'number' && !Number.isFinite(left.value))
        throw new ExpressionError('bad-number', 'This number is too large.', left.at, left.length);
    }
    return left;
  }

  /** `after` is the operator just read, so a missing operand can point at it. */
  private unary(after?: Token): Value {
    const t = this.peek();
    if (t && (t.kind === '+' || t.kind === '-')) {
      this.pos++;
      const v = this.unary(t);
      const where = span(t, v);
      if (t.kind === '+') return { ...v, ...where };
      return v.kind === 'number' ? { kind: 'number', value: -v.value, ...where } : { kind: 'terms', terms: scale(v.terms, -1), ...where };
    }
    return this.primary(after);
  }

  private primary(after?: Token): Value {
    const t = this.peek();
    if (!t || t.kind === ')' || t.kind === ',' || t.kind === '*' || t.kind === '/') {
      const k = after?.kind;
      if (after && (k === '+' || k === '-' || k === '*' || k === '/')) {
        throw new ExpressionError('dangling-operator', `"${after.kind}" needs a word after it.`, after.at, 1);
      }
      if (t && (t.kind === '*' || t.kind === '/'))
        throw new ExpressionError('dangling-operator', `"${t.kind}" needs a word before it.`, t.at, 1);
      if (t?.kind === ',') throw new ExpressionError('dangling-operator', 'A comma needs a word before it.', t.at, 1);
      if (after && k === ',') throw new ExpressionError('dangling-operator', 'A comma needs a word after it.', after.at, 1);
      if (t?.kind === ')') {
        if (after && k === '(')
          throw new ExpressionError(
            'empty-expression',
            'The parentheses are empty: put words between them.',
            after.at,
            t.at - after.at + 1,
          );
        throw new ExpressionError('unbalanced-parenthesis', 'This closing parenthesis has no opening one.', t.at, 1);
      }
      if (after && k === '(') throw new ExpressionError('unbalanced-parenthesis', 'This parenthesis is never closed.', after.at, 1);
      throw new ExpressionError('empty-expression', 'The expression is empty.', this.endAt(), 1);
    }
    this.pos++;
    switch (t.kind) {
      case 'number': {
        const value = Number(t.text);
        if (!Number.isFinite(value)) throw new ExpressionError('bad-number', 'This number is too large.', t.at, t.length);
        return { kind: 'number', value, at: t.at, length: t.length };
      }
      case 'phrase':
        return {
          kind: 'terms',
          terms: [{ text: t.text, phrase: true, weight: 1, at: t.at, length: t.length }],
          at: t.at,
          length: t.length,
        };
      case 'word':
        if (t.text.toLowerCase() === 'mean' && this.peek()?.kind === '(') return this.mean(t);
        return {
          kind: 'terms',
          terms: [{ text: t.text, phrase: false, weight: 1, at: t.at, length: t.length }],
          at: t.at,
          length: t.length,
        };
      case '(': {
        const v = this.sum(t);
        const close = this.peek();
        if (close?.kind !== ')') {
          if (close) throw new ExpressionError('missing-operator', `Expected +, - or * before ${describe(close)}.`, close.at, close.length);
          throw new ExpressionError('unbalanced-parenthesis', 'This parenthesis is never closed.', t.at, 1);
        }
        this.pos++;
        return { ...v, ...span(t, close) };
      }
      default:
        throw new ExpressionError('dangling-operator', `Unexpected ${describe(t)}.`, t.at, t.length);
    }
  }

  /** mean(a, b, …): the average of its arguments, each of which must be words. */
  private mean(name: Token): Value {
    const open = this.tokens[this.pos++];
    const args: ExpressionTerm[][] = [];
    for (let after = open; ;) {
      const v = this.sum(after);
      args.push(this.wordsOf(v));
      const t = this.peek();
      if (t?.kind === ',') {
        this.pos++;
        after = t;
        continue;
      }
      if (t?.kind === ')') {
        this.pos++;
        const terms = args.flatMap((a) => scale(a, 1 / args.length));
        return { kind: 'terms', terms, ...span(name, t) };
      }
      if (t) throw new ExpressionError('missing-operator', `Expected +, -, "," or ")" before ${describe(t)}.`, t.at, t.length);
      throw new ExpressionError('unbalanced-parenthesis', 'This parenthesis is never closed.', open.at, 1);
    }
  }
}

function formatWeight(w: number): string {
  const a = Math.abs(w);
  return a === 1 ? '' : `${Number(a.toPrecision(6))}*`;
}

/** Writes terms back as "a - b + 0.5*c", merging nothing, so it reads like what was typed. */
export function formatTerms(terms: readonly Pick<ExpressionTerm, 'text' | 'phrase' | 'weight'>[]): string {
  return terms
    .map((t, i) => {
      const word = t.phrase ? `"${t.text}"` : t.text;
      const sign = t.weight < 0 ? (i === 0 ? '-' : ' - ') : i === 0 ? '' : ' + ';
      return `${sign}${formatWeight(t.weight)}${word}`;
    })
    .join('');
}

/** Parses an expression into weighted terms, or throws an ExpressionError pointing at the problem. */
export function parseExpression(source: string): ParsedExpression {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError('too-long', `The expression is longer than ${MAX_EXPRESSION_LENGTH} characters.`, MAX_EXPRESSION_LENGTH, 1);
  }
  const terms = new Parser(tokenize(source), source).parse();
  return { terms, canonical: formatTerms(terms) };
}

/** True when the text has no operator, quote or parenthesis: a plain word (or words) to look up. */
export function looksPlain(source: string): boolean {
  const tokens = (() => {
    try {
      return tokenize(source);
    } catch {
      return null;
    }
  })();
  return tokens !== null && tokens.length === 1 && tokens[0].kind === 'word';
}
