/**
 * Quality figures for trained models: how far the top-10 neighbours of the most frequent words
 * agree between two models, and Spearman's correlation with human similarity judgements
 * (WordSim-353-style "word1<TAB>word2<TAB>score" files).
 */
import fs from 'node:fs';
import { knnRowsWasm } from '../core/projection/knn-rows-wasm';

export interface Vectors {
  words: string[];
  dims: number;
  /** Unit rows. */
  vectors: Float32Array;
}

/** Reads a word2vec text file (gensim's save_word2vec_format) into unit rows. */
export function readWord2vecText(file: string): Vectors {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const [n, dims] = lines[0].split(' ').map(Number);
  const words: string[] = [];
  const vectors = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) {
    const parts = lines[i + 1].trimEnd().split(' ');
    words.push(parts[0]);
    let sq = 0;
    for (let j = 0; j < dims; j++) sq += Number(parts[j + 1]) ** 2;
    const inv = sq > 0 ? 1 / Math.sqrt(sq) : 0;
    for (let j = 0; j < dims; j++) vectors[i * dims + j] = Number(parts[j + 1]) * inv;
  }
  return { words, dims, vectors };
}

/** Top-k neighbour words (whole vocabulary) of each query word the model has. */
function neighbourSets(m: Vectors, queries: string[], k: number): Map<string, string[]> {
  const index = new Map(m.words.map((w, i) => [w, i]));
  const qs = queries.filter((q) => index.has(q));
  const order = qs.map((q) => index.get(q)!);
  const first = new Set(order);
  for (let i = 0; i < m.words.length; i++) if (!first.has(i)) order.push(i);
  const d = m.dims;
  const mat = new Float32Array(order.length * d);
  order.forEach((row, i) => mat.set(m.vectors.subarray(row * d, (row + 1) * d), i * d));
  const { idxs } = knnRowsWasm(mat, order.length, d, k, 0, qs.length);
  const out = new Map<string, string[]>();
  qs.forEach((q, i) =>
    out.set(
      q,
      Array.from(idxs.subarray(i * k, (i + 1) * k), (p) => m.words[order[p]]),
    ),
  );
  return out;
}

/** Mean |A ∩ B| / k over the queries both models know. */
export function meanTopKOverlap(a: Vectors, b: Vectors, queries: string[], k = 10): number {
  const na = neighbourSets(a, queries, k);
  const nb = neighbourSets(b, queries, k);
  let sum = 0;
  let n = 0;
  for (const [q, la] of na) {
    const lb = nb.get(q);
    if (!lb) continue;
    const set = new Set(lb);
    sum += la.filter((w) => set.has(w)).length / k;
    n++;
  }
  return n ? sum / n : NaN;
}

function ranks(x: number[]): number[] {
  const order = x.map((v, i) => [v, i] as const).sort((p, q) => p[0] - q[0]);
  const r = new Array<number>(x.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let t = i; t <= j; t++) r[order[t][1]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}

export function spearman(x: number[], y: number[]): number {
  const rx = ranks(x);
  const ry = ranks(y);
  const mean = (v: number[]) => v.reduce((s, t) => s + t, 0) / v.length;
  const mx = mean(rx);
  const my = mean(ry);
  let num = 0;
  let dx = 0;
  let dy = 0;
  for (let i = 0; i < rx.length; i++) {
    num += (rx[i] - mx) * (ry[i] - my);
    dx += (rx[i] - mx) ** 2;
    dy += (ry[i] - my) ** 2;
  }
  return num / Math.sqrt(dx * dy);
}

export function readPairs(file: string): { a: string; b: string; score: number }[] {
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t'))
    .filter((f) => f.length >= 3 && Number.isFinite(Number(f[2])))
    .map((f) => ({ a: f[0].toLowerCase(), b: f[1].toLowerCase(), score: Number(f[2]) }));
}

/** Spearman of each model's cosines with the human scores, on the pairs every model covers. */
export function pairCorrelations(
  models: Vectors[],
  pairs: { a: string; b: string; score: number }[],
): { pairs: number; spearman: number[] } {
  const indexes = models.map((m) => new Map(m.words.map((w, i) => [w, i])));
  const covered = pairs.filter((p) => indexes.every((ix) => ix.has(p.a) && ix.has(p.b)));
  const spearmanOf = (m: Vectors, ix: Map<string, number>) => {
    const cos = covered.map((p) => {
      const a = ix.get(p.a)! * m.dims;
      const b = ix.get(p.b)! * m.dims;
      let s = 0;
      for (let j = 0; j < m.dims; j++) s += m.vectors[a + j] * m.vectors[b + j];
      return s;
    });
    return spearman(
      cos,
      covered.map((p) => p.score),
    );
  };
  return { pairs: covered.length, spearman: models.map((m, i) => spearmanOf(m, indexes[i])) };
}
