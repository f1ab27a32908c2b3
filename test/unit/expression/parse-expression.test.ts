import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpressionError, pointAt } from '../../../common/expression/expression-error';
import { formatTerms, looksPlain, MAX_EXPRESSION_LENGTH, parseExpression } from '../../../common/expression/parse-expression';

const weights = (s: string) => parseExpression(s).terms.map((t) => [t.text, t.weight]);

function problem(s: string) {
  try {
    parseExpression(s);
  } catch (e) {
    if (e instanceof ExpressionError) return e.problem;
    throw e;
  }
  throw new Error(`"${s}" parsed`);
}

describe('parseExpression', () => {
  it('reads sums, weights, parentheses, phrases and mean()', () => {
    expect(weights('king - man + woman')).toEqual([
      ['king', 1],
      ['man', -1],
      ['woman', 1],
    ]);
    expect(weights('0.5*good')).toEqual([['good', 0.5]]);
    // Exponents with either sign, as the canonical spelling writes large weights ("1e+32*king").
    expect(weights('1e+32*king')).toEqual([['king', 1e32]]);
    expect(weights('king*2.5E+3 - 1e-5*man')).toEqual([
      ['king', 2500],
      ['man', -1e-5],
    ]);
    expect(weights('1e + king')).toEqual([
      ['1e', 1],
      ['king', 1],
    ]);
    expect(weights('good*2 - bad/4')).toEqual([
      ['good', 2],
      ['bad', -0.25],
    ]);
    expect(weights('-(a - b)')).toEqual([
      ['a', -1],
      ['b', 1],
    ]);
    expect(weights('2*(a + 3*b)')).toEqual([
      ['a', 2],
      ['b', 6],
    ]);
    expect(weights('"new  york " - city')).toEqual([
      ['new york', 1],
      ['city', -1],
    ]);
    expect(weights('mean(a, b, c + d)')).toEqual([
      ['a', 1 / 3],
      ['b', 1 / 3],
      ['c', 1 / 3],
      ['d', 1 / 3],
    ]);
    expect(weights('MEAN(a,b)-c')).toEqual([
      ['a', 0.5],
      ['b', 0.5],
      ['c', -1],
    ]);
    expect(weights('king-man+woman')).toEqual([
      ['king-man', 1],
      ['woman', 1],
    ]);
    expect(weights('well-known - good')).toEqual([
      ['well-known', 1],
      ['good', -1],
    ]);
    expect(weights('mean - x')).toEqual([
      ['mean', 1],
      ['x', -1],
    ]);
    expect(parseExpression('1e-1*king').terms[0].weight).toBeCloseTo(0.1, 12);
  });

  it('records where each term was typed', () => {
    const t = parseExpression('  king -  "new york"').terms;
    expect(t.map((x) => [x.at, x.length, x.phrase])).toEqual([
      [2, 4, false],
      [10, 10, true],
    ]);
  });

  it('writes a canonical spelling', () => {
    expect(parseExpression(' king-  man +woman').canonical).toBe('king - man + woman');
    expect(parseExpression('mean(a,b)').canonical).toBe('0.5*a + 0.5*b');
    expect(formatTerms([{ text: 'new york', phrase: true, weight: -2 }])).toBe('-2*"new york"');
  });

  it.each([
    ['', 'empty-expression', 1, 1],
    ['   ', 'empty-expression', 1, 1],
    ['()', 'empty-expression', 1, 2],
    ['king + ()', 'empty-expression', 8, 2],
    ['mean()', 'empty-expression', 5, 2],
    ['king -', 'dangling-operator', 6, 1],
    ['king + ', 'dangling-operator', 6, 1],
    ['* king', 'dangling-operator', 1, 1],
    ['king * ', 'dangling-operator', 6, 1],
    ['mean(a,)', 'dangling-operator', 7, 1],
    ['mean(,a)', 'dangling-operator', 6, 1],
    ['king, man', 'dangling-operator', 5, 1],
    ['(king - man', 'unbalanced-parenthesis', 1, 1],
    ['((king) - man', 'unbalanced-parenthesis', 1, 1],
    ['king)', 'unbalanced-parenthesis', 5, 1],
    ['mean(a, b', 'unbalanced-parenthesis', 5, 1],
    ['2', 'expected-word', 1, 1],
    ['king + 2', 'expected-word', 8, 1],
    ['2 + king', 'expected-word', 1, 1],
    ['king - 0.5', 'expected-word', 8, 3],
    ['mean(2, king)', 'expected-word', 6, 1],
    ['king * man', 'expected-number', 8, 3],
    ['2 / king', 'expected-number', 5, 4],
    ['king man', 'missing-operator', 6, 3],
    ['"new york', 'unclosed-quote', 1, 1],
    ['king - "  "', 'expected-word', 8, 4],
    ['king/0', 'bad-number', 6, 1],
    ['1e999*king', 'bad-number', 1, 5],
  ])('%j is an error %s at column %i', (source, code, column, length) => {
    expect(problem(source)).toMatchObject({ code, column, length });
  });

  it('suggests quotes for two words side by side', () => {
    expect(problem('new york').message).toContain('"new york"');
  });

  it('refuses an expression longer than the contract allows, at the first character past it', () => {
    expect(problem(`${'a+'.repeat(MAX_EXPRESSION_LENGTH)}a`)).toMatchObject({ code: 'too-long', column: MAX_EXPRESSION_LENGTH + 1 });
  });

  it('points at the column under the expression', () => {
    expect(pointAt('king - - ', problem('king - - '))).toBe('king - - \n       ^');
  });

  it('tells a plain word from an expression', () => {
    expect(looksPlain('virtue')).toBe(true);
    expect(looksPlain(' king-size ')).toBe(true);
    expect(looksPlain('king - man')).toBe(false);
    expect(looksPlain('"king"')).toBe(false);
    expect(looksPlain('new york')).toBe(false);
  });
});

/** Strings built from the grammar's pieces, so most are near-misses of valid expressions. */
const piece = fc.constantFrom(
  'king',
  'man',
  'woman',
  'well-known',
  '0.5',
  '2',
  '1e3',
  '+',
  '-',
  '*',
  '/',
  '(',
  ')',
  ',',
  '"',
  '"new york"',
  'mean(',
  ' ',
  '  ',
  '\t',
  'é',
  '…',
  '-',
  '.',
);

describe('parseExpression on generated input', () => {
  it('ends in terms or a positioned error, never anything else (grammar pieces)', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => checkOne(parts.join(''))),
      { numRuns: 3000 },
    );
  });

  it('ends in terms or a positioned error on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 250, unit: 'grapheme' }), (s) => checkOne(s)),
      { numRuns: 2000 },
    );
  });
});

function checkOne(source: string): void {
  let parsed;
  try {
    parsed = parseExpression(source);
  } catch (e) {
    expect(e).toBeInstanceOf(ExpressionError);
    const p = (e as ExpressionError).problem;
    expect(p.column).toBeGreaterThanOrEqual(1);
    expect(p.column).toBeLessThanOrEqual(Math.max(1, source.length + 1));
    expect(p.length).toBeGreaterThanOrEqual(1);
    expect(p.message.length).toBeGreaterThan(0);
    return;
  }
  expect(parsed.terms.length).toBeGreaterThan(0);
  for (const t of parsed.terms) {
    expect(Number.isFinite(t.weight)).toBe(true);
    expect(t.text.length).toBeGreaterThan(0);
    // Each term points at what was typed: the word itself, or the quoted phrase.
    const typed = source.slice(t.at, t.at + t.length);
    if (t.phrase) expect(typed.startsWith('"') && typed.endsWith('"')).toBe(true);
    else expect(typed).toBe(t.text);
  }
  // The canonical spelling reads back to the same terms.
  const again = parseExpression(parsed.canonical).terms;
  expect(again.map((t) => t.text)).toEqual(parsed.terms.map((t) => t.text));
  again.forEach((t, i) => expect(t.weight).toBeCloseTo(parsed.terms[i].weight, 4));
}
