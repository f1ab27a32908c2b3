import { ExpressionError } from '../../../common/expression/expression-error';
import type { ExpressionTerm } from '../../../common/expression/parse-expression';
import type { Model } from '../model/model';
import { suggestSpellings } from './spelling';

/** A term of an expression found in the model. */
export interface ResolvedTerm {
  /** What was typed. */
  text: string;
  /** The model word it matched, or the phrase itself when it was composed from its words. */
  matched: string;
  weight: number;
  phrase: boolean;
  /** Its row in the model, or -1 for a phrase composed from several words. */
  row: number;
  /** Rows the query leaves out of its answers: the word's own row, or a composed phrase's words. */
  inputRows: number[];
  /** Unit vector. */
  vector: Float32Array;
}

function unknown(model: Model, word: string, t: ExpressionTerm): never {
  const suggestions = suggestSpellings(word, model.words);
  const hint = suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : '';
  const dash = !t.phrase && word.includes('-') ? ' To subtract, put spaces around "-".' : '';
  throw new ExpressionError(
    'unknown-word',
    `"${word}" is not in ${model.name} (column ${t.at + 1}).${hint}${dash}`,
    t.at,
    t.length,
    suggestions,
  );
}

/** A phrase as vocabularies place it: a token of the model ("new_york" too), else the normalised mean of its words. */
function resolvePhrase(model: Model, t: ExpressionTerm): Pick<ResolvedTerm, 'matched' | 'row' | 'inputRows' | 'vector'> {
  let i = model.lookup(t.text);
  if (i < 0 && t.text.includes(' ')) i = model.lookup(t.text.replace(/ /g, '_'));
  if (i >= 0) return { matched: model.words[i], row: i, inputRows: [i], vector: model.row(i) };
  const parts = t.text.split(' ');
  const rows = parts.map((p) => model.lookup(p));
  const missing = rows.findIndex((r) => r < 0);
  if (missing >= 0) unknown(model, parts[missing], t);
  const sum = new Float64Array(model.dims);
  for (const r of rows) {
    const v = model.row(r);
    for (let j = 0; j < sum.length; j++) sum[j] += v[j];
  }
  const vector = normalise(sum);
  if (!vector)
    throw new ExpressionError('cancels-out', `The words of "${t.text}" cancel out: the phrase has no direction.`, t.at, t.length);
  return { matched: t.text, row: -1, inputRows: rows, vector };
}

/** Looks every term up (exact, then lower-case, as neighbour queries do); an unknown one is a positioned error. */
export function resolveTerms(model: Model, terms: readonly ExpressionTerm[]): ResolvedTerm[] {
  return terms.map((t) => {
    const base = { text: t.text, weight: t.weight, phrase: t.phrase };
    if (t.phrase) return { ...base, ...resolvePhrase(model, t) };
    const i = model.lookup(t.text);
    if (i < 0) unknown(model, t.text, t);
    return { ...base, matched: model.words[i], row: i, inputRows: [i], vector: model.row(i) };
  });
}

/** The unit vector along `v`, or null for a zero vector. */
export function normalise(v: Float64Array): Float32Array | null {
  let sq = 0;
  for (let j = 0; j < v.length; j++) sq += v[j] * v[j];
  if (!(sq > 0) || !Number.isFinite(sq)) return null;
  const inv = 1 / Math.sqrt(sq);
  const out = new Float32Array(v.length);
  for (let j = 0; j < v.length; j++) out[j] = v[j] * inv;
  return out;
}

/** gensim's most_similar query: the weighted sum of the terms' unit vectors, normalised (null if they cancel out). */
export function weightedSum(terms: readonly ResolvedTerm[], dims: number): Float32Array | null {
  const sum = new Float64Array(dims);
  for (const t of terms) for (let j = 0; j < dims; j++) sum[j] += t.weight * t.vector[j];
  return normalise(sum);
}
