import { type CorpusSummary, TRAIN_LIMITS, type TrainModelResult } from '../../../common/contract/contract';
import { COMMON_DETAILS, COMMON_OPTIONS, type Command, intOption, UsageError, type Values } from '../command';
import { openService } from '../context';

const L = TRAIN_LIMITS;
const n = (x: number) => x.toLocaleString('en-US');

function numberOption(values: Values, name: string, fallback: number, min: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const x = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(x))
    throw new UsageError(`--${name} must be a number (got "${String(raw)}")`);
  if (x < min || x > max) throw new UsageError(`--${name} must be between ${min} and ${max} (got ${x})`);
  return x;
}

export function describeCorpus(s: CorpusSummary): string {
  const lines = [
    `Corpus: ${n(s.files)} file${s.files === 1 ? '' : 's'}, ${n(s.sentences)} sentences, ${n(s.tokens)} words, ${n(s.distinct)} distinct`,
    `  kept      ${n(s.kept)} words seen at least ${n(s.minCount)} times (${n(s.keptTokens)} of the corpus words)`,
  ];
  if (s.phrases) lines.push(`  phrases   ${n(s.phrases)} joined`);
  lines.push(`  frequent  ${s.top.map((t) => `${t.word} ${n(t.count)}`).join(', ')}`);
  for (const w of s.warnings) lines.push(`  warning   ${w}`);
  return `${lines.join('\n')}\n`;
}

function describe(r: TrainModelResult): string {
  const p = r.params;
  return [
    `Trained ${r.model}: ${n(r.words)} words, ${r.dims} dimensions, ${p.cbow ? 'CBOW' : 'skip-gram'}`,
    `  corpus    ${n(r.tokens)} words × ${p.epochs} epochs in ${r.seconds.toFixed(1)} s (${n(Math.round(r.wordsPerSecond))} words/s training)`,
    `  loss      ${r.loss.map((x) => x.toFixed(4)).join(' → ')}`,
    `  settings  window ${p.window}, min count ${p.minCount}, negative ${p.negative}, sample ${p.sample}, alpha ${p.alpha} → ${p.minAlpha}, ${p.threads} thread${p.threads === 1 ? '' : 's'}, seed ${p.seed}`,
    '',
  ].join('\n');
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'train word vectors (word2vec) on your own text files or folders and store them as a model',
  usage:
    'embedding-explorer train PATH... --name NAME [--dims 100] [--window 5] [--min-count 5] [--negative 5] [--sample 1e-3] [--epochs 5] [--alpha 0.025] [--cbow] [--threads N] [--seed S] [--json]',
  details: [
    '  PATH             .txt or .md files (or .gz of them), or folders holding them',
    '  --name NAME      name of the new model (required)',
    `  --dims N         vector length (default ${L.dims.default})`,
    `  --window N       context words on each side, at most (default ${L.window.default})`,
    `  --min-count N    drop words seen fewer times (default ${L.minCount.default})`,
    `  --negative N     negative samples per word (default ${L.negative.default})`,
    `  --sample X       sub-sampling threshold for frequent words, 0 = off (default ${L.sample.default})`,
    `  --epochs N       passes over the corpus (default ${L.epochs.default})`,
    `  --alpha X        starting learning rate, decays to --min-alpha (default ${L.alpha.default})`,
    `  --min-alpha X    final learning rate (default ${L.minAlpha.default})`,
    '  --cbow           CBOW instead of skip-gram',
    '  --threads N      training threads (default: cores, at most 8); 1 with --seed is reproducible',
    `  --seed S         seed of every random choice (default ${L.seed.default})`,
    '  --keep-case      do not lower-case words',
    '  --phrases        join frequent word pairs into phrases (new_york)',
    '  --use            make the new model the active one',
    ...COMMON_DETAILS,
    '  Progress and the corpus counts go to stderr; Ctrl-C cancels and stores nothing.',
  ],
  options: {
    ...COMMON_OPTIONS,
    name: { type: 'string' },
    dims: { type: 'string' },
    window: { type: 'string' },
    'min-count': { type: 'string' },
    negative: { type: 'string' },
    sample: { type: 'string' },
    epochs: { type: 'string' },
    alpha: { type: 'string' },
    'min-alpha': { type: 'string' },
    cbow: { type: 'boolean' },
    threads: { type: 'string' },
    seed: { type: 'string' },
    'keep-case': { type: 'boolean' },
    phrases: { type: 'boolean' },
    use: { type: 'boolean' },
  },
  async run(positionals, values) {
    if (positionals.length === 0) throw new UsageError('give at least one file or folder to train on');
    const name = typeof values.name === 'string' ? values.name.trim() : '';
    if (!name) throw new UsageError('--name NAME is required');
    const alpha = numberOption(values, 'alpha', L.alpha.default, L.alpha.min, L.alpha.max);
    const minAlpha = numberOption(values, 'min-alpha', Math.min(L.minAlpha.default, alpha), L.minAlpha.min, alpha);
    const req = {
      paths: positionals,
      name,
      dims: intOption(values, 'dims', L.dims.default, L.dims.min, L.dims.max),
      window: intOption(values, 'window', L.window.default, L.window.min, L.window.max),
      minCount: intOption(values, 'min-count', L.minCount.default, L.minCount.min, L.minCount.max),
      negative: intOption(values, 'negative', L.negative.default, L.negative.min, L.negative.max),
      sample: numberOption(values, 'sample', L.sample.default, L.sample.min, L.sample.max),
      epochs: intOption(values, 'epochs', L.epochs.default, L.epochs.min, L.epochs.max),
      alpha,
      minAlpha,
      cbow: values.cbow === true,
      threads: values.threads === undefined ? undefined : intOption(values, 'threads', 1, L.threads.min, L.threads.max),
      seed: intOption(values, 'seed', L.seed.default, L.seed.min, L.seed.max),
      lowercase: values['keep-case'] !== true,
      phrases: values.phrases === true,
      activate: values.use === true,
    };
    const service = openService(values);
    const stop = () => {
      for (const j of service.jobs.list()) if (j.state === 'running') service.jobs.cancel(j.id);
    };
    process.once('SIGINT', stop);
    // The progress line shows the epoch; each finished epoch's speed and loss get a line of their own.
    let epoch = '';
    let figures = '';
    service.jobs.on('job', (j) => {
      const m = /^Training, epoch (\d+) of \d+ \((.*)\)$/.exec(j.phase);
      if (j.kind !== 'train' || !m) return;
      if (epoch && m[1] !== epoch) process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[2K' : ''}  epoch ${epoch}: ${figures}\n`);
      [epoch, figures] = [m[1], m[2]];
    });
    try {
      const result = await service.trainModel(req, (s) => process.stderr.write(describeCorpus(s)));
      if (values.json) {
        const json = {
          model: result.model,
          words: result.words,
          dims: result.dims,
          tokens: result.tokens,
          seconds: result.seconds,
          words_per_s: result.wordsPerSecond,
          params: result.params,
        };
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      } else process.stdout.write(describe(result));
      return 0;
    } finally {
      process.off('SIGINT', stop);
      service.close();
    }
  },
};
