/**
 * Validators for the export members of the contract (spread into `validators` in validate.ts):
 * untrusted input in, normalised request or an "invalid-request" error out.
 */
import * as check from './check';
import { ValidationError } from './check';
import {
  EXPORT_FORMATS,
  type ExportCamera,
  type ExportNeighborsRequest,
  type ExportProjectionRequest,
  K_DEFAULT,
  K_MAX,
  MAX_PLACED_POINTS,
  NEIGHBOR_TABLE_FORMATS,
} from './contract';

function vec3(value: unknown, name: string): [number, number, number] {
  if (!Array.isArray(value) || value.length !== 3 || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new ValidationError(`${name} must be three finite numbers`);
  }
  return [value[0], value[1], value[2]];
}

function camera(value: unknown): ExportCamera | undefined {
  if (value === undefined || value === null) return undefined;
  const c = check.object(value, 'camera', ['position', 'target', 'up', 'fov', 'aspect']);
  const fov = c.fov;
  const aspect = c.aspect;
  if (typeof fov !== 'number' || !(fov >= 1 && fov <= 179)) throw new ValidationError('camera.fov must be 1..179 degrees');
  if (typeof aspect !== 'number' || !(aspect > 0.01 && aspect < 100))
    throw new ValidationError('camera.aspect must be a positive width/height ratio');
  return {
    position: vec3(c.position, 'camera.position'),
    target: vec3(c.target, 'camera.target'),
    up: vec3(c.up, 'camera.up'),
    fov,
    aspect,
  };
}

function placed(value: unknown): ExportProjectionRequest['placed'] {
  if (value === undefined || value === null) return undefined;
  const p = check.object(value, 'placed', ['words', 'coords']);
  const words = p.words;
  if (!Array.isArray(words) || words.length > MAX_PLACED_POINTS)
    throw new ValidationError(`placed.words must be a list of at most ${MAX_PLACED_POINTS} words`);
  words.forEach((w, i) => {
    if (check.word(w, `placed.words[${i}]`).length === 0) throw new ValidationError(`placed.words[${i}] must not be empty`);
  });
  const coords = check.finiteArray(
    p.coords,
    'placed.coords',
    Float32Array,
    words.length * 3,
    (i) => `word "${String(words[Math.floor(i / 3)])}"`,
  );
  return { words: words as string[], coords };
}

function exportProjection(req: unknown): ExportProjectionRequest {
  const r = check.object(req, 'exportProjection', [
    'id',
    'model',
    'format',
    'query',
    'camera',
    'width',
    'height',
    'theme',
    'transparent',
    'labels',
    'vectors',
    'placed',
    'keepFormulas',
  ]);
  if (r.id === undefined || r.id === null) throw new ValidationError('exportProjection: give a projection id or "latest"');
  const id = r.id === 'latest' ? 'latest' : check.id(r.id);
  const format = check.oneOf(r.format, 'format', EXPORT_FORMATS);
  if (!format) throw new ValidationError(`exportProjection: give a format (${EXPORT_FORMATS.join(', ')})`);
  return {
    id,
    format,
    model: check.model(r.model),
    query: r.query === undefined || r.query === null ? undefined : check.word(r.query, 'query'),
    camera: camera(r.camera),
    width: check.integer(r.width, 'width', 16, 16384),
    height: check.integer(r.height, 'height', 16, 16384),
    theme: check.oneOf(r.theme, 'theme', ['dark', 'light'] as const),
    transparent: check.bool(r.transparent, 'transparent'),
    labels: check.bool(r.labels, 'labels'),
    vectors: check.oneOf(r.vectors, 'vectors', ['original', 'unit'] as const),
    placed: placed(r.placed),
    keepFormulas: check.bool(r.keepFormulas, 'keepFormulas'),
  };
}

function exportNeighbors(req: unknown): Required<Pick<ExportNeighborsRequest, 'word' | 'k' | 'format'>> & ExportNeighborsRequest {
  const r = check.object(req, 'exportNeighbors', ['word', 'k', 'model', 'format', 'keepFormulas']);
  const format = check.oneOf(r.format, 'format', NEIGHBOR_TABLE_FORMATS);
  if (!format) throw new ValidationError('exportNeighbors: give a format (csv or md)');
  return {
    word: check.word(r.word, 'word'),
    k: check.integer(r.k, 'k', 1, K_MAX, K_DEFAULT),
    model: check.model(r.model),
    format,
    keepFormulas: check.bool(r.keepFormulas, 'keepFormulas'),
  };
}

export const exportValidators = { exportProjection, exportNeighbors };
