import fs from 'node:fs';
import path from 'node:path';
import { EVALUATION_RESTRICT_DEFAULT, type EvaluationResult } from '../../../common/contract/contract';
import { ExplorerError } from '../../core/errors';
import { COMMON_DETAILS, COMMON_OPTIONS, type Command, intOption, UsageError } from '../command';
import { openService } from '../context';

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const fmt = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));
const count = (n: number) => n.toLocaleString('en-US');

/** The JSON the issue fixes: gensim's figures under gensim's names (oov_ratio in percent). */
function toJson(r: EvaluationResult) {
  if (r.kind === 'pairs') {
    return {
      model: r.model,
      file: r.file,
      pairs: r.pairs,
      skipped: r.skipped,
      oov_ratio: r.oovRatio,
      pearson: r.pearson,
      spearman: r.spearman,
    };
  }
  return {
    model: r.model,
    file: r.file,
    questions: r.questions,
    skipped: r.skipped,
    correct: r.correct,
    accuracy: r.accuracy,
    sections: r.sections,
  };
}

function printText(r: EvaluationResult): void {
  const out: string[] = [];
  if (r.kind === 'pairs') {
    out.push(`${r.file} on ${r.model}: ${count(r.pairs)} pairs, ${count(r.skipped)} skipped (${r.oovRatio.toFixed(1)}% out of vocabulary)`);
    out.push(`  Pearson   ${fmt(r.pearson)}`, `  Spearman  ${fmt(r.spearman)}`);
  } else {
    const width = Math.max(7, ...r.sections.map((s) => s.name.length));
    out.push(
      `${r.file} on ${r.model}: ${count(r.questions)} questions, ${count(r.skipped)} skipped (restricted to ${count(r.restrict)} words)`,
    );
    for (const s of r.sections)
      out.push(`  ${s.name.padEnd(width)}  ${pct(s.accuracy).padStart(7)}  ${count(s.correct).padStart(6)} / ${count(s.total)}`);
    out.push(
      `  ${'Total'.padEnd(width)}  ${pct(r.accuracy).padStart(7)}  ${count(r.correct).padStart(6)} / ${count(r.questions - r.skipped)}`,
    );
  }
  if (r.invalid)
    out.push(
      `  (${count(r.invalid)} line${r.invalid === 1 ? '' : 's'} not in the ${r.kind === 'pairs' ? 'word<TAB>word<TAB>score' : '"a b c d"'} format, skipped)`,
    );
  process.stdout.write(`${out.join('\n')}\n`);
}

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'score a model on a word-pair similarity or analogy benchmark file (as gensim does)',
  usage: 'embedding-explorer evaluate pairs|analogies FILE [--restrict 300000] [--model NAME] [--json]',
  details: [
    '  pairs FILE       word1<TAB>word2<TAB>score lines (WordSim-353, SimLex-999): Pearson and Spearman',
    '  analogies FILE   questions-words.txt format (": section", then "a b c d"): accuracy per section',
    `  --restrict N     only the N most frequent words count as known (default ${count(EVALUATION_RESTRICT_DEFAULT)})`,
    '  --model NAME     model to evaluate (default: the active model)',
    ...COMMON_DETAILS,
  ],
  options: { ...COMMON_OPTIONS, model: { type: 'string' }, restrict: { type: 'string' } },
  async run(positionals, values) {
    const [kind, file, ...rest] = positionals;
    if (kind !== 'pairs' && kind !== 'analogies') throw new UsageError('say what to evaluate: "pairs FILE" or "analogies FILE"');
    if (!file || rest.length) throw new UsageError(`give one benchmark FILE after "${kind}"`);
    const restrict = intOption(values, 'restrict', EVALUATION_RESTRICT_DEFAULT, 1, 1_000_000_000);
    let content: string;
    try {
      content = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new ExplorerError('bad-file', `Cannot read ${file}: ${(e as Error).message}`);
    }
    const service = openService(values);
    try {
      const r = await service.evaluate({
        kind,
        fileName: path.basename(file),
        content,
        restrict,
        model: values.model as string | undefined,
      });
      if (values.json) process.stdout.write(`${JSON.stringify(toJson(r), null, 2)}\n`);
      else printText(r);
      return 0;
    } finally {
      service.close();
    }
  },
};
