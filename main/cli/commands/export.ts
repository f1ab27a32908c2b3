import path from 'node:path';
import { type ProjectionFormat, PROJECTION_FORMATS, exportProjectionToPath } from '../../core/export/exporter';
import { COMMON_DETAILS, COMMON_OPTIONS, type Command, intOption, UsageError } from '../command';
import { openService } from '../context';

export const exportCommand: Command = {
  name: 'export',
  summary: 'export a saved projection as CSV, JSON, a Projector TSV pair, SVG or a self-contained HTML map',
  usage: 'embedding-explorer export PROJECTION_ID|latest --format csv|json|tsv|svg|html --out PATH [--query WORD]',
  details: [
    '  --format F       csv | json | tsv | svg | html (default: from the --out extension)',
    '  --out PATH       file to write (written atomically: complete or not at all). For tsv, PATH is',
    '                   the vectors file and the metadata file goes beside it (vectors.tsv → metadata.tsv,',
    '                   NAME.tsv → NAME-metadata.tsv), or PATH is a folder that gets vectors.tsv + metadata.tsv',
    "  --query WORD     fill similarity/is_query and highlight the word's neighbourhood",
    '  --model NAME     model whose latest projection "latest" means (default: the active model)',
    '  --unit           tsv: write unit vectors instead of the original vectors (unit × stored norm)',
    '  --width N, --height N   svg/in_view viewport in pixels (default 1600 × 1000)',
    '  --theme T        dark | light (svg, html; default dark)',
    '  --transparent    svg without a background',
    '  --keep-formulas  csv: write words and labels starting with = + - @ tab or CR as they are',
    "                   (default: prefixed with ' so spreadsheets show them as text, not formulas)",
    ...COMMON_DETAILS,
  ],
  options: {
    ...COMMON_OPTIONS,
    format: { type: 'string' },
    out: { type: 'string', short: 'o' },
    query: { type: 'string' },
    model: { type: 'string' },
    unit: { type: 'boolean' },
    width: { type: 'string' },
    height: { type: 'string' },
    theme: { type: 'string' },
    transparent: { type: 'boolean' },
    'keep-formulas': { type: 'boolean' },
  },
  async run(positionals, values) {
    if (positionals.length !== 1) throw new UsageError('give one projection id or "latest"');
    const raw = positionals[0];
    if (raw !== 'latest' && !/^\d+$/.test(raw)) throw new UsageError(`the projection must be a number or "latest" (got "${raw}")`);
    const out = values.out as string | undefined;
    if (!out) throw new UsageError('give the file to write with --out PATH');
    const format = ((values.format as string | undefined) ?? path.extname(out).slice(1).toLowerCase()) as ProjectionFormat;
    if (!PROJECTION_FORMATS.includes(format))
      throw new UsageError(`--format must be one of ${PROJECTION_FORMATS.join(', ')} (got "${format}")`);
    const theme = (values.theme as string | undefined) ?? 'dark';
    if (theme !== 'dark' && theme !== 'light') throw new UsageError(`--theme must be dark or light (got "${theme}")`);
    const width = intOption(values, 'width', 1600, 16, 16384);
    const height = intOption(values, 'height', 1000, 16, 16384);
    const service = openService(values);
    try {
      const written = await exportProjectionToPath(
        service,
        {
          id: raw === 'latest' ? 'latest' : Number(raw),
          model: values.model as string | undefined,
          format,
          query: values.query as string | undefined,
          width,
          height,
          theme,
          transparent: Boolean(values.transparent),
          vectors: values.unit ? 'unit' : 'original',
          keepFormulas: values['keep-formulas'] === true,
        },
        path.resolve(out),
      );
      if (values.json) process.stdout.write(`${JSON.stringify({ files: written }, null, 2)}\n`);
      else for (const f of written) process.stdout.write(`${f.path} (${f.bytes.toLocaleString('en-US')} bytes)\n`);
      return 0;
    } finally {
      service.close();
    }
  },
};
