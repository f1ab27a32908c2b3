import { describe, expect, it } from 'vitest';
import { dbArgument } from '../../../main/electron/db-argument';

describe('dbArgument', () => {
  it('reads --db from the app arguments', () => {
    expect(dbArgument(['electron', '.', '--db', '/x/y.db'])).toBe('/x/y.db');
    expect(dbArgument(['electron', '.', '--db=/x/z.db'])).toBe('/x/z.db');
    expect(dbArgument(['electron', '.'])).toBeUndefined();
  });
});
