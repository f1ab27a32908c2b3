import fs from 'node:fs';
import path from 'node:path';

/** A tiny deterministic generator, so every corpus is the same from run to run. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** Two topics of real words, so a trained model can also be compared with GloVe. */
export const TOPIC_A = (
  'cat dog horse cow sheep goat pig rabbit mouse rat wolf fox bear deer lion tiger ' +
  'elephant monkey zebra giraffe camel donkey duck goose chicken owl eagle hawk snake frog'
).split(' ');
export const TOPIC_B = (
  'bank money loan credit debt interest mortgage tax budget profit revenue income salary ' +
  'payment invoice deposit account stock bond market investor dividend equity asset fund ' +
  'cash finance price inflation economy'
).split(' ');

/**
 * Two topics whose words never share a sentence: every line draws all its words from one topic.
 * A model that learns from co-occurrence must put each word's neighbours in its own topic.
 */
export function plantedCorpus(sentences: number, seed = 1): string {
  const r = rng(seed);
  const lines: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const topic = r() < 0.5 ? TOPIC_A : TOPIC_B;
    const words: string[] = [];
    const len = 8 + Math.floor(r() * 8);
    for (let i = 0; i < len; i++) words.push(topic[Math.floor(r() * topic.length)]);
    lines.push(words.join(' '));
  }
  return `${lines.join('\n')}\n`;
}

export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/** Random filler text with `pairs` lines holding "new york": a pair far more frequent than chance. */
export function phraseCorpus(lines: number, pairs: number, seed = 5): string {
  const r = rng(seed);
  const vocab = Array.from({ length: 500 }, (_, i) => `w${i}`);
  const out: string[] = [];
  for (let l = 0; l < lines; l++) {
    const words = Array.from({ length: 10 }, () => vocab[Math.floor(r() * vocab.length)]);
    if (l < pairs) words.splice(3, 0, 'new', 'york');
    out.push(words.join(' '));
  }
  return `${out.join('\n')}\n`;
}
