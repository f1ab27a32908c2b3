import { K_DEFAULT, K_MAX, type NeighborsResult } from '../../../common/contract/contract';
import { COMMON_DETAILS, COMMON_OPTIONS, type Command, intOption, UsageError } from '../command';
import { openService } from '../context';
import { neighboursCsv } from '../../core/export/csv-writer';
import { neighboursMarkdown } from '../../core/export/markdown-writer';

/** --format csv|md: the neighbour table as a report would take it (one table per word, CSV tables separated by a blank line). */
function printTable(results: NeighborsResult[], format: string, keepFormulas: boolean): void {
  const tables = results
    .filter((r) => r.neighbors)
    .map((r) =>
      format === 'csv' ? neighboursCsv(r.neighbors!, { keepFormulas }) : neighboursMarkdown(r.matched ?? r.query, r.model, r.neighbors!),
    );
  process.stdout.write(tables.join(format === 'csv' ? '\r\n' : '\n'));
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

function toJson(results: NeighborsResult[]) {
  return results.map((r) =>
    r.error
      ? { model: r.model, query: r.query, error: r.error.message, suggestions: r.error.suggestions ?? [] }
      : { model: r.model, query: r.query, neighbors: r.neighbors!.map((n) => ({ word: n.word, similarity: round4(n.similarity) })) },
  );
}

function printText(results: NeighborsResult[]): void {
  for (const r of results) {
    if (!r.neighbors) continue;
    const width = Math.max(4, ...r.neighbors.map((n) => n.word.length));
    process.stdout.write(`${r.matched} (${r.model})\n`);
    r.neighbors.forEach((n, i) => {
      process.stdout.write(`${String(i + 1).padStart(4)}  ${n.word.padEnd(width)}  ${n.similarity.toFixed(4)}\n`);
    });
    process.stdout.write('\n');
  }
}

export const neighborsCommand: Command = {
  name: 'neighbors',
  summary: 'nearest neighbours of words by cosine similarity',
  usage: 'embedding-explorer neighbors WORD [WORD...] [--k 10] [--model NAME] [--json | --format csv|md [--keep-formulas]]',
  details: [
    `  --k N            neighbours per word (default ${K_DEFAULT}, 1..${K_MAX})`,
    '  --model NAME     model to search (default: the active model)',
    '  --format F       csv | md: print the table as CSV (rank,word,similarity) or Markdown',
    "  --keep-formulas  csv: words starting with = + - @ tab or CR as they are (default: prefixed with ')",
    ...COMMON_DETAILS,
  ],
  options: {
    ...COMMON_OPTIONS,
    k: { type: 'string' },
    model: { type: 'string' },
    format: { type: 'string' },
    'keep-formulas': { type: 'boolean' },
  },
  async run(positionals, values) {
    if (positionals.length === 0) throw new UsageError('give at least one word, e.g. "embedding-explorer neighbors virtue"');
    const k = intOption(values, 'k', K_DEFAULT, 1, K_MAX);
    const format = values.format as string | undefined;
    if (format !== undefined && format !== 'csv' && format !== 'md') throw new UsageError(`--format must be csv or md (got "${format}")`);
    const service = openService(values);
    try {
      const results = await service.neighbors({ words: positionals, k, model: values.model as string | undefined });
      if (format) printTable(results, format, values['keep-formulas'] === true);
      else if (values.json) process.stdout.write(`${JSON.stringify(toJson(results), null, 2)}\n`);
      else printText(results);
      let failed = 0;
      for (const r of results) {
        if (r.error) {
          process.stderr.write(`embedding-explorer: ${r.error.message}\n`);
          failed++;
        }
      }
      return failed ? 1 : 0;
    } finally {
      service.close();
    }
  },
};
