/**
 * Training benchmark: our word2vec against gensim's Word2Vec (compiled routines) on the same
 * tokenised corpus, with the same parameters (the defaults of both) and thread count, in the
 * same run; then the quality of the results: top-10 neighbour agreement of the 500 most
 * frequent words (against the agreement of two gensim runs that differ only in seed) and
 * Spearman's correlation on WordSim-353-style pairs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExplorerService } from '../core/service';
import { readModel } from '../core/store/vector-blocks';
import { runBaseline } from './baseline';
import { benchCorpus } from './train-corpus';
import { meanTopKOverlap, pairCorrelations, readPairs, readWord2vecText, type Vectors } from './train-quality';

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** A WordSim-353 file: $EMBEDDING_EXPLORER_WORDSIM, the app's resources, or gensim's test data where it is installed. */
function wordsimFile(root: string): string | null {
  const candidates = [
    process.env.EMBEDDING_EXPLORER_WORDSIM,
    path.join(root, 'resources', 'eval', 'wordsim353.tsv'),
    '/usr/lib/python3/dist-packages/gensim/test/test_data/wordsim353.tsv',
  ];
  return candidates.find((c): c is string => !!c && fs.existsSync(c)) ?? null;
}

export async function benchTrain(root: string): Promise<Record<string, unknown>> {
  const corpus = await benchCorpus();
  if ('note' in corpus) return { note: corpus.note };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-bench-train-'));
  const service = ExplorerService.open({ dbPath: path.join(dir, 'train.db') });
  const figures: Record<string, unknown> = {
    corpus: corpus.name,
    corpusTokens: corpus.tokens,
    corpusSentences: corpus.sentences,
    params: 'skip-gram, dims 100, window 5, min count 5, negative 5, sample 1e-3, epochs 5, alpha 0.025 → 0.0001, seed 1',
  };
  try {
    for (const threads of [1, 2]) {
      process.stderr.write(`bench: training with ${threads} thread${threads > 1 ? 's' : ''} (ours, then gensim)…\n`);
      const ours = await service.trainModel({ paths: [corpus.file], name: `ours-${threads}`, threads, seed: 1 });
      const out = path.join(dir, `gensim-${threads}.txt`);
      const g = runBaseline(root, ['word2vec', corpus.file, '--threads', String(threads), '--seed', '1', '--out', out]);
      const gs = g.ok ? (g.value!.seconds as number) : null;
      figures[`threads${threads}`] = {
        oursSeconds: r3(ours.seconds),
        oursWordsPerSecond: Math.round(ours.wordsPerSecond),
        oursVocabulary: ours.words,
        gensimSeconds: gs === null ? null : r3(gs),
        gensimWordsPerSecond: g.ok ? Math.round(g.value!.words_per_s as number) : null,
        gensimVocabulary: g.ok ? g.value!.vocabulary : null,
        ...(g.note ? { gensimNote: g.note } : {}),
      };
      figures[`ratioOursOverGensim${threads}Thread${threads > 1 ? 's' : ''}`] = gs === null ? null : r3(ours.seconds / gs);
    }
    const seed2 = path.join(dir, 'gensim-seed2.txt');
    process.stderr.write('bench: gensim again with another seed (the quality yardstick)…\n');
    const g2 = runBaseline(root, ['word2vec', corpus.file, '--threads', '1', '--seed', '2', '--out', seed2]);
    const g1File = path.join(dir, 'gensim-1.txt');
    if (g2.ok && fs.existsSync(g1File)) {
      const stored = readModel(service.db, 'ours-1');
      const ours: Vectors = { words: stored.words, dims: stored.row.dims, vectors: stored.vectors };
      const gensim1 = readWord2vecText(g1File);
      const gensim2 = readWord2vecText(seed2);
      const top = ours.words.slice(0, 500);
      const oursVsGensim = meanTopKOverlap(ours, gensim1, top);
      const gensimVsGensim = meanTopKOverlap(gensim1, gensim2, top);
      figures.top10OverlapOursVsGensim = r3(oursVsGensim);
      figures.top10OverlapGensimSeed1VsSeed2 = r3(gensimVsGensim);
      figures.overlapRatio = r3(oursVsGensim / gensimVsGensim);
      const pairsFile = wordsimFile(root);
      if (pairsFile) {
        const c = pairCorrelations([ours, gensim1], readPairs(pairsFile));
        figures.wordsimPairsCovered = c.pairs;
        figures.wordsimSpearmanOurs = r3(c.spearman[0]);
        figures.wordsimSpearmanGensim = r3(c.spearman[1]);
        figures.wordsimSpearmanGap = r3(c.spearman[0] - c.spearman[1]);
      } else {
        figures.wordsimNote = 'no WordSim-353 file found (set $EMBEDDING_EXPLORER_WORDSIM to one)';
      }
    } else {
      figures.qualityNote = g2.note ?? 'gensim vectors missing';
    }
  } finally {
    service.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
