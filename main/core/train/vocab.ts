/**
 * Word counts of a corpus and the vocabulary kept from them. Words get provisional ids in order
 * of first appearance while the corpus streams by; the vocabulary then sorts the words seen at
 * least minCount times by count (ties: first seen first), and `remap` turns provisional ids into
 * rows (-1 for dropped words).
 */
export class WordCounter {
  private readonly ids = new Map<string, number>();
  readonly words: string[] = [];
  counts = new Float64Array(1024);
  tokens = 0;

  get size(): number {
    return this.words.length;
  }

  /** Counts one occurrence; returns the word's provisional id. */
  add(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(word, id);
      this.words.push(word);
      if (id === this.counts.length) {
        const grown = new Float64Array(this.counts.length * 2);
        grown.set(this.counts);
        this.counts = grown;
      }
    }
    this.counts[id]++;
    this.tokens++;
    return id;
  }

  /** Adds a word without counting it (phrases are counted on a second pass). */
  intern(word: string): number {
    const before = this.tokens;
    const id = this.add(word);
    this.counts[id]--;
    this.tokens = before;
    return id;
  }

  idOf(word: string): number | undefined {
    return this.ids.get(word);
  }
}

export interface Vocabulary {
  /** Kept words, most frequent first: row i of the model. */
  words: string[];
  /** Their counts. */
  counts: Float64Array;
  /** Provisional id → row, or -1 when the word was dropped. */
  remap: Int32Array;
  /** Corpus words that are in the vocabulary. */
  keptTokens: number;
}

export function buildVocabulary(counter: WordCounter, minCount: number): Vocabulary {
  const n = counter.size;
  const kept: number[] = [];
  for (let i = 0; i < n; i++) if (counter.counts[i] >= minCount) kept.push(i);
  kept.sort((a, b) => counter.counts[b] - counter.counts[a] || a - b);
  const remap = new Int32Array(n).fill(-1);
  const counts = new Float64Array(kept.length);
  let keptTokens = 0;
  kept.forEach((id, row) => {
    remap[id] = row;
    counts[row] = counter.counts[id];
    keptTokens += counts[row];
  });
  return { words: kept.map((id) => counter.words[id]), counts, remap, keptTokens };
}

/** The `limit` most frequent words with their counts (ties: first seen first). */
export function topWords(counter: WordCounter, limit: number): { word: string; count: number }[] {
  const best: number[] = [];
  for (let i = 0; i < counter.size; i++) {
    if (counter.counts[i] <= 0) continue;
    if (best.length === limit && counter.counts[best[limit - 1]] >= counter.counts[i]) continue;
    let p = best.length < limit ? best.length : limit - 1;
    best[p] = i;
    while (p > 0 && counter.counts[best[p - 1]] < counter.counts[i]) {
      best[p] = best[p - 1];
      best[--p] = i;
    }
  }
  return best.map((i) => ({ word: counter.words[i], count: counter.counts[i] }));
}
