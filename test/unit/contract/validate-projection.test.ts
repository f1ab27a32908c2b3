import { describe, expect, it } from 'vitest';
import { validators } from '../../../common/contract/validate';

const params = { nNeighbors: 15, minDist: 0.1, nEpochs: 200, seed: 42 };

describe('projection request validation', () => {
  it('fills defaults and accepts every view kind', () => {
    expect(validators.viewData({ view: { kind: 'top' } })).toEqual({ view: { kind: 'top', top: 5000 }, model: undefined, knnK: 15 });
    expect(validators.viewData({ view: { kind: 'neighbourhood', query: 'virtue' }, knnK: 30 })).toMatchObject({
      view: { kind: 'neighbourhood', query: 'virtue', k: 500 },
      knnK: 30,
    });
    expect(validators.viewData({ view: { kind: 'words', words: ['a', 'b', 'c'] } })).toMatchObject({
      view: { kind: 'words', words: ['a', 'b', 'c'] },
    });
    // The documented range is enforced at the boundary, not only after look-up in the core.
    expect(() => validators.viewData({ view: { kind: 'words', words: ['a', 'b'] } })).toThrow(/view.words must hold at least 3 words/);
    expect(validators.viewData({ view: { kind: 'vocabulary', vocabularyId: 3 } })).toMatchObject({
      view: { kind: 'vocabulary', vocabularyId: 3 },
    });
    expect(validators.getProjection({ id: 'latest' })).toEqual({ id: 'latest', model: undefined });
    expect(validators.listProjections(undefined)).toEqual({});
  });

  it('keeps the engine of a projection when given, and only then', () => {
    const save = (p: object) =>
      validators.saveProjection({ view: { kind: 'top' }, params: p, words: ['a', 'b', 'c'], coords: new Float32Array(9) });
    expect(save({ ...params, engine: 'umap-js' }).params).toEqual({ ...params, engine: 'umap-js' });
    expect(save({ ...params, engine: 'builtin' }).params).toEqual({ ...params, engine: 'builtin' });
    expect(save(params).params).toEqual(params);
    expect(() => save({ ...params, engine: 'tsne' })).toThrow(/params.engine must be one of builtin, umap-js \(got "tsne"\)/);
  });

  it('names the field and the allowed range for bad input', () => {
    const bad: [string, unknown, RegExp][] = [
      ['viewData', { view: { kind: 'top', top: 999 } }, /view.top must be between 1000 and 200000 \(got 999\)/],
      ['viewData', { view: { kind: 'top', top: 200_001 } }, /view.top must be between 1000 and 200000/],
      ['viewData', { view: { kind: 'galaxy' } }, /view.kind must be "top", "words", "neighbourhood" or "vocabulary"/],
      ['viewData', { view: { kind: 'top', top: 5000 }, knnK: 500 }, /knnK must be between 2 and 200/],
      ['viewData', { view: { kind: 'words', words: [] } }, /at least 3 words/],
      ['viewData', { view: { kind: 'top' }, extra: 1 }, /unknown field "extra"/],
      [
        'saveProjection',
        { view: { kind: 'top' }, params: { ...params, nNeighbors: 1 }, words: ['a', 'b', 'c'], coords: new Float32Array(9) },
        /params.nNeighbors must be between 2 and 200/,
      ],
      [
        'saveProjection',
        { view: { kind: 'top' }, params: { ...params, seed: 1.5 }, words: ['a', 'b', 'c'], coords: new Float32Array(9) },
        /params.seed must be a whole number/,
      ],
      [
        'saveProjection',
        { view: { kind: 'top' }, params: { nNeighbors: 15, minDist: 0.1, seed: 1 }, words: ['a', 'b', 'c'], coords: new Float32Array(9) },
        /params.nEpochs is required/,
      ],
      [
        'saveProjection',
        { view: { kind: 'top' }, params, words: ['a', 'b', 'c'], coords: new Float32Array(6) },
        /3 numbers per word: 9 for 3 words \(got 6\)/,
      ],
      [
        'saveProjection',
        { view: { kind: 'top' }, params, words: ['a', 'b', 'c'], coords: Float32Array.from([0, 0, 0, 0, 0, Infinity, 0, 0, 0]) },
        /coords\[5\] is not a finite number \(point 1, "b"\)/,
      ],
      ['saveProjection', { view: { kind: 'top' }, params, words: ['a', 'b'], coords: new Float32Array(6) }, /at least 3 words/],
      [
        'saveProjection',
        { view: { kind: 'top' }, params, words: ['a', 'b', 'c'], coords: new Float32Array(9), name: '  ' },
        /name must be 1 to 200 characters/,
      ],
      ['getProjection', { id: -1 }, /id must be a positive whole number/],
      ['renameProjection', { id: 1 }, /name must be a string/],
      ['deleteProjection', {}, /id must be a positive whole number/],
      ['vectorsOf', { words: 'virtue' }, /words must be a list of words/],
    ];
    for (const [method, req, message] of bad) {
      expect(() => validators[method as keyof typeof validators](req), `${method} ${JSON.stringify(req)}`).toThrow(message);
    }
  });
});
