import {
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
  type DoesntMatchRequest,
  type DoesntMatchResult,
  type EvaluateRequest,
  type EvaluationResult,
  type ExportedFile,
  type ExportNeighborsRequest,
  type ExportProjectionRequest,
  type GetProjectionRequest,
  type ImportModelRequest,
  type ImportModelResult,
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
import { openDatabase } from './store/database';
import { findModelRow, listModelRows, toModelInfo } from './store/models-repo';
import * as projections from './projection/projection-service';
import { APP_VERSION } from './version';
import { runModelImport } from './import/model-import-job';
import { deleteModel, renameModel } from './models/model-admin';
import * as neighborSearch from './neighbors/neighbors-service';
import * as vocab from './vocab/vocab-service';
import { exportNeighborsFile, exportProjectionText } from './export/exporter';
import * as geometry from './geometry/geometry';
import { runEvaluation } from './evaluate/evaluation-job';
import { clustersOf } from './cluster/cluster-service';
import * as tokenLens from './tokens/token-lens';
import { compareModels } from './compare/compare-models';
import { scanCorpusJob, type TrainDeps, trainModelJob } from './train/train-job';
import { ServiceHost, type ServiceOptions } from './service-host';

export { defaultModelFile, type ServiceOptions } from './service-host';

/**
 * The façade every shell calls: the typed contract's methods, each handed to the feature module
 * that does the work. The state they share (store connection, loaded models, jobs, events) is
 * ServiceHost's. It never touches Electron, HTTP or the terminal.
 */
export class ExplorerService extends ServiceHost implements ServiceApi {
  static open(opts: ServiceOptions): ExplorerService {
    const { db, path, readOnly } = openDatabase(opts.dbPath, { nativeBinding: opts.nativeBinding });
    return new ExplorerService(db, path, readOnly, opts);
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

  neighbors(req: NeighborsRequest): Promise<NeighborsResult[]> {
    return neighborSearch.neighbors(this, req);
  }

  complete(req: CompleteRequest): Promise<CompleteResult> {
    return neighborSearch.complete(this, req);
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
