import type { PairsEvaluation } from '../../../common/contract/contract';
import { ExplorerError } from '../errors';
import type { Model } from '../model/model';
import { dotRows } from '../search/exact-scan';
import { readPairs } from './benchmark-files';
import { pearson, spearman } from './correlation';
import { upperCaseVocabulary } from './known-words';

/**
 * gensim's evaluate_word_pairs: case-insensitive look-up among the `restrict` most frequent
 * words, pairs with an unknown word skipped (dummy4unknown off), Pearson and Spearman of the
 * cosine against the human score, and the skipped share in percent.
 */
export function evaluatePairs(model: Model, content: string, file: string, restrict: number): Omit<PairsEvaluation, 'seconds'> {
  const { pairs, invalid } = readPairs(content);
  const known = upperCaseVocabulary(model, restrict);
  const gold: number[] = [];
  const cosines: number[] = [];
  let skipped = 0;
  for (const p of pairs) {
    const a = known.get(p.a.toUpperCase());
    const b = known.get(p.b.toUpperCase());
    if (a === undefined || b === undefined) {
      skipped++;
      continue;
    }
    gold.push(p.score);
    cosines.push(dotRows(model.vectors, model.dims, a, model.row(b)));
  }
  if (gold.length === 0) {
    throw new ExplorerError(
      'bad-benchmark',
      `${file}: no pair could be compared: ${pairs.length === 0 ? 'no line reads as word<TAB>word<TAB>score' : `every pair has a word ${model.name} lacks`}.`,
    );
  }
  return {
    kind: 'pairs',
    model: model.name,
    file,
    pairs: gold.length,
    skipped,
    invalid,
    oovRatio: (skipped / (gold.length + skipped)) * 100,
    pearson: pearson(gold, cosines),
    spearman: spearman(gold, cosines),
    restrict,
  };
}
