import type { AnalogiesEvaluation, AnalogySection } from '../../../common/contract/contract';
import { ExplorerError } from '../errors';
import type { Model } from '../model/model';
import { readAnalogies } from './benchmark-files';
import { upperCaseVocabulary } from './known-words';

/** Answers gensim looks through for one not among the question's words. */
const TOPN = 5;
/** Questions searched together (the index streams its rows once per batch). */
const BATCH = 64;

export interface AnalogyProgress {
  /** Called after each batch with the questions done; return false to stop (cancel). */
  report(done: number, total: number): boolean | Promise<boolean>;
}

/** A question all of whose words are known: rows of a, b, c and the upper-case forms to compare. */
interface Question {
  section: number;
  rows: [number, number, number];
  upper: [string, string, string, string];
}

/** unit(unit(b) + unit(c) − unit(a)), gensim's most_similar(positive=[b, c], negative=[a]) query. */
function queryOf(model: Model, [a, b, c]: [number, number, number]): Float32Array {
  const { dims, vectors } = model;
  const sum = new Float64Array(dims);
  let sq = 0;
  for (let j = 0; j < dims; j++) {
    sum[j] = vectors[b * dims + j] + vectors[c * dims + j] - vectors[a * dims + j];
    sq += sum[j] * sum[j];
  }
  const inv = sq > 0 ? 1 / Math.sqrt(sq) : 0;
  const q = new Float32Array(dims);
  for (let j = 0; j < dims; j++) q[j] = sum[j] * inv;
  return q;
}

/**
 * gensim's evaluate_word_analogies: for "a b c expected", the nearest word to
 * unit(unit(b) + unit(c) − unit(a)) among the `restrict` most frequent words (3CosAdd through
 * the exact index), a, b and c left out; questions with a word outside those skipped. Case is
 * ignored, as gensim's case_insensitive=True does. Resolves to null when `progress` stops it.
 */
export async function evaluateAnalogies(
  model: Model,
  content: string,
  file: string,
  restrict: number,
  progress?: AnalogyProgress,
): Promise<Omit<AnalogiesEvaluation, 'seconds'> | null> {
  const parsed = readAnalogies(content, file);
  if (parsed.questions === 0)
    throw new ExplorerError('bad-benchmark', `${file}: no question reads as four words under a ": section" line.`);
  const known = upperCaseVocabulary(model, restrict);
  const limit = Math.min(restrict, model.size);
  const sections: AnalogySection[] = parsed.sections.map((s) => ({ name: s.name, correct: 0, total: 0, accuracy: 0 }));
  const questions: Question[] = [];
  let skipped = 0;
  parsed.sections.forEach((s, section) => {
    for (const words of s.questions) {
      const upper = words.map((w) => w.toUpperCase()) as Question['upper'];
      const rows = upper.slice(0, 3).map((w) => known.get(w));
      if (rows.some((r) => r === undefined) || !known.has(upper[3])) skipped++;
      else questions.push({ section, rows: rows as Question['rows'], upper });
    }
  });
  const search = (qs: Float32Array[]) =>
    model.searcher.searchBatch
      ? model.searcher.searchBatch(qs, TOPN + 3, limit)
      : qs.map((q) => model.searcher.search(q, TOPN + 3, -1, limit));
  for (let first = 0; first < questions.length; first += BATCH) {
    const batch = questions.slice(first, first + BATCH);
    const results = search(batch.map((q) => queryOf(model, q.rows)));
    batch.forEach((q, n) => {
      const [A, B, C, D] = q.upper;
      const hits = results[n].filter((h) => !q.rows.includes(h.index)).slice(0, TOPN);
      // gensim walks the first five answers for one that is not a question word (in any case).
      let predicted: string | null = null;
      for (const h of hits) {
        predicted = model.words[h.index].toUpperCase();
        if (predicted !== A && predicted !== B && predicted !== C) break;
      }
      const s = sections[q.section];
      s.total++;
      if (predicted === D) s.correct++;
    });
    if (progress && !(await progress.report(skipped + first + batch.length, parsed.questions))) return null;
  }
  for (const s of sections) s.accuracy = s.total ? s.correct / s.total : 0;
  const correct = sections.reduce((n, s) => n + s.correct, 0);
  const answered = parsed.questions - skipped;
  return {
    kind: 'analogies',
    model: model.name,
    file,
    questions: parsed.questions,
    skipped,
    invalid: parsed.invalid,
    correct,
    accuracy: answered ? correct / answered : 0,
    sections,
    restrict,
  };
}
