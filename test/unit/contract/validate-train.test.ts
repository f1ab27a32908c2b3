import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError, validators } from '../../../common/contract/validate';

describe('training and comparison requests', () => {
  it('accepts uploads with parameters and leaves defaults to the core', () => {
    expect(validators.trainModel({ uploadIds: ['u1'], name: ' notes ', dims: 50, cbow: true, sample: 0 })).toMatchObject({
      uploadIds: ['u1'],
      name: 'notes',
      dims: 50,
      cbow: true,
      sample: 0,
      window: undefined,
    });
    expect(validators.scanCorpus({ uploadIds: ['a', 'b'], minCount: 2 })).toMatchObject({ uploadIds: ['a', 'b'], minCount: 2 });
    expect(validators.compareModels({ a: 'x', b: 'y', words: ['cat'], k: 5 })).toMatchObject({ a: 'x', b: 'y', words: ['cat'], k: 5 });
  });

  it.each([
    [{ paths: ['/etc'], name: 'x', uploadIds: ['u'] }, /cannot name files on disk/],
    [{ name: 'x' }, /uploadIds must list 1 or more/],
    [{ uploadIds: [], name: 'x' }, /uploadIds must list 1 or more/],
    [{ uploadIds: ['u'] }, /name must be a string/],
    [{ uploadIds: ['u'], name: 'x', dims: 0 }, /dims must be between 1 and 1000/],
    [{ uploadIds: ['u'], name: 'x', window: 2.5 }, /whole number/],
    [{ uploadIds: ['u'], name: 'x', sample: 2 }, /sample must be between 0 and 1/],
    [{ uploadIds: ['u'], name: 'x', alpha: 0.01, minAlpha: 0.02 }, /minAlpha must be at most alpha/],
    [{ uploadIds: ['u'], name: 'x', threads: 0 }, /threads must be between 1 and 64/],
    [{ uploadIds: ['u'], name: 'x', seed: -1 }, /seed must be between 0 and 4294967295/],
    [{ uploadIds: ['u'], name: 'x', cbow: 'yes' }, /cbow must be true or false/],
    [{ uploadIds: ['u'], name: 'x', extra: 1 }, /unknown field "extra"/],
  ])('trainModel rejects %j', (req, message) => {
    expect(() => validators.trainModel(req)).toThrow(ValidationError);
    expect(() => validators.trainModel(req)).toThrow(message);
  });

  it('compareModels bounds k, top and the word list', () => {
    expect(() => validators.compareModels({ a: 'x', b: 'y', k: 101 })).toThrow(/k must be between 1 and 100/);
    expect(() => validators.compareModels({ a: 'x', b: 'y', top: 0 })).toThrow(/top must be between 1 and 20000/);
    expect(() => validators.compareModels({ a: 'x', b: 'y', words: [] })).toThrow(/at least 1 word/);
    expect(() => validators.compareModels({ a: '', b: 'y' })).toThrow(/a must be 1 to 200 characters/);
  });

  it('any input ends in a request or a ValidationError, never another failure', () => {
    for (const method of ['trainModel', 'scanCorpus', 'compareModels'] as const) {
      fc.assert(
        fc.property(fc.anything(), (req) => {
          try {
            validators[method](req);
          } catch (e) {
            expect(e).toBeInstanceOf(ValidationError);
          }
        }),
        { numRuns: 500 },
      );
    }
  });
});
