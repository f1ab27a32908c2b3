/**
 * Phrase joining as word2phrase does it: a pair of words that follow each other far more often
 * than chance becomes one token ("new york" → new_york). score = (count(ab) − minCount) ×
 * tokens / (count(a) × count(b)); pairs scoring above the threshold are joined, left to right.
 */
import fs from 'node:fs';
import { ExplorerError } from '../errors';
import { IdFileWriter, readIds, SENTENCE_END } from './id-file';
import type { WordCounter } from './vocab';

/** word2phrase's default threshold. */
export const PHRASE_THRESHOLD = 100;
/** Ids above this cannot be packed into one pair key (2^26 distinct words is beyond any corpus here). */
const MAX_PAIR_ID = 1 << 26;

/** Counts of adjacent word pairs, keyed a × 2^26 + b. */
export class PairCounter {
  readonly counts = new Map<number, number>();

  add(a: number, b: number): void {
    if (a >= MAX_PAIR_ID || b >= MAX_PAIR_ID) return;
    const key = a * MAX_PAIR_ID + b;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}

/**
 * Rewrites the id file with phrases joined (to `<file>.phrases`, replacing the original) and
 * recounts every word, phrases included. Returns the new file and how many phrases were formed.
 */
export function joinPhrases(
  file: string,
  counter: WordCounter,
  pairs: PairCounter,
  minCount: number,
  cancelled: () => boolean,
): { file: string; phrases: number; ids: number } {
  const phraseOf = new Map<number, number>();
  const total = counter.tokens;
  for (const [key, n] of pairs.counts) {
    if (n < minCount) continue;
    const a = Math.floor(key / MAX_PAIR_ID);
    const b = key % MAX_PAIR_ID;
    const score = ((n - minCount) * total) / (counter.counts[a] * counter.counts[b]);
    if (score > PHRASE_THRESHOLD) phraseOf.set(key, counter.intern(`${counter.words[a]}_${counter.words[b]}`));
  }
  pairs.counts.clear();
  counter.counts.fill(0);
  counter.tokens = 0;
  const out = new IdFileWriter(`${file}.phrases`);
  let prev = -1;
  const emit = (id: number) => {
    out.push(id);
    counter.counts[id]++;
    counter.tokens++;
  };
  try {
    for (const chunk of readIds(file)) {
      if (cancelled()) throw new ExplorerError('cancelled', 'Training was cancelled.');
      for (let i = 0; i < chunk.length; i++) {
        const id = chunk[i];
        if (id === SENTENCE_END) {
          if (prev >= 0) emit(prev);
          out.push(SENTENCE_END);
          prev = -1;
          continue;
        }
        if (prev < 0) {
          prev = id;
          continue;
        }
        const phrase = prev < MAX_PAIR_ID && id < MAX_PAIR_ID ? phraseOf.get(prev * MAX_PAIR_ID + id) : undefined;
        if (phrase !== undefined) {
          emit(phrase);
          prev = -1;
        } else {
          emit(prev);
          prev = id;
        }
      }
    }
  } finally {
    out.close();
  }
  fs.renameSync(out.file, file);
  return { file, phrases: phraseOf.size, ids: out.written };
}
