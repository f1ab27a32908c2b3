import { describe, expect, it } from 'vitest';
import { appendPoints, describeView, makeLayout, similarity } from '../../../renderer/src/app/layout-state';

const base = () =>
  makeLayout({
    model: 'm',
    view: { kind: 'top', top: 1000 },
    params: { nNeighbors: 15, minDist: 0.1, nEpochs: 500, seed: 42 },
    words: ['a', 'b'],
    coords: new Float32Array([0, 0, 0, 1, 1, 1]),
    ranks: Int32Array.from([0, 1]),
    vectors: new Float32Array([1, 0, 0.6, 0.8]),
    dims: 2,
  });

describe('layout state', () => {
  it('appends placed neighbours as added points, keeping everything aligned', () => {
    const next = appendPoints(base(), ['c'], new Float32Array([5, 6, 7]), [42], new Float32Array([0, 1]));
    expect(next.words).toEqual(['a', 'b', 'c']);
    expect([...next.coords.slice(6)]).toEqual([5, 6, 7]);
    expect([...next.ranks]).toEqual([0, 1, 42]);
    expect([...next.added]).toEqual([0, 0, 1]);
    expect(next.index.get('c')).toBe(2);
    expect(similarity(next, 1, 2)).toBeCloseTo(0.8, 6);
  });

  it('computes cosine from unit vectors, and null without them', () => {
    const layout = base();
    expect(similarity(layout, 0, 1)).toBeCloseTo(0.6, 6);
    expect(similarity({ ...layout, vectors: undefined }, 0, 1)).toBeNull();
    expect(similarity(layout, 0, -1)).toBeNull();
  });

  it('names views the way a report would', () => {
    expect(describeView({ kind: 'top', top: 5000 })).toBe('5,000 most frequent words');
    expect(describeView({ kind: 'neighbourhood', query: 'virtue', k: 50 })).toBe('neighbourhood of “virtue” (k = 50)');
  });
});
