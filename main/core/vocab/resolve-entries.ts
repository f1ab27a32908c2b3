import type { VocabularyCounts, VocabularyEntry } from '../../../common/contract/contract';
import type { Model } from '../model/model';
import { suggestSpellings } from '../search/spelling';
import type { RawEntry } from './parse-vocabulary';

/** An entry placed in the model; composed entries carry their own unit vector. */
export interface ResolvedEntry extends VocabularyEntry {
  vector?: Float32Array;
}

/** Spelling suggestions scan the whole model; past this many misses the rest get none. */
const SUGGEST_BUDGET = 50;

/** The model row of a word: exact, then lower-case (Model.lookup), then as a phrase token. */
function find(model: Model, text: string): number {
  const i = model.lookup(text);
  if (i >= 0 || !text.includes(' ')) return i;
  return model.lookup(text.replace(/ /g, '_')); // word2vec phrase models join words with "_"
}

/**
 * Looks every entry up in the model. A multi-word entry the model lacks as a token is placed
 * at the normalised mean of its words' unit vectors and marked composed; anything missing is
 * reported with close spellings.
 */
export function resolveEntries(model: Model, entries: RawEntry[]): ResolvedEntry[] {
  let suggested = 0;
  const suggest = (w: string) => (suggested++ < SUGGEST_BUDGET ? suggestSpellings(w, model.words) : []);
  return entries.map((e) => {
    const base: ResolvedEntry = { entry: e.entry, label: e.label, found: false, composed: false };
    if (e.meta) base.meta = e.meta;
    const i = find(model, e.entry);
    if (i >= 0) return { ...base, found: true, matched: model.words[i], wordIndex: i };
    const parts = e.entry.split(' ');
    if (parts.length === 1) return { ...base, missing: [e.entry], suggestions: suggest(e.entry) };
    const rows = parts.map((p) => model.lookup(p));
    const missing = parts.filter((_, k) => rows[k] < 0);
    if (missing.length) return { ...base, missing, suggestions: suggest(missing[0]) };
    const d = model.dims;
    const sum = new Float64Array(d);
    for (const r of rows) {
      const v = model.row(r);
      for (let j = 0; j < d; j++) sum[j] += v[j];
    }
    let sq = 0;
    for (let j = 0; j < d; j++) sq += sum[j] * sum[j];
    if (sq === 0) return { ...base, missing: [], suggestions: [] }; // words that cancel out have no direction
    const inv = 1 / Math.sqrt(sq);
    const vector = new Float32Array(d);
    for (let j = 0; j < d; j++) vector[j] = sum[j] * inv;
    return { ...base, found: true, composed: true, vector };
  });
}

export function countEntries(entries: VocabularyEntry[], duplicates: number, empty: number): VocabularyCounts {
  let found = 0;
  let composed = 0;
  for (const e of entries) {
    if (e.found) found++;
    if (e.composed) composed++;
  }
  return { entries: entries.length, found, notFound: entries.length - found, composed, duplicates, empty };
}

export function labelsOf(entries: VocabularyEntry[]): string[] {
  const labels: string[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    if (e.label !== null && !seen.has(e.label)) {
      seen.add(e.label);
      labels.push(e.label);
    }
  }
  return labels;
}
