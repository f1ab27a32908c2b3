/**
 * The one contract between the renderer and the core. Every shell (Electron IPC, browser-mode
 * HTTP, CLI) exposes exactly these members; the renderer only ever sees `ExplorerApi`.
 *
 * Conventions: every request is a single plain object; every numeric field documents its unit
 * and default; typed arrays travel as typed arrays (structured clone in Electron, a tagged
 * base64 encoding over HTTP, see `wire.ts`).
 *
 * The requests and results live in one file per feature area beside this one (models, search,
 * vocabularies, projection, clusters, tokens, exports, training, compare-models, events and
 * contract-geometry); this file holds the contract itself, its method list and the bridge's wire
 * shapes, and re-exports the rest so that every importer names only `contract`.
 */

import type {
  AnalogyRequest,
  AxesRequest,
  AxesResult,
  DoesntMatchRequest,
  DoesntMatchResult,
  EvaluateRequest,
  EvaluationResult,
} from './contract-geometry';
import type { ClustersRequest, ProjectionClusters } from './clusters';
import type { CompareModelsRequest, CompareModelsResult } from './compare-models';
import type { ExplorerEvent } from './events';
import type { ExportedFile, ExportNeighborsRequest, ExportProjectionRequest } from './exports';
import type {
  AppStatus,
  BeginUploadRequest,
  ImportModelRequest,
  ImportModelResult,
  RenameModelRequest,
  UploadChunkRequest,
} from './models';
import type {
  GetProjectionRequest,
  ListProjectionsRequest,
  Projection,
  ProjectionSummary,
  SaveProjectionRequest,
  VectorsOfRequest,
  VectorsOfResult,
  ViewData,
  ViewDataRequest,
} from './projection';
import type { CompleteRequest, CompleteResult, NeighborsRequest, NeighborsResult } from './search';
import type { TokenCounts, TokenCountsRequest, TokenizedText, TokensRequest } from './tokens';
import type { CorpusSummary, ScanCorpusRequest, TrainModelRequest, TrainModelResult } from './training';
import type { PreviewVocabularyRequest, Vocabulary, VocabularyPreview, VocabularySample, VocabularySummary } from './vocabularies';

export * from './contract-geometry';
export * from './models';
export * from './search';
export * from './vocabularies';
export * from './projection';
export * from './clusters';
export * from './tokens';
export * from './exports';
export * from './training';
export * from './compare-models';
export * from './events';

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
