import { type ImportModelResult, MODEL_FORMATS, type ModelFormat } from '../../../common/contract/contract';
import { COMMON_DETAILS, COMMON_OPTIONS, type Command, intOption, UsageError } from '../command';
import { openService } from '../context';

const FORMATS = MODEL_FORMATS;

function describe(r: ImportModelResult): string {
  const lines = [
    `Imported ${r.name}: ${r.words.toLocaleString('en-US')} words, ${r.dims} dimensions`,
    `  format    ${r.format}${r.compressed ? ' (gzip)' : ''} (${r.limited ? 'stopped at --limit' : 'whole file'})`,
    `  source    ${r.source}`,
    `  time      ${r.seconds.toFixed(1)} s`,
  ];
  if (r.duplicates)
    lines.push(
      `  skipped   ${r.duplicates.toLocaleString('en-US')} duplicate word${r.duplicates === 1 ? '' : 's'} (kept the first), e.g. ${r.duplicateExamples.join(', ')}`,
    );
  return `${lines.join('\n')}\n`;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import a vector file (word2vec text/binary, GloVe, fastText .vec, Projector TSV; .gz too) as a model',
  usage: 'embedding-explorer import FILE [--name NAME] [--limit N] [--format F] [--use] [--json]',
  details: [
    '  --name NAME      model name (default: the file name without extensions)',
    '  --limit N        keep only the first N words of the file',
    `  --format F       skip detection: ${FORMATS.join(', ')}`,
    '  --use            make the new model the active one',
    ...COMMON_DETAILS,
  ],
  options: { ...COMMON_OPTIONS, name: { type: 'string' }, limit: { type: 'string' }, format: { type: 'string' }, use: { type: 'boolean' } },
  async run(positionals, values) {
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE to import');
    const format = values.format as string | undefined;
    if (format !== undefined && !FORMATS.includes(format as ModelFormat))
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    const limit = values.limit === undefined ? undefined : intOption(values, 'limit', 0, 1, 1_000_000_000);
    const service = openService(values);
    const stop = () => {
      for (const j of service.jobs.list()) if (j.state === 'running') service.jobs.cancel(j.id);
    };
    process.once('SIGINT', stop);
    try {
      const result = await service.importModel({
        path: positionals[0],
        name: values.name as string | undefined,
        limit,
        format: format as ModelFormat | undefined,
        activate: values.use === true,
      });
      process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : describe(result));
      return 0;
    } finally {
      process.off('SIGINT', stop);
      service.close();
    }
  },
};
