/**
 * Validation of every request crossing a process boundary. Renderer content is untrusted, so
 * shells run these before anything reaches the core; the core may then rely on the shapes.
 * Each validator returns a normalised request (defaults filled in) or throws ValidationError.
 */
import { trainValidators } from './validate-train';
import {
  type ApiMethod,
  type ApiRequest,
  type CompleteRequest,
  type GetProjectionRequest,
  KNN_K,
  type ListProjectionsRequest,
  MAX_PROJECTION_POINTS,
  type NeighborsRequest,
  type SaveProjectionRequest,
  type UmapParams,
  UMAP_ENGINES,
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
import { checkAxes, checkMethod, geometryValidators } from './validate-geometry';
import { clusterValidators } from './validate-clusters';

import * as check from './check';
import { ValidationError } from './check';

export { ValidationError };

function neighbors(req: unknown): Required<Pick<NeighborsRequest, 'words' | 'k'>> & NeighborsRequest {
  const r = check.object(req, 'neighbors', ['words', 'k', 'model', 'method']);
  if (!Array.isArray(r.words) || r.words.length === 0) {
    throw new ValidationError('neighbors: give at least one word');
  }
  if (r.words.length > 100) throw new ValidationError('neighbors: at most 100 words per request');
  const words = r.words.map((w, i) => check.word(w, `words[${i}]`));
  return { words, k: check.integer(r.k, 'k', 1, K_MAX, K_DEFAULT), model: check.model(r.model), method: checkMethod(r.method) };
}

function complete(req: unknown): CompleteRequest & { limit: number } {
  const r = check.object(req, 'complete', ['prefix', 'limit', 'model']);
  return {
    prefix: check.word(r.prefix, 'prefix'),
    limit: check.integer(r.limit, 'limit', 1, 50, 10),
    model: check.model(r.model),
  };
}

/** Checks a ViewSpec and fills its defaults. Exported for the CLI and the core. */
export function checkView(value: unknown, name = 'view'): ViewSpec {
  if (!check.isObject(value)) throw new ValidationError(`${name} must be an object with a "kind"`);
  switch (value.kind) {
    case 'top':
      check.object(value, name, ['kind', 'top']);
      return { kind: 'top', top: check.integer(value.top, `${name}.top`, VIEW_TOP.min, VIEW_TOP.max, VIEW_TOP.default) };
    case 'words':
      check.object(value, name, ['kind', 'words']);
      return { kind: 'words', words: check.wordList(value.words, `${name}.words`, 3, MAX_PROJECTION_POINTS) };
    case 'neighbourhood':
      check.object(value, name, ['kind', 'query', 'k']);
      return {
        kind: 'neighbourhood',
        query: check.word(value.query, `${name}.query`),
        k: check.integer(value.k, `${name}.k`, 10, 10000, 500),
      };
    case 'vocabulary':
      check.object(value, name, ['kind', 'vocabularyId']);
      return { kind: 'vocabulary', vocabularyId: check.id(value.vocabularyId, `${name}.vocabularyId`) };
    default:
      throw new ValidationError(`${name}.kind must be "top", "words", "neighbourhood" or "vocabulary" (got ${JSON.stringify(value.kind)})`);
  }
}

/** Checks complete UMAP parameters (every field required). Exported for the CLI and the worker client. */
export function checkUmapParams(value: unknown, name = 'params'): UmapParams {
  if (!check.isObject(value)) throw new ValidationError(`${name} must be an object`);
  check.object(value, name, ['nNeighbors', 'minDist', 'nEpochs', 'seed', 'engine']);
  const L = UMAP_LIMITS;
  const req = (key: string) => {
    if (value[key] === undefined || value[key] === null) throw new ValidationError(`${name}.${key} is required`);
    return value[key];
  };
  return {
    nNeighbors: check.integer(req('nNeighbors'), `${name}.nNeighbors`, L.nNeighbors.min, L.nNeighbors.max, L.nNeighbors.default),
    minDist: check.number(req('minDist'), `${name}.minDist`, L.minDist.min, L.minDist.max),
    nEpochs: check.integer(req('nEpochs'), `${name}.nEpochs`, L.nEpochs.min, L.nEpochs.max, 200),
    seed: check.integer(req('seed'), `${name}.seed`, L.seed.min, L.seed.max, L.seed.default),
    ...(value.engine === undefined || value.engine === null ? {} : { engine: check.oneOf(value.engine, `${name}.engine`, UMAP_ENGINES) }),
  };
}

function viewData(req: unknown): ViewDataRequest & { knnK: number } {
  const r = check.object(req, 'viewData', ['view', 'model', 'knnK']);
  return {
    view: checkView(r.view),
    model: check.model(r.model),
    knnK: check.integer(r.knnK, 'knnK', KNN_K.min, KNN_K.max, KNN_K.default),
  };
}

function vectorsOf(req: unknown): VectorsOfRequest {
  const r = check.object(req, 'vectorsOf', ['words', 'model']);
  return { words: check.wordList(r.words, 'words', 1, MAX_PROJECTION_POINTS), model: check.model(r.model) };
}

function saveProjection(req: unknown): SaveProjectionRequest {
  const r = check.object(req, 'saveProjection', ['view', 'params', 'words', 'coords', 'name', 'model', 'meta', 'axes']);
  const words = check.wordList(r.words, 'words', 3, MAX_PROJECTION_POINTS);
  const coords = r.coords;
  if (!(coords instanceof Float32Array)) throw new ValidationError('coords must be a Float32Array');
  if (coords.length !== words.length * 3) {
    throw new ValidationError(`coords must hold 3 numbers per word: ${words.length * 3} for ${words.length} words (got ${coords.length})`);
  }
  for (let i = 0; i < coords.length; i++) {
    if (!Number.isFinite(coords[i]))
      throw new ValidationError(`coords[${i}] is not a finite number (point ${Math.floor(i / 3)}, "${words[Math.floor(i / 3)]}")`);
  }
  let meta: Record<string, unknown> | undefined;
  if (r.meta !== undefined && r.meta !== null) {
    if (!check.isObject(r.meta)) throw new ValidationError('meta must be an object');
    if (JSON.stringify(r.meta).length > 100_000) throw new ValidationError('meta is larger than 100,000 characters');
    meta = r.meta;
  }
  return {
    view: checkView(r.view),
    params: checkUmapParams(r.params),
    words,
    coords,
    name: r.name === undefined || r.name === null ? undefined : check.name(r.name),
    model: check.model(r.model),
    meta,
    axes: checkAxes(r.axes),
  };
}

function listProjections(req: unknown): ListProjectionsRequest {
  if (req === undefined || req === null) return {};
  const r = check.object(req, 'listProjections', ['model']);
  return { model: check.model(r.model) };
}

function getProjection(req: unknown): GetProjectionRequest {
  const r = check.object(req, 'getProjection', ['id', 'model']);
  return { id: r.id === 'latest' ? 'latest' : check.id(r.id), model: check.model(r.model) };
}

function renameProjection(req: unknown): { id: number; name: string } {
  const r = check.object(req, 'renameProjection', ['id', 'name']);
  return { id: check.id(r.id), name: check.name(r.name) };
}

function deleteProjection(req: unknown): { id: number } {
  const r = check.object(req, 'deleteProjection', ['id']);
  return { id: check.id(r.id) };
}

/** One validator per contract method; shells look them up by method name. */
/** One validator per method: untrusted input in, the method's request type out (or a thrown ValidationError). */
export const validators: { [M in ApiMethod]: (req: unknown) => ApiRequest<M> } = {
  status: check.none,
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
  ...geometryValidators,
  ...clusterValidators,
  ...trainValidators,
};
