import { describe, expect, it } from 'vitest';
import { ValidationError, validators } from '../../../common/contract/validate';

describe('keepFormulas on CSV exports', () => {
  it('is an optional boolean on both export methods', () => {
    expect(validators.exportProjection({ id: 1, format: 'csv' }).keepFormulas).toBeUndefined();
    expect(validators.exportProjection({ id: 1, format: 'csv', keepFormulas: true }).keepFormulas).toBe(true);
    expect(validators.exportNeighbors({ word: 'virtue', format: 'csv', keepFormulas: false }).keepFormulas).toBe(false);
    expect(() => validators.exportProjection({ id: 1, format: 'csv', keepFormulas: 'yes' })).toThrow(ValidationError);
    expect(() => validators.exportNeighbors({ word: 'virtue', format: 'csv', keepFormulas: 1 })).toThrow(
      /keepFormulas must be true or false/,
    );
  });
});
