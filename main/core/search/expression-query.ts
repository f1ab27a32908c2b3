import type { AnalogyMethod, ExpressionTermInfo, NeighborsResult } from '../../../common/contract/contract';
import { ExpressionError } from '../../../common/expression/expression-error';
import { type ExpressionTerm, formatTerms, parseExpression } from '../../../common/expression/parse-expression';
import { ExplorerError } from '../errors';
import type { Model } from '../model/model';
import { cosmulSearch } from './cosmul';
import { type ResolvedTerm, resolveTerms, weightedSum } from './resolve-terms';

export interface ExpressionOptions {
  k: number;
  method: AnalogyMethod;
  /** Only rows below this are candidates (gensim's restrict_vocab). Default: all. */
  limit?: number;
}

/** Hits for resolved terms: 3CosAdd through the exact index, or 3CosMul; the input words left out. */
export function searchTerms(model: Model, terms: readonly ResolvedTerm[], opts: ExpressionOptions): { index: number; score: number }[] {
  const exclude = new Set(terms.flatMap((t) => t.inputRows));
  const limit = Math.min(opts.limit ?? model.size, model.size);
  if (opts.method === 'mul') return cosmulSearch(model, terms, opts.k, exclude, limit);
  const query = weightedSum(terms, model.dims);
  if (!query) {
    throw new ExpressionError('cancels-out', 'The words cancel out: the expression has no direction.', 0, formatTerms(terms).length);
  }
  // Ask for as many extra hits as there are input rows, then drop those: the top k of the rest.
  const hits = model.searcher.search(query, opts.k + exclude.size, -1, limit);
  return hits.filter((h) => !exclude.has(h.index)).slice(0, opts.k);
}

export function termInfo(terms: readonly ResolvedTerm[]): ExpressionTermInfo[] {
  return terms.map((t) => ({
    text: t.text,
    matched: t.matched,
    weight: t.weight,
    phrase: t.phrase,
    ...(t.row >= 0 ? { rank: t.row } : {}),
  }));
}

/** The answer to resolved terms as a neighbour result, `query` as the caller wants it shown. */
export function termsResult(model: Model, query: string, terms: ResolvedTerm[], opts: ExpressionOptions): NeighborsResult {
  const hits = searchTerms(model, terms, opts);
  return {
    model: model.name,
    query,
    expression: formatTerms(terms.map((t) => ({ ...t, text: t.phrase ? t.text : t.matched }))),
    method: opts.method,
    terms: termInfo(terms),
    neighbors: hits.map((h) => ({ word: model.words[h.index], similarity: h.score, rank: h.index })),
  };
}

/** A problem as the result's error, its place included. */
export function expressionFailure(model: Model, query: string, e: ExpressionError): NeighborsResult {
  const { code, message, column, length, suggestions } = e.problem;
  return { model: model.name, query, error: { code, message, column, length, ...(suggestions ? { suggestions } : {}) } };
}

/** Parses and answers an expression typed as a query; errors come back in the result, positioned. */
export function expressionNeighbors(model: Model, query: string, opts: ExpressionOptions): NeighborsResult {
  let terms: ExpressionTerm[];
  try {
    terms = parseExpression(query).terms;
    return termsResult(model, query, resolveTerms(model, terms), opts);
  } catch (e) {
    if (e instanceof ExpressionError) return expressionFailure(model, query, e);
    throw e;
  }
}

/**
 * Rows of an expression's neighbourhood for a projection: its words first, then its k nearest
 * answers (3CosAdd). A malformed expression is a user error carrying its column.
 */
export function expressionRows(model: Model, query: string, k: number): number[] {
  try {
    const terms = resolveTerms(model, parseExpression(query).terms);
    const own = [...new Set(terms.filter((t) => t.row >= 0).map((t) => t.row))];
    return [...own, ...searchTerms(model, terms, { k, method: 'add' }).map((h) => h.index)];
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
    throw new ExplorerError(e.problem.code, e.problem.message, { ...e.problem });
  }
}
