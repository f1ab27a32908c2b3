import type { Projection } from '../../../common/contract/contract';
import { Model } from '../../../main/core/model/model';
import type { StoredModel } from '../../../main/core/store/vector-blocks';

/** Deterministic pseudo-random numbers (mulberry32) so fixtures are the same every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words that stress every format's escaping: commas, quotes, markup, tabs, non-ASCII. */
export const TRICKY = ['a,b', 'say "hi"', '<tag>&amp;', "o'neil", 'tab\there', 'naïve', 'x|y', '</script><!--'];

/** A real Model over small random unit vectors with known norms. */
export function smallModel(size = 200, dims = 8, seed = 1): Model {
  const r = rng(seed);
  const words = Array.from({ length: size }, (_, i) => (i < TRICKY.length ? TRICKY[i] : `w${i}`));
  const vectors = new Float32Array(size * dims);
  const norms = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    let sq = 0;
    for (let j = 0; j < dims; j++) {
      const v = r() * 2 - 1;
      vectors[i * dims + j] = v;
      sq += v * v;
    }
    const norm = Math.sqrt(sq);
    for (let j = 0; j < dims; j++) vectors[i * dims + j] /= norm;
    norms[i] = 1 + i / 10;
  }
  const stored = {
    row: {
      id: 1,
      name: 'tiny',
      dims,
      word_count: size,
      source: 'test',
      format: 'test',
      imported_at: '2026-01-01T00:00:00Z',
      meta: '{}',
      vectors_file: null,
    },
    words,
    norms,
    vectors,
  } as StoredModel;
  return new Model(stored);
}

/** A projection of the model's first `count` words with random coordinates in ±10. */
export function smallProjection(model: Model, count = 100, seed = 2): Projection {
  const r = rng(seed);
  const coords = new Float32Array(count * 3);
  for (let i = 0; i < coords.length; i++) coords[i] = (r() * 2 - 1) * 10;
  return {
    id: 7,
    name: 'test projection',
    model: model.name,
    createdAt: '2026-01-02T03:04:05Z',
    pointCount: count,
    view: { kind: 'words', words: model.words.slice(0, count) },
    params: { nNeighbors: 15, minDist: 0.1, nEpochs: 200, seed: 42 },
    words: model.words.slice(0, count),
    coords,
    meta: {},
  };
}
