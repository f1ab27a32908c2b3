import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addRecent, MAX_RECENT, parseRecent, withoutMissing } from '../../../main/electron/recent-files';

describe('recent files', () => {
  it('puts the newest first, without duplicates, at most MAX_RECENT', () => {
    let list = parseRecent(undefined);
    for (let i = 0; i < 15; i++) list = addRecent(list, { path: `/m/${i}.vec`, kind: 'model' });
    list = addRecent(list, { path: '/m/10.vec', kind: 'model' });
    expect(list.length).toBe(MAX_RECENT);
    expect(list.slice(0, 3).map((r) => r.path)).toEqual(['/m/10.vec', '/m/14.vec', '/m/13.vec']);
    expect(new Set(list.map((r) => r.path)).size).toBe(list.length);
  });

  it('drops files that are gone', () => {
    const list = [
      { path: '/a.csv', kind: 'vocabulary' as const },
      { path: '/b.vec', kind: 'model' as const },
    ];
    expect(withoutMissing(list, (p) => p === '/b.vec')).toEqual([list[1]]);
  });

  it('reads any stored value into a valid list', () => {
    expect(parseRecent([{ path: '/a.vec', kind: 'model' }, { path: 3 }, null, { path: '/b', kind: 'other' }])).toEqual([
      { path: '/a.vec', kind: 'model' },
    ]);
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const list = parseRecent(raw);
        expect(list.length).toBeLessThanOrEqual(MAX_RECENT);
        for (const r of list) expect(typeof r.path === 'string' && ['model', 'vocabulary'].includes(r.kind)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
