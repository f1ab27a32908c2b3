import { K_DEFAULT, K_MAX, type NeighborsResult } from '../../../common/contract/contract';
import { COMMON_DETAILS, COMMON_OPTIONS, type Command, intOption, UsageError } from '../command';
import { openService } from '../context';
import { neighboursCsv } from '../../core/export/csv-writer';
import { neighboursMarkdown } from '../../core/export/markdown-writer';
import { methodOption, neighborsJson, printNeighbors, reportError } from './neighbor-output';

/** --format csv|md: the neighbour table as a report would take it (one table per word, CSV tables separated by a blank line). */
function printTable(results: NeighborsResult[], format: string, keepFormulas: boolean): void {
  const tables = results
    .filter((r) => r.neighbors)
    .map((r) =>
      format === 'csv'
        ? neighboursCsv(r.neighbors!, { keepFormulas })
        : neighboursMarkdown(r.matched ?? r.expression ?? r.query, r.model, r.neighbors!),
    );
  process.stdout.write(tables.join(format === 'csv' ? '\r\n' : '\n'));
}

export const neighborsCommand: Command = {
  name: 'neighbors',
  summary: 'nearest neighbours of words or expressions ("king - man + woman") by cosine similarity',
  usage:
    'embedding-explorer neighbors WORD|EXPRESSION [...] [--k 10] [--method add|mul] [--model NAME] [--json | --format csv|md [--keep-formulas]]',
  details: [
    `  --k N            neighbours per word (default ${K_DEFAULT}, 1..${K_MAX})`,
    '  --method M       add (3CosAdd, default) | mul (3CosMul): how an expression combines its words',
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
    method: { type: 'string' },
    'keep-formulas': { type: 'boolean' },
  },
  async run(positionals, values) {
    if (positionals.length === 0) throw new UsageError('give at least one word, e.g. "embedding-explorer neighbors virtue"');
    const k = intOption(values, 'k', K_DEFAULT, 1, K_MAX);
    const format = values.format as string | undefined;
    if (format !== undefined && format !== 'csv' && format !== 'md') throw new UsageError(`--format must be csv or md (got "${format}")`);
    const method = methodOption(values);
    const service = openService(values);
    try {
      const results = await service.neighbors({ words: positionals, k, method, model: values.model as string | undefined });
      if (format) printTable(results, format, values['keep-formulas'] === true);
      else if (values.json) process.stdout.write(`${JSON.stringify(results.map(neighborsJson), null, 2)}\n`);
      else results.forEach(printNeighbors);
      let failed = 0;
      for (const r of results) if (reportError(r)) failed++;
      return failed ? 1 : 0;
    } finally {
      service.close();
    }
  },
};
