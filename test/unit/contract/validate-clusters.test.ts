import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validators } from '../../../common/contract/validate';

describe('clusters and token requests at the boundary', () => {
  it('clusters takes an id or "latest" and an optional model, and names what is wrong otherwise', () => {
    expect(validators.clusters({ id: 3 })).toEqual({ id: 3, model: undefined });
    expect(validators.clusters({ id: 'latest', model: 'glove-6b-100d' })).toEqual({ id: 'latest', model: 'glove-6b-100d' });
    expect(() => validators.clusters({})).toThrow(/give a projection id or "latest"/);
    expect(() => validators.clusters({ id: -1 })).toThrow(/id/);
    expect(() => validators.clusters({ id: 1, extra: true })).toThrow(/extra/);
  });

  it('any input ends in a request or an invalid-request error, never anything else', () => {
    fc.assert(
      fc.property(fc.anything(), (req) => {
        for (const v of [validators.clusters, validators.tokenCounts, validators.tokens]) {
          try {
            v(req);
          } catch (e) {
            expect((e as { code?: string }).code).toBe('invalid-request');
          }
        }
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.record({
          words: fc.array(fc.string({ maxLength: 250 }), { maxLength: 120 }),
          tokenizer: fc.constantFrom('o200k', 'llama3', 'x'),
        }),
        (req) => {
          try {
            const ok = validators.tokenCounts(req);
            expect(ok.words).toEqual(req.words);
          } catch (e) {
            expect((e as Error).message).toMatch(/words|tokenizer/);
          }
        },
      ),
    );
  });
});
