/**
 * Validators for training and comparing models (spread into `validators` in validate.ts).
 * Requests from the page name corpus files by upload only, never by path.
 */
import * as check from './check';
import { ValidationError } from './check';
import {
  COMPARE_K,
  COMPARE_TOP,
  type CompareModelsRequest,
  MAX_MODEL_NAME,
  type ScanCorpusRequest,
  TRAIN_LIMITS,
  type TrainModelRequest,
} from './contract';

const MAX_TOKEN_LENGTH = 200;
const MAX_UPLOADS = 1000;

function uploads(r: Record<string, unknown>, what: string): string[] {
  if (r.paths !== undefined) {
    throw new ValidationError(
      `${what}: the page cannot name files on disk; send each file with beginUpload/uploadChunk and give uploadIds`,
    );
  }
  if (!Array.isArray(r.uploadIds) || r.uploadIds.length === 0) throw new ValidationError(`${what}: uploadIds must list 1 or more uploads`);
  if (r.uploadIds.length > MAX_UPLOADS) throw new ValidationError(`${what}: at most ${MAX_UPLOADS} files per corpus`);
  return r.uploadIds.map((u, i) => check.name(u, `uploadIds[${i}]`, MAX_TOKEN_LENGTH));
}

const L = TRAIN_LIMITS;

function scanCorpus(req: unknown): ScanCorpusRequest {
  const r = check.object(req, 'scanCorpus', ['paths', 'uploadIds', 'minCount', 'lowercase', 'phrases']);
  return {
    uploadIds: uploads(r, 'scanCorpus'),
    minCount: check.integer(r.minCount, 'minCount', L.minCount.min, L.minCount.max),
    lowercase: check.bool(r.lowercase, 'lowercase'),
    phrases: check.bool(r.phrases, 'phrases'),
  };
}

function trainModel(req: unknown): TrainModelRequest {
  const r = check.object(req, 'trainModel', [
    'paths',
    'uploadIds',
    'name',
    'activate',
    'dims',
    'window',
    'minCount',
    'negative',
    'sample',
    'epochs',
    'alpha',
    'minAlpha',
    'cbow',
    'threads',
    'seed',
    'lowercase',
    'phrases',
  ]);
  const alpha = check.optionalNumber(r.alpha, 'alpha', L.alpha.min, L.alpha.max);
  const minAlpha = check.optionalNumber(r.minAlpha, 'minAlpha', L.minAlpha.min, L.minAlpha.max);
  if (minAlpha !== undefined && minAlpha > (alpha ?? L.alpha.default)) throw new ValidationError('minAlpha must be at most alpha');
  return {
    uploadIds: uploads(r, 'trainModel'),
    name: check.name(r.name, 'name', MAX_MODEL_NAME),
    activate: check.bool(r.activate, 'activate'),
    dims: check.integer(r.dims, 'dims', L.dims.min, L.dims.max),
    window: check.integer(r.window, 'window', L.window.min, L.window.max),
    minCount: check.integer(r.minCount, 'minCount', L.minCount.min, L.minCount.max),
    negative: check.integer(r.negative, 'negative', L.negative.min, L.negative.max),
    sample: check.optionalNumber(r.sample, 'sample', L.sample.min, L.sample.max),
    epochs: check.integer(r.epochs, 'epochs', L.epochs.min, L.epochs.max),
    alpha,
    minAlpha,
    cbow: check.bool(r.cbow, 'cbow'),
    threads: check.integer(r.threads, 'threads', L.threads.min, L.threads.max),
    seed: check.integer(r.seed, 'seed', L.seed.min, L.seed.max),
    lowercase: check.bool(r.lowercase, 'lowercase'),
    phrases: check.bool(r.phrases, 'phrases'),
  };
}

function compareModels(req: unknown): CompareModelsRequest {
  const r = check.object(req, 'compareModels', ['a', 'b', 'words', 'top', 'k']);
  return {
    a: check.name(r.a, 'a'),
    b: check.name(r.b, 'b'),
    words: r.words === undefined ? undefined : check.wordList(r.words, 'words', 1, COMPARE_TOP.max),
    top: check.integer(r.top, 'top', COMPARE_TOP.min, COMPARE_TOP.max),
    k: check.integer(r.k, 'k', COMPARE_K.min, COMPARE_K.max),
  };
}

export const trainValidators = { scanCorpus, trainModel, compareModels };
