import { describe, expect, it } from 'vitest';
import { K_MAX } from '../../../common/contract/contract';
import { ValidationError, validators } from '../../../common/contract/validate';

describe('request validation', () => {
  it('fills neighbours defaults', () => {
    expect(validators.neighbors({ words: ['virtue'] })).toEqual({ words: ['virtue'], k: 10, model: undefined, method: 'add' });
  });

  it.each([
    [{ words: [] }, /at least one word/],
    [{ words: 'virtue' }, /at least one word/],
    [{ words: ['virtue'], k: 0 }, /k must be between 1 and 1000 \(got 0\)/],
    [{ words: ['virtue'], k: K_MAX + 1 }, /k must be between 1 and 1000/],
    [{ words: ['virtue'], k: 2.5 }, /whole number/],
    [{ words: ['virtue'], k: '10' }, /whole number/],
    [{ words: [42] }, /words\[0\] must be a string/],
    [{ words: ['x'.repeat(201)] }, /longer than 200/],
    [{ words: ['virtue'], extra: true }, /unknown field "extra"/],
    [null, /expected an object/],
    [{ words: Array(101).fill('a') }, /at most 100/],
  ])('rejects %j', (req, message) => {
    expect(() => validators.neighbors(req)).toThrow(ValidationError);
    expect(() => validators.neighbors(req)).toThrow(message);
  });

  it('bounds completion limits and rejects arguments to status', () => {
    expect(validators.complete({ prefix: 'vir' })).toMatchObject({ prefix: 'vir', limit: 10 });
    expect(() => validators.complete({ prefix: 'vir', limit: 51 })).toThrow(/between 1 and 50/);
    expect(validators.status(undefined)).toBeUndefined();
    expect(() => validators.status({ a: 1 })).toThrow(/no arguments/);
  });
});
