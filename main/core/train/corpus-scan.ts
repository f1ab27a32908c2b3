/**
 * The first pass over a corpus: reads every file line by line, tokenises, counts words and
 * (when training) writes the word ids to a temporary file that the epochs then stream. Memory
 * holds the counts (proportional to the vocabulary), never the text.
 */
import type { CorpusSummary } from '../../../common/contract/contract';
import { ExplorerError } from '../errors';
import type { CorpusFile } from './corpus-files';
import { IdFileWriter, SENTENCE_END } from './id-file';
import { forEachLine } from './line-reader';
import { joinPhrases, PairCounter } from './phrases';
import { createTokenizer } from './tokenize';
import { buildVocabulary, topWords, type Vocabulary, WordCounter } from './vocab';

export interface ScanOptions {
  minCount: number;
  lowercase: boolean;
  phrases: boolean;
  /** Where to write the id file; without it only counts are kept (unless phrases need a second pass). */
  idFile?: string;
  /** A scratch path for the phrase pass when there is no id file. */
  scratchFile: string;
  progress: (phase: string, fraction: number) => void;
  cancelled: () => boolean;
}

export interface ScanResult {
  summary: CorpusSummary;
  vocab: Vocabulary;
  /** The id file holding the corpus (after phrase joining), when one was asked for. */
  idFile?: string;
  /** Ids in it, sentence ends included. */
  ids: number;
}

const TOP = 25;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export async function scanCorpus(files: CorpusFile[], opts: ScanOptions): Promise<ScanResult> {
  const counter = new WordCounter();
  const pairs = opts.phrases ? new PairCounter() : undefined;
  const idPath = opts.idFile ?? (opts.phrases ? opts.scratchFile : undefined);
  const writer = idPath ? new IdFileWriter(idPath) : undefined;
  const tokenize = createTokenizer({ lowercase: opts.lowercase });
  const warnings: string[] = [];
  const totalBytes = files.reduce((s, f) => s + f.bytes, 0) || 1;
  let bytes = 0;
  let sentences = 0;
  const words: string[] = [];
  try {
    for (const file of files) {
      const before = counter.tokens;
      const stats = await forEachLine(
        file,
        (line) => {
          words.length = 0;
          tokenize(line, words);
          if (words.length === 0) return;
          sentences++;
          let prev = -1;
          for (const w of words) {
            const id = counter.add(w);
            writer?.push(id);
            if (pairs && prev >= 0) pairs.add(prev, id);
            prev = id;
          }
          writer?.push(SENTENCE_END);
        },
        (n) => {
          bytes += n;
          opts.progress(`Reading ${file.name}`, bytes / totalBytes);
        },
        opts.cancelled,
      );
      if (opts.cancelled()) throw new ExplorerError('cancelled', 'Training was cancelled.');
      if (counter.tokens === before) warnings.push(`${file.name} has no words.`);
      if (stats.badLines > 0) {
        warnings.push(
          `${file.name}: ${plural(stats.badLines, 'line')} held bytes that are not UTF-8 (first on line ${stats.firstBadLine}); those bytes were skipped.`,
        );
      }
    }
  } finally {
    writer?.close();
  }
  if (counter.tokens === 0) {
    const names = files.map((f) => f.name).join(', ');
    throw new ExplorerError(
      'empty-corpus',
      `The corpus has no words: ${files.length === 1 ? `${names} is empty` : `none of ${names} holds any`}.`,
    );
  }
  let ids = writer?.written ?? 0;
  let phraseCount = 0;
  let finalFile = opts.idFile;
  if (pairs && writer) {
    opts.progress('Joining phrases', 1);
    const joined = joinPhrases(writer.file, counter, pairs, opts.minCount, opts.cancelled);
    phraseCount = joined.phrases;
    ids = joined.ids;
    finalFile = opts.idFile ? joined.file : undefined;
  }
  const vocab = buildVocabulary(counter, opts.minCount);
  let distinct = 0;
  for (let i = 0; i < counter.size; i++) if (counter.counts[i] > 0) distinct++;
  if (vocab.words.length === 1) {
    warnings.push(
      `Only one word ("${vocab.words[0]}") is seen at least ${plural(opts.minCount, 'time')}: there is nothing to learn from; give more varied text or lower the minimum count.`,
    );
  } else if (vocab.words.length === 0) {
    warnings.push(`No word is seen at least ${plural(opts.minCount, 'time')}: lower the minimum count or give more text.`);
  } else if (vocab.words.length < 100) {
    warnings.push(
      `Only ${plural(vocab.words.length, 'word')} are seen at least ${plural(opts.minCount, 'time')}: neighbours mean little below a few thousand.`,
    );
  }
  const summary: CorpusSummary = {
    files: files.length,
    sources: files.map((f) => f.name),
    bytes,
    sentences,
    tokens: counter.tokens,
    distinct,
    kept: vocab.words.length,
    keptTokens: vocab.keptTokens,
    minCount: opts.minCount,
    phrases: phraseCount,
    top: topWords(counter, TOP),
    warnings,
  };
  return { summary, vocab, idFile: finalFile, ids };
}
