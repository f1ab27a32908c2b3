/**
 * Validation of every request crossing a process boundary. Renderer content is untrusted, so
 * shells run these before anything reaches the core; the core may then rely on the shapes.
 * Each validator returns a normalised request (defaults filled in) or throws ValidationError.
 */
import {
  type ApiMethod,
  type CompleteRequest,
  type GetProjectionRequest,
  KNN_K,
  type ListProjectionsRequest,
  MAX_PROJECTION_POINTS,
  type NeighborsRequest,
  type SaveProjectionRequest,
  type UmapParams,
  UMAP_LIMITS,
  type VectorsOfRequest,
  type ViewDataRequest,
  type ViewSpec,
  VIEW_TOP,
  K_DEFAULT,
  K_MAX,
} from './contract';
import { exportValidators } from './validate-export';
import { libraryValidators } from './validate-library';

export class ValidationError extends Error {
  readonly code = 'invalid-request';
}

const MAX_WORD_LENGTH = 200;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function onlyKeys(req: Record<string, unknown>, allowed: string[], what: string): void {
  for (const key of Object.keys(req)) {
    if (!allowed.includes(key)) throw new ValidationError(`${what}: unknown field "${key}"`);
  }
}

export function checkInteger(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ValidationError(`${name} must be a whole number between ${min} and ${max} (got ${JSON.stringify(value)})`);
  }
  if (value < min || value > max) {
    throw new ValidationError(`${name} must be between ${min} and ${max} (got ${value})`);
  }
  return value;
}

function checkModel(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
    throw new ValidationError('model must be a non-empty model name');
  }
  return value;
}

function checkWord(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new ValidationError(`${name} must be a string`);
  if (value.length > MAX_WORD_LENGTH) {
    throw new ValidationError(`${name} is longer than ${MAX_WORD_LENGTH} characters`);
  }
  return value;
}

function neighbors(req: unknown): Required<Pick<NeighborsRequest, 'words' | 'k'>> & NeighborsRequest {
  if (!isObject(req)) throw new ValidationError('neighbors: expected an object');
  onlyKeys(req, ['words', 'k', 'model'], 'neighbors');
  if (!Array.isArray(req.words) || req.words.length === 0) {
    throw new ValidationError('neighbors: give at least one word');
  }
  if (req.words.length > 100) throw new ValidationError('neighbors: at most 100 words per request');
  const words = req.words.map((w, i) => checkWord(w, `words[${i}]`));
  return { words, k: checkInteger(req.k, 'k', 1, K_MAX, K_DEFAULT), model: checkModel(req.model) };
}

function complete(req: unknown): CompleteRequest & { limit: number } {
  if (!isObject(req)) throw new ValidationError('complete: expected an object');
  onlyKeys(req, ['prefix', 'limit', 'model'], 'complete');
  return {
    prefix: checkWord(req.prefix, 'prefix'),
    limit: checkInteger(req.limit, 'limit', 1, 50, 10),
    model: checkModel(req.model),
  };
}

function none(req: unknown): Record<string, never> {
  if (req !== undefined && req !== null && !(isObject(req) && Object.keys(req).length === 0)) {
    throw new ValidationError('this call takes no arguments');
  }
  return {};
}

function checkNumber(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValidationError(`${name} must be a number between ${min} and ${max} (got ${JSON.stringify(value)})`);
  }
  if (value < min || value > max) throw new ValidationError(`${name} must be between ${min} and ${max} (got ${value})`);
  return value;
}

function checkWordList(value: unknown, name: string, min: number, max: number): string[] {
  if (!Array.isArray(value)) throw new ValidationError(`${name} must be a list of words`);
  if (value.length < min) throw new ValidationError(`${name} must hold at least ${min} word${min === 1 ? '' : 's'} (got ${value.length})`);
  if (value.length > max) throw new ValidationError(`${name} may hold at most ${max} words (got ${value.length})`);
  return value.map((w, i) => checkWord(w, `${name}[${i}]`));
}

function checkId(value: unknown, name = 'id'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new ValidationError(`${name} must be a positive whole number (got ${JSON.stringify(value)})`);
  }
  return value;
}

function checkName(value: unknown, name = 'name'): string {
  if (typeof value !== 'string') throw new ValidationError(`${name} must be a string`);
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > 200) throw new ValidationError(`${name} must be 1 to 200 characters`);
  return trimmed;
}

/** Checks a ViewSpec and fills its defaults. Exported for the CLI and the core. */
export function checkView(value: unknown, name = 'view'): ViewSpec {
  if (!isObject(value)) throw new ValidationError(`${name} must be an object with a "kind"`);
  switch (value.kind) {
    case 'top':
      onlyKeys(value, ['kind', 'top'], name);
      return { kind: 'top', top: checkInteger(value.top, `${name}.top`, VIEW_TOP.min, VIEW_TOP.max, VIEW_TOP.default) };
    case 'words':
      onlyKeys(value, ['kind', 'words'], name);
      return { kind: 'words', words: checkWordList(value.words, `${name}.words`, 1, MAX_PROJECTION_POINTS) };
    case 'neighbourhood':
      onlyKeys(value, ['kind', 'query', 'k'], name);
      return {
        kind: 'neighbourhood',
        query: checkWord(value.query, `${name}.query`),
        k: checkInteger(value.k, `${name}.k`, 10, 10000, 500),
      };
    case 'vocabulary':
      onlyKeys(value, ['kind', 'vocabularyId'], name);
      return { kind: 'vocabulary', vocabularyId: checkId(value.vocabularyId, `${name}.vocabularyId`) };
    default:
      throw new ValidationError(`${name}.kind must be "top", "words", "neighbourhood" or "vocabulary" (got ${JSON.stringify(value.kind)})`);
  }
}

/** Checks complete UMAP parameters (every field required). Exported for the CLI and the worker client. */
export function checkUmapParams(value: unknown, name = 'params'): UmapParams {
  if (!isObject(value)) throw new ValidationError(`${name} must be an object`);
  onlyKeys(value, ['nNeighbors', 'minDist', 'nEpochs', 'seed'], name);
  const L = UMAP_LIMITS;
  const req = (key: string) => {
    if (value[key] === undefined || value[key] === null) throw new ValidationError(`${name}.${key} is required`);
    return value[key];
  };
  return {
    nNeighbors: checkInteger(req('nNeighbors'), `${name}.nNeighbors`, L.nNeighbors.min, L.nNeighbors.max, L.nNeighbors.default),
    minDist: checkNumber(req('minDist'), `${name}.minDist`, L.minDist.min, L.minDist.max),
    nEpochs: checkInteger(req('nEpochs'), `${name}.nEpochs`, L.nEpochs.min, L.nEpochs.max, 200),
    seed: checkInteger(req('seed'), `${name}.seed`, L.seed.min, L.seed.max, L.seed.default),
  };
}

function viewData(req: unknown): ViewDataRequest & { knnK: number } {
  if (!isObject(req)) throw new ValidationError('viewData: expected an object');
  onlyKeys(req, ['view', 'model', 'knnK'], 'viewData');
  return {
    view: checkView(req.view),
    model: checkModel(req.model),
    knnK: checkInteger(req.knnK, 'knnK', KNN_K.min, KNN_K.max, KNN_K.default),
  };
}

function vectorsOf(req: unknown): VectorsOfRequest {
  if (!isObject(req)) throw new ValidationError('vectorsOf: expected an object');
  onlyKeys(req, ['words', 'model'], 'vectorsOf');
  return { words: checkWordList(req.words, 'words', 1, MAX_PROJECTION_POINTS), model: checkModel(req.model) };
}

function saveProjection(req: unknown): SaveProjectionRequest {
  if (!isObject(req)) throw new ValidationError('saveProjection: expected an object');
  onlyKeys(req, ['view', 'params', 'words', 'coords', 'name', 'model', 'meta'], 'saveProjection');
  const words = checkWordList(req.words, 'words', 3, MAX_PROJECTION_POINTS);
  const coords = req.coords;
  if (!(coords instanceof Float32Array)) throw new ValidationError('coords must be a Float32Array');
  if (coords.length !== words.length * 3) {
    throw new ValidationError(`coords must hold 3 numbers per word: ${words.length * 3} for ${words.length} words (got ${coords.length})`);
  }
  for (let i = 0; i < coords.length; i++) {
    if (!Number.isFinite(coords[i]))
      throw new ValidationError(`coords[${i}] is not a finite number (point ${Math.floor(i / 3)}, "${words[Math.floor(i / 3)]}")`);
  }
  let meta: Record<string, unknown> | undefined;
  if (req.meta !== undefined && req.meta !== null) {
    if (!isObject(req.meta)) throw new ValidationError('meta must be an object');
    if (JSON.stringify(req.meta).length > 100_000) throw new ValidationError('meta is larger than 100,000 characters');
    meta = req.meta;
  }
  return {
    view: checkView(req.view),
    params: checkUmapParams(req.params),
    words,
    coords,
    name: req.name === undefined || req.name === null ? undefined : checkName(req.name),
    model: checkModel(req.model),
    meta,
  };
}

function listProjections(req: unknown): ListProjectionsRequest {
  if (req === undefined || req === null) return {};
  if (!isObject(req)) throw new ValidationError('listProjections: expected an object');
  onlyKeys(req, ['model'], 'listProjections');
  return { model: checkModel(req.model) };
}

function getProjection(req: unknown): GetProjectionRequest {
  if (!isObject(req)) throw new ValidationError('getProjection: expected an object');
  onlyKeys(req, ['id', 'model'], 'getProjection');
  return { id: req.id === 'latest' ? 'latest' : checkId(req.id), model: checkModel(req.model) };
}

function renameProjection(req: unknown): { id: number; name: string } {
  if (!isObject(req)) throw new ValidationError('renameProjection: expected an object');
  onlyKeys(req, ['id', 'name'], 'renameProjection');
  return { id: checkId(req.id), name: checkName(req.name) };
}

function deleteProjection(req: unknown): { id: number } {
  if (!isObject(req)) throw new ValidationError('deleteProjection: expected an object');
  onlyKeys(req, ['id'], 'deleteProjection');
  return { id: checkId(req.id) };
}

/** One validator per contract method; shells look them up by method name. */
export const validators: Record<ApiMethod, (req: unknown) => unknown> = {
  status: none,
  neighbors,
  complete,
  viewData,
  vectorsOf,
  saveProjection,
  listProjections,
  getProjection,
  renameProjection,
  deleteProjection,
  ...libraryValidators,
  ...exportValidators,
};
