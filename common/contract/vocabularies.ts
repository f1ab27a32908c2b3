/**
 * The contract's vocabularies: the user's word lists (and the shipped samples), previewed against
 * a model and saved. Part of the one contract; contract.ts re-exports it.
 */

/** Largest vocabulary file, characters: word lists are small, and 4 Mi characters is far beyond any real one. */
export const MAX_VOCABULARY_CHARS = 4 * 1024 * 1024;

/** One normalised vocabulary entry and how it maps onto the model. */
export interface VocabularyEntry {
  /** The entry as normalised (trimmed, Unicode NFC). */
  entry: string;
  /** Its label from the file, or null. */
  label: string | null;
  /** True when every word of the entry is in the model. */
  found: boolean;
  /** The model word a single-word entry matched (may differ in case). */
  matched?: string;
  /** Row of that word in the model (= its frequency rank). */
  wordIndex?: number;
  /** A multi-word entry placed at the normalised mean of its words' vectors. */
  composed: boolean;
  /** Words of the entry the model lacks (only when not found). */
  missing?: string[];
  /** Close spellings from the model for the first missing word, best first. */
  suggestions?: string[];
  /** The other columns of a CSV/TSV row, by header name. */
  meta?: Record<string, string>;
}

export interface VocabularyCounts {
  /** Entries after normalisation and de-duplication. */
  entries: number;
  found: number;
  notFound: number;
  /** Found multi-word entries. */
  composed: number;
  /** Repeated entries dropped (the first label is kept). */
  duplicates: number;
  /** Blank entries dropped. */
  empty: number;
}

export interface PreviewVocabularyRequest {
  /** Name of the file; its extension picks the parser (.txt, .csv, .tsv). */
  fileName: string;
  /** The file's text, at most 4 MiB (vocabularies are small). */
  content: string;
  /** Model to look the entries up in. Default: the active model. */
  model?: string;
  /** Vocabulary name, 1..100 characters. Default: the file name without extension. */
  name?: string;
}

export interface VocabularyPreview {
  name: string;
  model: string;
  source: string;
  counts: VocabularyCounts;
  /** Distinct labels in order of first appearance. */
  labels: string[];
  /** Every entry, in file order. */
  entries: VocabularyEntry[];
}

export interface VocabularySummary {
  id: number;
  name: string;
  model: string;
  /** The file it came from. */
  source: string;
  /** ISO-8601 date it was saved. */
  createdAt: string;
  counts: VocabularyCounts;
  labels: string[];
}

export interface Vocabulary extends VocabularySummary {
  entries: VocabularyEntry[];
}

/** A vocabulary shipped with the app. */
export interface VocabularySample {
  /** Stable id, e.g. "countries-capitals". */
  id: string;
  title: string;
  description: string;
  /** Number of entries in the file. */
  entries: number;
}
