import type {
  AnalogyRequest,
  AxesRequest,
  AxesResult,
  AxisInfo,
  DoesntMatchRequest,
  DoesntMatchResult,
  NeighborsResult,
} from '../../../common/contract/contract';
import { K_DEFAULT } from '../../../common/contract/contract';
import { ExpressionError } from '../../../common/expression/expression-error';
import { formatTerms, parseExpression } from '../../../common/expression/parse-expression';
import { ExplorerError } from '../errors';
import type { Model } from '../model/model';
import { expressionFailure, termInfo, termsResult } from '../search/expression-query';
import { type ResolvedTerm, resolveTerms, weightedSum } from '../search/resolve-terms';
import { suggestSpellings } from '../search/spelling';

/** "a : b :: c : ?" as the expression b − a + c, shown as typed: "king - man + woman". */
export function analogy(model: Model, req: AnalogyRequest): NeighborsResult {
  const { a, b, c } = req;
  const query = `${b} - ${a} + ${c}`;
  // Offsets into `query`, so an unknown word's column points at it there.
  const at = [0, b.length + 3, b.length + 3 + a.length + 3];
  const typed = [
    { text: b, phrase: false, weight: 1, at: at[0], length: b.length },
    { text: a, phrase: false, weight: -1, at: at[1], length: a.length },
    { text: c, phrase: false, weight: 1, at: at[2], length: c.length },
  ];
  try {
    for (const t of typed) {
      if (t.text.trim().length === 0) throw new ExpressionError('empty-expression', 'Each of a, b and c needs a word.', t.at, 1);
    }
    const terms = resolveTerms(
      model,
      typed.map((t) => ({ ...t, text: t.text.trim() })),
    );
    return termsResult(model, query, terms, { k: req.k ?? K_DEFAULT, method: req.method ?? 'add', limit: req.restrict });
  } catch (e) {
    if (e instanceof ExpressionError) return expressionFailure(model, query, e);
    throw e;
  }
}

/** gensim's doesnt_match: each word's cosine with the normalised mean of all their unit vectors; the lowest is odd. */
export function doesntMatch(model: Model, req: DoesntMatchRequest): DoesntMatchResult {
  const rows: number[] = [];
  const missing: DoesntMatchResult['missing'] = [];
  for (const w of req.words) {
    const i = model.lookup(w.trim());
    if (i >= 0) rows.push(i);
    else missing.push({ word: w, suggestions: suggestSpellings(w.trim(), model.words) });
  }
  if (rows.length === 0) {
    const hint = missing.map((m) => (m.suggestions.length ? `${m.word} (did you mean ${m.suggestions[0]}?)` : m.word)).join(', ');
    throw new ExplorerError('unknown-word', `None of the words is in ${model.name}: ${hint}.`, { missing });
  }
  const terms: ResolvedTerm[] = rows.map((r) => ({
    text: model.words[r],
    matched: model.words[r],
    weight: 1,
    phrase: false,
    row: r,
    inputRows: [r],
    vector: model.row(r),
  }));
  const mean = weightedSum(terms, model.dims);
  const similarities = rows.map((r) => {
    let s = 0;
    if (mean) for (let j = 0; j < model.dims; j++) s += model.vectors[r * model.dims + j] * mean[j];
    return { word: model.words[r], similarity: s };
  });
  // gensim sorts (similarity, word) pairs descending and takes the last.
  const ranked = [...similarities].sort((x, y) => y.similarity - x.similarity || (x.word < y.word ? 1 : x.word > y.word ? -1 : 0));
  return { model: model.name, words: rows.map((r) => model.words[r]), odd: ranked[ranked.length - 1].word, similarities: ranked, missing };
}

function endLabel(terms: ResolvedTerm[], sign: 1 | -1): string {
  const side = terms
    .filter((t) => Math.sign(t.weight) === sign)
    .map((t) => ({ ...t, weight: Math.abs(t.weight), text: t.phrase ? t.text : t.matched }));
  return side.length ? formatTerms(side) : '';
}

/** Unit vectors of semantic axes; an axis that cannot be read is an error naming it and its column. */
export function axes(model: Model, req: AxesRequest): AxesResult {
  const names = ['x', 'y', 'z'];
  const infos: AxisInfo[] = [];
  const vectors = new Float32Array(req.axes.length * model.dims);
  req.axes.forEach((expression, i) => {
    try {
      const terms = resolveTerms(model, parseExpression(expression).terms);
      const v = weightedSum(terms, model.dims);
      if (!v) throw new ExpressionError('cancels-out', 'The words cancel out: the axis has no direction.', 0, expression.length);
      vectors.set(v, i * model.dims);
      const canonical = formatTerms(terms.map((t) => ({ ...t, text: t.phrase ? t.text : t.matched })));
      const positive = endLabel(terms, 1);
      const negative = endLabel(terms, -1);
      infos.push({
        expression,
        canonical,
        positiveLabel: positive || `−(${negative})`,
        negativeLabel: negative || `−(${positive})`,
        terms: termInfo(terms),
      });
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      const p = e.problem;
      throw new ExplorerError('invalid-expression', `Axis ${names[i]}: ${p.message}`, { axis: i, ...p });
    }
  });
  return { model: model.name, dims: model.dims, axes: infos, vectors };
}
