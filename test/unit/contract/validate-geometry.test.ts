import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError, validators } from '../../../common/contract/validate';

describe('geometry validators', () => {
  it('fill defaults and keep what was given', () => {
    expect(validators.analogy({ a: 'man', b: 'king', c: 'woman' })).toEqual({
      a: 'man',
      b: 'king',
      c: 'woman',
      k: 10,
      method: 'add',
      restrict: undefined,
      model: undefined,
    });
    expect(validators.neighbors({ words: ['king - man'], method: 'mul' })).toMatchObject({ method: 'mul', k: 10 });
    expect(validators.evaluate({ kind: 'pairs', fileName: 'ws.tsv', content: 'a\tb\t1' })).toMatchObject({ restrict: 300000 });
    expect(validators.axes({ axes: ['good - bad'] })).toEqual({ axes: ['good - bad'], model: undefined });
  });

  it.each([
    ['analogy', { a: 'man', b: 'king' }, /c must be a string/],
    ['analogy', { a: 'man', b: 'king', c: 'woman', method: 'sub' }, /method must be one of add, mul/],
    ['analogy', { a: 'man', b: 'king', c: 'woman', restrict: 0 }, /restrict must be between/],
    ['doesntMatch', { words: ['one'] }, /at least 2/],
    ['axes', { axes: [] }, /1 to 3/],
    ['axes', { axes: ['a', 'b', 'c', 'd'] }, /1 to 3/],
    ['evaluate', { kind: 'words', fileName: 'x', content: '' }, /kind must be one of/],
    ['evaluate', { fileName: 'x', content: '' }, /kind is required/],
    ['neighbors', { words: ['a'], method: 3 }, /method/],
  ] as const)('%s refuses %j', (method, req, message) => {
    expect(() => validators[method](req as never)).toThrow(message);
  });

  it('answer any input with a request or a ValidationError', () => {
    const methods = ['analogy', 'doesntMatch', 'axes', 'evaluate'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...methods), fc.anything(), (method, input) => {
        try {
          validators[method](input);
        } catch (e) {
          expect(e).toBeInstanceOf(ValidationError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
