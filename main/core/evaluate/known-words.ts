import type { Model } from '../model/model';

/**
 * gensim's ok_vocab: the first `restrict` words by frequency, keyed by their upper-case form;
 * where several words share one, the most frequent wins.
 */
export function upperCaseVocabulary(model: Model, restrict: number): Map<string, number> {
  const n = Math.min(restrict, model.size);
  const map = new Map<string, number>();
  for (let i = n - 1; i >= 0; i--) map.set(model.words[i].toUpperCase(), i);
  return map;
}
