import type { AnalogyMethod, NeighborsResult } from '../../../common/contract/contract';
import { pointAt } from '../../../common/expression/expression-error';
import { type Values, UsageError } from '../command';

export const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** --method add|mul, "add" when absent. */
export function methodOption(values: Values): AnalogyMethod {
  const m = values.method;
  if (m === undefined) return 'add';
  if (m !== 'add' && m !== 'mul') throw new UsageError(`--method must be add or mul (got "${String(m)}")`);
  return m;
}

/** One result as `neighbors --json` prints it; expressions add their method, errors their column. */
export function neighborsJson(r: NeighborsResult) {
  if (r.error) {
    return {
      model: r.model,
      query: r.query,
      error: r.error.message,
      suggestions: r.error.suggestions ?? [],
      ...(r.error.column !== undefined ? { column: r.error.column } : {}),
    };
  }
  return {
    model: r.model,
    query: r.query,
    ...(r.method ? { method: r.method } : {}),
    neighbors: r.neighbors!.map((n) => ({ word: n.word, similarity: round4(n.similarity) })),
  };
}

/** A readable table: the matched word or the expression, then rank, word and cosine. */
export function printNeighbors(r: NeighborsResult): void {
  if (!r.neighbors) return;
  const width = Math.max(4, ...r.neighbors.map((n) => n.word.length));
  const title = r.matched ?? `${r.expression ?? r.query}${r.method === 'mul' ? ' (3CosMul)' : ''}`;
  process.stdout.write(`${title} (${r.model})\n`);
  r.neighbors.forEach((n, i) => {
    process.stdout.write(`${String(i + 1).padStart(4)}  ${n.word.padEnd(width)}  ${n.similarity.toFixed(4)}\n`);
  });
  process.stdout.write('\n');
}

/** Writes a result's error to stderr (with a caret under the column for expressions); true if there was one. */
export function reportError(r: NeighborsResult): boolean {
  if (!r.error) return false;
  const { column, length } = r.error;
  const where =
    column !== undefined && length !== undefined ? `\n${pointAt(r.query, { code: 'unknown-word', message: '', column, length })}` : '';
  process.stderr.write(`embedding-explorer: ${r.error.message}${where}\n`);
  return true;
}
