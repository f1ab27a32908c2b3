import fs from 'node:fs';
import { COMPARE_K, COMPARE_TOP, type CompareModelsResult } from '../../../common/contract/contract';
import { ExplorerError } from '../../core/errors';
import { COMMON_DETAILS, COMMON_OPTIONS, type Command, intOption, UsageError } from '../command';
import { openService } from '../context';

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

function readWords(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ExplorerError('file-not-found', `Cannot read the word list ${file}: ${(e as Error).message}`);
  }
  const words = text
    .split(/\r?\n/)
    .map((w) => w.trim())
    .filter((w) => w.length > 0);
  if (words.length === 0) throw new ExplorerError('empty-file', `The word list ${file} holds no words (one word per line).`);
  if (words.length > COMPARE_TOP.max)
    throw new ExplorerError('too-many-words', `The word list ${file} holds more than ${COMPARE_TOP.max} words.`);
  return words;
}

function printText(r: CompareModelsResult): void {
  const out = [
    `${r.a} vs ${r.b}: ${r.shared.toLocaleString('en-US')} shared words; mean Jaccard of top-${r.k} neighbours ${r.meanJaccard.toFixed(4)} over ${r.words.length.toLocaleString('en-US')} words`,
    '',
    'jaccard  word',
  ];
  for (const w of r.words) {
    const both = new Set(w.a.filter((x) => w.b.includes(x)));
    const mark = (list: string[]) => list.map((x) => (both.has(x) ? `*${x}` : x)).join(' ');
    out.push(`${w.jaccard.toFixed(4)}   ${w.word}`, `         ${r.a}: ${mark(w.a)}`, `         ${r.b}: ${mark(w.b)}`);
  }
  out.push('', '* in both lists');
  if (r.missing.length) out.push(`Not in both models: ${r.missing.join(', ')}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

export const compareCommand: Command = {
  name: 'compare',
  summary: 'compare the neighbourhoods of two models, word by word (Jaccard overlap of the top-k neighbours)',
  usage: 'embedding-explorer compare MODEL_A MODEL_B [--words FILE | --top N] [--k 10] [--json]',
  details: [
    '  --words FILE     compare these words (one per line)',
    `  --top N          compare the N most frequent shared words (default ${COMPARE_TOP.default})`,
    `  --k N            neighbours per word (default ${COMPARE_K.default}, ${COMPARE_K.min}..${COMPARE_K.max})`,
    ...COMMON_DETAILS,
    '  Words are listed least overlap first; neighbours are drawn from the words both models share.',
  ],
  options: { ...COMMON_OPTIONS, words: { type: 'string' }, top: { type: 'string' }, k: { type: 'string' } },
  async run(positionals, values) {
    if (positionals.length !== 2) throw new UsageError('give exactly two model names');
    if (values.words !== undefined && values.top !== undefined) throw new UsageError('give --words or --top, not both');
    const k = intOption(values, 'k', COMPARE_K.default, COMPARE_K.min, COMPARE_K.max);
    const top = intOption(values, 'top', COMPARE_TOP.default, COMPARE_TOP.min, COMPARE_TOP.max);
    const words = typeof values.words === 'string' ? readWords(values.words) : undefined;
    const service = openService(values);
    try {
      const r = await service.compareModels({ a: positionals[0], b: positionals[1], words, top, k });
      if (values.json) {
        const json = {
          a: r.a,
          b: r.b,
          shared: r.shared,
          k: r.k,
          mean_jaccard: round4(r.meanJaccard),
          words: r.words.map((w) => ({ word: w.word, jaccard: round4(w.jaccard), a: w.a, b: w.b })),
          missing: r.missing,
        };
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      } else printText(r);
      return 0;
    } finally {
      service.close();
    }
  },
};
