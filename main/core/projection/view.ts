/**
 * Which words a projection shows: resolves a ViewSpec against a model (and, for vocabularies,
 * the store) into point labels, model rows or stored vectors, and unit vectors.
 */
import { looksPlain } from '../../../common/expression/parse-expression';
import { expressionRows } from '../search/expression-query';
import { MAX_PROJECTION_POINTS, VIEW_EXAMPLES, type ViewSpec } from '../../../common/contract/contract';
import { ExplorerError } from '../errors';
import type { Model } from '../model/model';
import { suggestSpellings } from '../search/spelling';
import type { Db } from '../store/database';

/** Letters only (any script), at least two: no punctuation, digits or single letters. */
const ALPHABETIC = /^\p{L}{2,}$/u;

export function isAlphabeticWord(word: string): boolean {
  return ALPHABETIC.test(word);
}

/**
 * The default view rule: the `top` most frequent alphabetic words of the model (model rows in
 * frequency order), then the chapter's examples that are not already among them.
 */
export function topViewRows(model: Pick<Model, 'words' | 'lookup'>, top: number): number[] {
  const rows: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < model.words.length && rows.length < top; i++) {
    if (ALPHABETIC.test(model.words[i])) {
      rows.push(i);
      seen.add(i);
    }
  }
  for (const w of VIEW_EXAMPLES) {
    const i = model.lookup(w);
    if (i >= 0 && !seen.has(i)) {
      rows.push(i);
      seen.add(i);
    }
  }
  return rows;
}

export interface ResolvedView {
  view: ViewSpec;
  words: string[];
  dims: number;
  vectors: Float32Array;
  ranks: Int32Array;
  missing: string[];
}

function fromRows(model: Model, view: ViewSpec, rows: number[], missing: string[]): ResolvedView {
  const d = model.dims;
  model.ensureRows(rows);
  const vectors = new Float32Array(rows.length * d);
  const ranks = new Int32Array(rows.length);
  const words: string[] = new Array(rows.length);
  rows.forEach((r, i) => {
    vectors.set(model.vectors.subarray(r * d, (r + 1) * d), i * d);
    ranks[i] = r;
    words[i] = model.words[r];
  });
  return { view, words, dims: d, vectors, ranks, missing };
}

/** Model rows for a word list: exact match, then lower-case; duplicates dropped; unknown words reported. */
export function rowsOfWords(model: Model, list: string[]): { rows: number[]; missing: string[]; lines: number[] } {
  const rows: number[] = [];
  const missing: string[] = [];
  const lines: number[] = [];
  const seen = new Set<number>();
  list.forEach((raw, i) => {
    const w = raw.trim();
    if (!w) return;
    const r = model.lookup(w);
    if (r < 0) {
      missing.push(w);
      lines.push(i);
    } else if (!seen.has(r)) {
      seen.add(r);
      rows.push(r);
    }
  });
  return { rows, missing, lines };
}

function checkSize(count: number, what: string): void {
  if (count < 3)
    throw new ExplorerError(
      'view-too-small',
      `${what} has ${count} point${count === 1 ? '' : 's'} in the model; a projection needs at least 3.`,
    );
  if (count > MAX_PROJECTION_POINTS)
    throw new ExplorerError(
      'view-too-large',
      `${what} has ${count.toLocaleString('en-US')} points; a projection holds at most ${MAX_PROJECTION_POINTS.toLocaleString('en-US')}.`,
    );
}

interface VocabRow {
  entry: string;
  word_idx: number | null;
  vector: Buffer | null;
  found: number;
}

export function resolveView(model: Model, view: ViewSpec, db: Db, modelId: number): ResolvedView {
  switch (view.kind) {
    case 'top': {
      const rows = topViewRows(model, view.top);
      checkSize(rows.length, `The top ${view.top.toLocaleString('en-US')} view`);
      return fromRows(model, view, rows, []);
    }
    case 'words': {
      const { rows, missing } = rowsOfWords(model, view.words);
      checkSize(rows.length, 'The word list');
      return fromRows(model, view, rows, missing);
    }
    case 'neighbourhood': {
      const q = view.query.trim();
      // An expression ("king - man + woman") is projected with its words and its answers.
      if (q && !looksPlain(q) && model.lookupQuick(q) < 0) {
        const rows = expressionRows(model, q, view.k);
        checkSize(rows.length, `The neighbourhood of "${q}"`);
        return fromRows(model, view, rows, []);
      }
      const r = q ? model.lookup(q) : -1;
      if (r < 0) {
        const suggestions = q ? suggestSpellings(q, model.words) : [];
        const hint = suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : '';
        throw new ExplorerError('unknown-word', `"${q}" is not in ${model.name}.${hint}`, { suggestions });
      }
      const rows = [r, ...model.neighborsOf(r, view.k).map((h) => h.index)];
      checkSize(rows.length, `The neighbourhood of "${q}"`);
      return fromRows(model, view, rows, []);
    }
    case 'vocabulary': {
      const vocab = db.prepare('SELECT id, model_id, name FROM vocabularies WHERE id = ?').get(view.vocabularyId) as
        { id: number; model_id: number; name: string } | undefined;
      if (!vocab) throw new ExplorerError('unknown-vocabulary', `There is no vocabulary with id ${view.vocabularyId}.`);
      if (vocab.model_id !== modelId)
        throw new ExplorerError(
          'vocabulary-model',
          `The vocabulary "${vocab.name}" belongs to another model; switch to that model to project it.`,
        );
      const entries = db
        .prepare('SELECT entry, word_idx, vector, found FROM vocabulary_entries WHERE vocabulary_id = ? ORDER BY pos')
        .all(vocab.id) as VocabRow[];
      const d = model.dims;
      model.ensureRows(entries.map((e) => e.word_idx ?? -1));
      const words: string[] = [];
      const ranks: number[] = [];
      const missing: string[] = [];
      const chunks: Float32Array[] = [];
      const seenWords = new Set<string>();
      for (const e of entries) {
        if (seenWords.has(e.entry)) continue;
        if (e.word_idx !== null && e.word_idx >= 0 && e.word_idx < model.size) {
          chunks.push(model.vectors.subarray(e.word_idx * d, (e.word_idx + 1) * d));
          ranks.push(e.word_idx);
        } else if (e.vector && e.vector.byteLength === d * 4) {
          const v = new Float32Array(d);
          new Uint8Array(v.buffer).set(e.vector);
          let norm = 0;
          for (let j = 0; j < d; j++) norm += v[j] * v[j];
          norm = Math.sqrt(norm);
          if (!(norm > 0)) {
            missing.push(e.entry);
            continue;
          }
          for (let j = 0; j < d; j++) v[j] /= norm;
          chunks.push(v);
          ranks.push(model.size);
        } else {
          missing.push(e.entry);
          continue;
        }
        seenWords.add(e.entry);
        words.push(e.entry);
      }
      checkSize(words.length, `The vocabulary "${vocab.name}"`);
      const vectors = new Float32Array(words.length * d);
      chunks.forEach((c, i) => vectors.set(c, i * d));
      return { view, words, dims: d, vectors, ranks: Int32Array.from(ranks), missing };
    }
  }
}
