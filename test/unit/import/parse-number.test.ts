import { describe, expect, it } from 'vitest';
import { type ParsedNumber, parseNumberAt } from '../../../main/core/import/parse-number';

function parse(text: string): ParsedNumber {
  const b = Buffer.from(text);
  const out: ParsedNumber = { value: 0, end: 0 };
  parseNumberAt(b, 0, b.length, out);
  return out;
}

describe('parseNumberAt', () => {
  it('parses decimals exactly like Number(), fast path and exponents alike', () => {
    for (const t of [
      '0',
      '-0.038194',
      '0.72812',
      '+3.5',
      '-.5',
      '7.',
      '123456789012345',
      '1e-5',
      '-2.5E+3',
      '0.1234567890123456789',
      '3.4e38',
    ]) {
      expect(parse(t)).toMatchObject({ value: Number(t), end: t.length, problem: undefined });
    }
  });

  it('stops at a separator', () => {
    const b = Buffer.from('1.25 2');
    const out: ParsedNumber = { value: 0, end: 0 };
    parseNumberAt(b, 0, b.length, out);
    expect(out).toMatchObject({ value: 1.25, end: 4 });
  });

  it('names NaN, infinities, non-numbers and values beyond float32', () => {
    expect(parse('NaN').problem).toMatch(/not a finite number/);
    expect(parse('-inf').problem).toMatch(/not a finite number/);
    expect(parse('Infinity').problem).toMatch(/not a finite number/);
    expect(parse('abc').problem).toBe('"abc" is not a number');
    expect(parse('1.2.3').problem).toBe('"1.2.3" is not a number');
    expect(parse('0x10').problem).toBe('"0x10" is not a number');
    expect(parse('1e').problem).toBe('"1e" is not a number');
    expect(parse('1e39').problem).toMatch(/too large for a 32-bit float/);
  });
});
