/**
 * Training and corpus counting as jobs of the service: resolves the corpus (paths or uploads),
 * fills in the parameters' defaults, and runs the work in the train worker off the event loop.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type CorpusSource,
  type CorpusSummary,
  type ScanCorpusRequest,
  TRAIN_LIMITS,
  type TrainModelRequest,
  type TrainModelResult,
  type TrainParams,
} from '../../../common/contract/contract';
import { ExplorerError } from '../errors';
import type { JobHandle, JobManager } from '../jobs';
import type { UploadStore } from '../import/uploads';
import type { CorpusUploads } from './corpus-uploads';
import { runWorkerTask } from '../workers';
import { type CorpusFile, listCorpusFiles } from './corpus-files';
import type { SummaryMessage, TrainTask } from './train-worker';

export interface TrainDeps {
  dbPath: string;
  nativeBinding?: string;
  readOnly: boolean;
  jobs: JobManager;
  uploads: UploadStore;
  corpusUploads: CorpusUploads;
  modelExists(name: string): boolean;
}

export function defaultThreads(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, 8));
}

/** The request's parameters with gensim's defaults filled in. */
export function trainParams(req: Partial<TrainParams>): TrainParams {
  const L = TRAIN_LIMITS;
  return {
    dims: req.dims ?? L.dims.default,
    window: req.window ?? L.window.default,
    minCount: req.minCount ?? L.minCount.default,
    negative: req.negative ?? L.negative.default,
    sample: req.sample ?? L.sample.default,
    epochs: req.epochs ?? L.epochs.default,
    alpha: req.alpha ?? L.alpha.default,
    minAlpha: req.minAlpha ?? L.minAlpha.default,
    cbow: req.cbow ?? false,
    threads: req.threads ?? defaultThreads(),
    seed: req.seed ?? L.seed.default,
    lowercase: req.lowercase ?? true,
    phrases: req.phrases ?? false,
  };
}

function corpusFiles(deps: TrainDeps, src: CorpusSource): CorpusFile[] {
  const files = deps.corpusUploads.resolve(deps.uploads, src.uploadIds ?? []);
  if (src.paths?.length) files.push(...listCorpusFiles(src.paths));
  if (files.length === 0) throw new ExplorerError('empty-corpus', 'No corpus files were given.');
  return files;
}

/** Runs the train worker under a job; `onSummary` hears the corpus counts before training starts. */
function runTrainWorker<T>(
  task: Omit<TrainTask, 'cancelFlag' | 'tempDir'>,
  job: JobHandle,
  onSummary?: (s: CorpusSummary) => void,
): Promise<T> {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedding-explorer-train-'));
  return runWorkerTask<T>('train-worker', { ...task, tempDir } satisfies Omit<TrainTask, 'cancelFlag'>, job, {
    onMessage: (m) => {
      if (m.type === 'summary') onSummary?.((m as SummaryMessage).summary);
    },
    // The worker removes its folder itself; this covers a crash.
    onExit: () => fs.rmSync(tempDir, { recursive: true, force: true }),
    exitMessage: (code) => `Training stopped unexpectedly (exit code ${code}).`,
  });
}

export function scanCorpusJob(deps: TrainDeps, req: ScanCorpusRequest): Promise<CorpusSummary> {
  const files = corpusFiles(deps, req);
  const params = trainParams({ minCount: req.minCount, lowercase: req.lowercase, phrases: req.phrases });
  return deps.jobs.run('corpus', `Counting ${files.length === 1 ? files[0].name : `${files.length} files`}`, (job) =>
    runTrainWorker<CorpusSummary>({ files, name: '', params, scanOnly: true }, job),
  );
}

export async function trainModelJob(
  deps: TrainDeps,
  req: TrainModelRequest,
  onSummary?: (s: CorpusSummary) => void,
): Promise<TrainModelResult> {
  if (deps.readOnly)
    throw new ExplorerError('db-readonly', `The database ${deps.dbPath} is read-only, so no model can be trained into it.`);
  const name = req.name.trim();
  if (deps.modelExists(name)) {
    throw new ExplorerError('model-exists', `A model named "${name}" already exists. Choose another name or delete it first.`);
  }
  const files = corpusFiles(deps, req);
  const params = trainParams(req);
  const result = await deps.jobs.run('train', `Training ${name}`, (job) =>
    runTrainWorker<TrainModelResult>({ dbPath: deps.dbPath, nativeBinding: deps.nativeBinding, files, name, params }, job, onSummary),
  );
  deps.corpusUploads.release(req.uploadIds ?? []);
  return result;
}
