import type { EvaluationResult } from '../../../common/contract/contract';

const count = (n: number) => n.toLocaleString('en-US');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const corr = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

/** An evaluation as a Markdown table with a caption line, for a report. */
export function evaluationMarkdown(r: EvaluationResult): string {
  if (r.kind === 'pairs') {
    return [
      `Word-pair similarity: **${cell(r.file)}** on ${cell(r.model)} (${count(r.pairs)} pairs, ${r.oovRatio.toFixed(1)}% out of vocabulary)`,
      '',
      '| Measure | Value |',
      '|:---|---:|',
      `| Pearson | ${corr(r.pearson)} |`,
      `| Spearman | ${corr(r.spearman)} |`,
      `| Pairs | ${count(r.pairs)} |`,
      `| Skipped (unknown words) | ${count(r.skipped)} |`,
      '',
    ].join('\n');
  }
  return [
    `Analogies: **${cell(r.file)}** on ${cell(r.model)} (3CosAdd, ${count(r.questions)} questions, ${count(r.skipped)} skipped, candidates restricted to ${count(r.restrict)} words)`,
    '',
    '| Section | Correct | Total | Accuracy |',
    '|:---|---:|---:|---:|',
    ...r.sections.map((s) => `| ${cell(s.name)} | ${count(s.correct)} | ${count(s.total)} | ${pct(s.accuracy)} |`),
    `| **Total** | **${count(r.correct)}** | **${count(r.questions - r.skipped)}** | **${pct(r.accuracy)}** |`,
    '',
  ].join('\n');
}
