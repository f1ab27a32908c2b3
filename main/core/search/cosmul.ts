import type { Model } from '../model/model';
import { dotRows } from './exact-scan';
import type { ResolvedTerm } from './resolve-terms';
import { TopK } from './top-k';

/** gensim's most_similar_cosmul keeps the denominator off zero with this. */
export const COSMUL_EPSILON = 1e-6;

/**
 * 3CosMul (Levy and Goldberg), as gensim's most_similar_cosmul computes it: each cosine shifted
 * to (1 + cos) / 2, positive terms multiplied over negative ones plus 1e-6. A term's weight acts
 * as its exponent, so plain ±1 terms give gensim's formula exactly.
 */
function objective(cos: (term: number) => number, terms: readonly ResolvedTerm[]): number {
  let num = 1;
  let den = 1;
  for (let t = 0; t < terms.length; t++) {
    const f = Math.max(0, (1 + Math.max(-1, Math.min(1, cos(t)))) / 2);
    const w = terms[t].weight;
    if (w > 0) num *= w === 1 ? f : f ** w;
    else if (w < 0) den *= w === -1 ? f : f ** -w;
  }
  return num / (den + COSMUL_EPSILON);
}

/**
 * Exact top k by 3CosMul over rows below `limit`, `exclude` left out. With a pre-scan (the int8
 * index) each term's cosine of every row is known within an interval; the objective is monotone
 * in each cosine, so each row's score has an interval too, and only rows whose upper end reaches
 * the k-th best lower end are scored exactly.
 */
export function cosmulSearch(
  model: Model,
  terms: readonly ResolvedTerm[],
  k: number,
  exclude: ReadonlySet<number>,
  limit = model.size,
): { index: number; score: number }[] {
  const n = Math.min(limit, model.size);
  const exact = (i: number) => objective((t) => dotRows(model.vectors, model.dims, i, terms[t].vector), terms);
  const top = new TopK(Math.max(1, Math.min(k, n)));
  const { bounds } = model.searcher;
  if (!bounds || terms.length === 0) {
    for (let i = 0; i < n; i++) if (!exclude.has(i)) top.push(i, exact(i));
    return top.sorted().slice(0, k);
  }
  // Products of the shifted cosines' bounds, term by term: the numerator's low and high ends
  // (positive terms), and the denominator's (negative terms).
  const numLo = new Float64Array(n).fill(1);
  const numHi = new Float64Array(n).fill(1);
  const denLo = new Float64Array(n).fill(1);
  const denHi = new Float64Array(n).fill(1);
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  const shift = (c: number) => (1 + Math.max(-1, Math.min(1, c))) / 2;
  for (const t of terms) {
    if (t.weight === 0) continue;
    lo.fill(-1);
    hi.fill(1);
    bounds.call(model.searcher, t.vector, lo, hi, n);
    const w = Math.abs(t.weight);
    const [a, b] = t.weight > 0 ? [numLo, numHi] : [denLo, denHi];
    for (let i = 0; i < n; i++) {
      a[i] *= w === 1 ? shift(lo[i]) : shift(lo[i]) ** w;
      b[i] *= w === 1 ? shift(hi[i]) : shift(hi[i]) ** w;
    }
  }
  // A row's score is at least its lowest numerator over its highest denominator, at most the reverse.
  const floor = new TopK(top.k);
  for (let i = 0; i < n; i++) if (!exclude.has(i)) floor.push(i, numLo[i] / (denHi[i] + COSMUL_EPSILON));
  const tau = floor.threshold * (1 - 1e-9) - 1e-12;
  for (let i = 0; i < n; i++) {
    if (numHi[i] / (denLo[i] + COSMUL_EPSILON) >= tau && !exclude.has(i)) top.push(i, exact(i));
  }
  return top.sorted().slice(0, k);
}
