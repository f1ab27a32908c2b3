/**
 * The search box's half of the service façade: neighbours of words or expressions, and word
 * completion. ExplorerService delegates here.
 */
import {
  type AnalogyMethod,
  type CompleteRequest,
  type CompleteResult,
  K_DEFAULT,
  type NeighborsRequest,
  type NeighborsResult,
} from '../../../common/contract/contract';
import { looksPlain } from '../../../common/expression/parse-expression';
import type { Model } from '../model/model';
import { expressionNeighbors } from '../search/expression-query';
import { suggestSpellings } from '../search/spelling';
import type { Db } from '../store/database';
import { findModelRow } from '../store/models-repo';

/** What the neighbour look-ups need from the service. */
export interface NeighborsHost {
  readonly db: Db;
  model(name?: string): Promise<Model>;
  activeModelName(): string | null;
}

export async function neighbors(host: NeighborsHost, req: NeighborsRequest): Promise<NeighborsResult[]> {
  const model = await host.model(req.model);
  const k = req.k ?? K_DEFAULT;
  return req.words.map((query) => neighborsOne(model, query, k, req.method ?? 'add'));
}

/** A word the model has keeps the plain path; anything else is read as an expression (search/expression-query.ts). */
function neighborsOne(model: Model, query: string, k: number, method: AnalogyMethod): NeighborsResult {
  const word = query.trim();
  if (word.length === 0) {
    return { model: model.name, query, error: { code: 'empty-query', message: 'The query is empty: type a word.' } };
  }
  // A plain word gets the full look-up (exact, lower-case, any case); other text is a word
  // only if it matches exactly or lower-cased, else it is read as an expression.
  const plain = looksPlain(word);
  if (!plain && model.lookupQuick(word) < 0) return expressionNeighbors(model, query, { k, method });
  const i = model.lookup(word);
  if (i < 0) {
    const suggestions = suggestSpellings(word, model.words);
    const hint = suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : '';
    return {
      model: model.name,
      query,
      error: { code: 'unknown-word', message: `"${word}" is not in ${model.name}.${hint}`, suggestions },
    };
  }
  const hits = model.neighborsOf(i, k);
  return {
    model: model.name,
    query,
    matched: model.words[i],
    neighbors: hits.map((h) => ({ word: model.words[h.index], similarity: h.score, rank: h.index })),
  };
}

export async function complete(host: NeighborsHost, req: CompleteRequest): Promise<CompleteResult> {
  const name = req.model ?? host.activeModelName();
  const row = name ? findModelRow(host.db, name) : undefined;
  const prefix = req.prefix.trim();
  if (!row || prefix.length === 0) return { words: [] };
  const limit = req.limit ?? 10;
  const stmt = host.db.prepare('SELECT word FROM words WHERE model_id = ? AND word >= ? AND word < ? ORDER BY idx LIMIT ?').pluck();
  const hi = `${prefix}\u{10FFFF}`;
  const words = stmt.all(row.id, prefix, hi, limit) as string[];
  if (words.length < limit && prefix !== prefix.toLowerCase()) {
    for (const w of stmt.all(row.id, prefix.toLowerCase(), `${prefix.toLowerCase()}\u{10FFFF}`, limit) as string[]) {
      if (!words.includes(w) && words.length < limit) words.push(w);
    }
  }
  return { words };
}
