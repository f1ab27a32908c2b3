/**
 * The clusters half of the service façade: a projection's clusters come from the store when they
 * were computed before, else they are computed (a job with progress for large maps) and saved with
 * the projection. Concurrent requests for one projection share one computation.
 */
import type { ClustersRequest, GetProjectionRequest, Projection, ProjectionClusters } from '../../../common/contract/contract';
import { ExplorerError } from '../errors';
import { modelRows, pointVector } from '../export/export-data';
import { vocabularyExtras } from '../export/vocabulary-labels';
import type { JobHandle, JobManager } from '../jobs';
import type { Model } from '../model/model';
import type { Db } from '../store/database';
import { buildClusters } from './cluster-build';
import { loadClusters, saveClusters, type StoredClusters } from './clusters-repo';

export interface ClusterHost {
  readonly db: Db;
  readonly jobs: JobManager;
  readonly readOnly: boolean;
  model(name?: string): Promise<Model>;
  getProjection(req: GetProjectionRequest): Promise<Projection | null>;
  guardWrite<T>(fn: () => T): T;
}

/** Maps from this size on cluster as a visible, cancellable job. */
const JOB_MIN_POINTS = 10000;
/** Longest stretch of clustering before the event loop gets a turn, ms. */
const SLICE_MS = 8;

const inFlight = new WeakMap<Db, Map<number, Promise<StoredClusters>>>();

function pauser(job?: JobHandle): () => Promise<void> {
  let start = performance.now();
  return async () => {
    if (job?.cancelled) throw new ExplorerError('cancelled', 'Clustering was cancelled.');
    if (performance.now() - start < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    start = performance.now();
  };
}

async function compute(host: ClusterHost, projection: Projection, job?: JobHandle): Promise<StoredClusters> {
  const model = await host.model(projection.model);
  const rows = await modelRows(model, projection.words);
  const extra = vocabularyExtras(host.db, projection).vectors;
  const seed = projection.params.seed;
  const out = await buildClusters({
    words: projection.words,
    coords: projection.coords,
    dims: model.dims,
    vector: (i) => pointVector(model, rows, i, extra),
    seed,
    pause: pauser(job),
    progress: job ? (f) => job.progress('Clustering', f) : undefined,
  });
  const method: ProjectionClusters['method'] = { algorithm: 'spherical-kmeans', k: out.k, seed, iterations: out.iterations };
  // A read-only store still gets its clusters, computed anew each time.
  if (!host.readOnly) host.guardWrite(() => saveClusters(host.db, projection.id, method, out.clusters, out.members, out.centres));
  return { method, clusters: out.clusters, assignment: out.assignment, centres: out.centres };
}

/** The stored clusters of a projection, computing and saving them on first use. */
export async function storedClustersOf(host: ClusterHost, projection: Projection): Promise<StoredClusters> {
  const saved = loadClusters(host.db, projection.id, projection.words);
  if (saved) return saved;
  let running = inFlight.get(host.db);
  if (!running) inFlight.set(host.db, (running = new Map()));
  let p = running.get(projection.id);
  if (!p) {
    const n = projection.words.length;
    p =
      n >= JOB_MIN_POINTS
        ? host.jobs.run('clusters', `Clusters of ${n.toLocaleString('en-US')} words`, (job) => compute(host, projection, job))
        : compute(host, projection);
    const map = running;
    const id = projection.id;
    p.finally(() => map.delete(id)).catch(() => {});
    running.set(projection.id, p);
  }
  return p;
}

export async function clustersOf(host: ClusterHost, req: ClustersRequest): Promise<ProjectionClusters> {
  const projection = await host.getProjection({ id: req.id, model: req.model });
  if (!projection) {
    throw new ExplorerError(
      'unknown-projection',
      req.id === 'latest'
        ? 'There is no saved projection yet: open the app or run "embedding-explorer project" first.'
        : `There is no projection with id ${req.id}.`,
    );
  }
  const s = await storedClustersOf(host, projection);
  return { projection: projection.id, model: projection.model, method: s.method, clusters: s.clusters, assignment: s.assignment };
}
