/**
 * The projection half of the service façade: view data (words, vectors, exact kNN graph),
 * vectors for placing extra words, and saved projections. ExplorerService delegates here.
 */
import {
  KNN_K,
  type GetProjectionRequest,
  type Projection,
  type ProjectionSummary,
  type SaveProjectionRequest,
  type VectorsOfRequest,
  type VectorsOfResult,
  type ViewData,
  type ViewDataRequest,
} from '../../../common/contract/contract';
import { ExplorerError } from '../errors';
import type { JobManager } from '../jobs';
import type { Model } from '../model/model';
import type { Db } from '../store/database';
import { findModelRow } from '../store/models-repo';
import { knnGraph } from './knn-parallel';
import * as repo from './projections-repo';
import { resolveView } from './view';

/** What the projection functions need from the service. */
export interface ProjectionHost {
  readonly db: Db;
  readonly jobs: JobManager;
  model(name?: string): Promise<Model>;
  /** The model with its words only; rows are read through `ensureRows` (model/model-loader.ts). */
  partialModel(name?: string): Promise<Model>;
  activeModelName(): string | null;
  guardWrite<T>(fn: () => T): T;
}

/** Views from this size on compute their kNN graph as a visible, cancellable job. */
const KNN_JOB_MIN_POINTS = 10000;

function modelId(host: ProjectionHost, name: string): number {
  const row = findModelRow(host.db, name);
  if (!row) throw new ExplorerError('unknown-model', `There is no model named "${name}".`);
  return row.id;
}

export async function viewData(host: ProjectionHost, req: ViewDataRequest): Promise<ViewData> {
  // Only a neighbourhood searches; other views read just the rows they show.
  const model = req.view.kind === 'neighbourhood' ? await host.model(req.model) : await host.partialModel(req.model);
  const resolved = resolveView(model, req.view, host.db, modelId(host, model.name));
  const n = resolved.words.length;
  const k = req.knnK ?? KNN_K.default;
  // Large views take seconds: run as a job so every shell shows progress and can cancel.
  const knn =
    n >= KNN_JOB_MIN_POINTS
      ? await host.jobs.run('neighbour-graph', `Neighbour graph of ${n.toLocaleString('en-US')} words`, (job) =>
          knnGraph(resolved.vectors, n, resolved.dims, k, { job }),
        )
      : await knnGraph(resolved.vectors, n, resolved.dims, k);
  return {
    model: model.name,
    view: resolved.view,
    words: resolved.words,
    dims: resolved.dims,
    vectors: resolved.vectors,
    ranks: resolved.ranks,
    knnIndices: knn.indices,
    knnDistances: knn.distances,
    knnK: knn.k,
    missing: resolved.missing,
  };
}

export async function vectorsOf(host: ProjectionHost, req: VectorsOfRequest): Promise<VectorsOfResult> {
  const model = await host.partialModel(req.model);
  const d = model.dims;
  const rows: number[] = [];
  const requestIndex: number[] = [];
  const missing: string[] = [];
  req.words.forEach((w, i) => {
    const r = model.lookup(w.trim());
    if (r < 0) missing.push(w);
    else {
      rows.push(r);
      requestIndex.push(i);
    }
  });
  model.ensureRows(rows);
  const vectors = new Float32Array(rows.length * d);
  rows.forEach((r, i) => vectors.set(model.vectors.subarray(r * d, (r + 1) * d), i * d));
  return {
    model: model.name,
    dims: d,
    words: rows.map((r) => model.words[r]),
    requestIndex: Int32Array.from(requestIndex),
    vectors,
    ranks: Int32Array.from(rows),
    missing,
  };
}

export async function saveProjection(host: ProjectionHost, req: SaveProjectionRequest): Promise<ProjectionSummary> {
  const model = await host.partialModel(req.model);
  const id = host.guardWrite(() =>
    repo.saveProjection(host.db, {
      modelId: modelId(host, model.name),
      view: req.view,
      params: req.params,
      words: req.words,
      coords: req.coords,
      name: req.name,
      meta: req.meta,
      axes: req.axes,
    }),
  );
  return repo.getProjectionSummary(host.db, id)!;
}

function modelNameFor(host: ProjectionHost, name?: string): string | null {
  return name ?? host.activeModelName();
}

export function listProjections(host: ProjectionHost, req: { model?: string } = {}): ProjectionSummary[] {
  const name = modelNameFor(host, req.model);
  const row = name ? findModelRow(host.db, name) : undefined;
  if (!row) {
    if (req.model) throw new ExplorerError('unknown-model', `There is no model named "${req.model}".`);
    return [];
  }
  return repo.listProjections(host.db, row.id);
}

export function getProjection(host: ProjectionHost, req: GetProjectionRequest): Projection | null {
  const name = modelNameFor(host, req.model);
  const row = name ? findModelRow(host.db, name) : undefined;
  if (!row) {
    if (req.model) throw new ExplorerError('unknown-model', `There is no model named "${req.model}".`);
    return null;
  }
  return repo.getProjection(host.db, req.id, row.id);
}

export function renameProjection(host: ProjectionHost, req: { id: number; name: string }): ProjectionSummary {
  return host.guardWrite(() => repo.renameProjection(host.db, req.id, req.name));
}

export function deleteProjection(host: ProjectionHost, req: { id: number }): boolean {
  return host.guardWrite(() => repo.deleteProjection(host.db, req.id));
}
