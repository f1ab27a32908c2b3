/**
 * Validators for the export members of the contract (spread into `validators` in validate.ts):
 * untrusted input in, normalised request or an "invalid-request" error out.
 */
import {
  type ExportCamera,
  type ExportFormat,
  type ExportNeighborsRequest,
  type ExportProjectionRequest,
  K_DEFAULT,
  K_MAX,
  MAX_PLACED_POINTS,
} from './contract';

class ExportValidationError extends Error {
  readonly code = 'invalid-request';
}

const FORMATS: readonly ExportFormat[] = ['csv', 'json', 'tsv', 'svg', 'html'];

function obj(req: unknown, what: string, allowed: string[]): Record<string, unknown> {
  if (typeof req !== 'object' || req === null || Array.isArray(req)) throw new ExportValidationError(`${what}: expected an object`);
  for (const key of Object.keys(req)) {
    if (!allowed.includes(key)) throw new ExportValidationError(`${what}: unknown field "${key}"`);
  }
  return req as Record<string, unknown>;
}

function int(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ExportValidationError(`${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`);
  }
  return value;
}

function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ExportValidationError(`${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  }
  return value as T;
}

function bool(value: unknown, name: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new ExportValidationError(`${name} must be true or false`);
  return value;
}

function text(value: unknown, name: string, optional: boolean): string | undefined {
  if ((value === undefined || value === null) && optional) return undefined;
  if (typeof value !== 'string' || value.length > 200)
    throw new ExportValidationError(`${name} must be a string of at most 200 characters`);
  return value;
}

function vec3(value: unknown, name: string): [number, number, number] {
  if (!Array.isArray(value) || value.length !== 3 || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new ExportValidationError(`${name} must be three finite numbers`);
  }
  return [value[0], value[1], value[2]];
}

function camera(value: unknown): ExportCamera | undefined {
  if (value === undefined || value === null) return undefined;
  const c = obj(value, 'camera', ['position', 'target', 'up', 'fov', 'aspect']);
  const fov = c.fov;
  const aspect = c.aspect;
  if (typeof fov !== 'number' || !(fov >= 1 && fov <= 179)) throw new ExportValidationError('camera.fov must be 1..179 degrees');
  if (typeof aspect !== 'number' || !(aspect > 0.01 && aspect < 100))
    throw new ExportValidationError('camera.aspect must be a positive width/height ratio');
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
  const p = obj(value, 'placed', ['words', 'coords']);
  const words = p.words;
  if (!Array.isArray(words) || words.length > MAX_PLACED_POINTS)
    throw new ExportValidationError(`placed.words must be a list of at most ${MAX_PLACED_POINTS} words`);
  words.forEach((w, i) => {
    if (typeof w !== 'string' || w.length === 0 || w.length > 200)
      throw new ExportValidationError(`placed.words[${i}] must be a word of 1 to 200 characters`);
  });
  const coords = p.coords;
  if (!(coords instanceof Float32Array) || coords.length !== words.length * 3) {
    throw new ExportValidationError(
      `placed.coords must be a Float32Array of 3 numbers per word (${words.length * 3} for ${words.length} words)`,
    );
  }
  for (let i = 0; i < coords.length; i++) {
    if (!Number.isFinite(coords[i]))
      throw new ExportValidationError(`placed.coords[${i}] is not a finite number (word "${words[Math.floor(i / 3)]}")`);
  }
  return { words: words as string[], coords };
}

function exportProjection(req: unknown): ExportProjectionRequest {
  const r = obj(req, 'exportProjection', [
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
  ]);
  const id = r.id === 'latest' ? 'latest' : int(r.id, 'id', 1, Number.MAX_SAFE_INTEGER);
  if (id === undefined) throw new ExportValidationError('exportProjection: give a projection id or "latest"');
  const format = oneOf(r.format, 'format', FORMATS);
  if (!format) throw new ExportValidationError(`exportProjection: give a format (${FORMATS.join(', ')})`);
  return {
    id,
    format,
    model: text(r.model, 'model', true),
    query: text(r.query, 'query', true),
    camera: camera(r.camera),
    width: int(r.width, 'width', 16, 16384),
    height: int(r.height, 'height', 16, 16384),
    theme: oneOf(r.theme, 'theme', ['dark', 'light'] as const),
    transparent: bool(r.transparent, 'transparent'),
    labels: bool(r.labels, 'labels'),
    vectors: oneOf(r.vectors, 'vectors', ['original', 'unit'] as const),
    placed: placed(r.placed),
  };
}

function exportNeighbors(req: unknown): Required<Pick<ExportNeighborsRequest, 'word' | 'k' | 'format'>> & ExportNeighborsRequest {
  const r = obj(req, 'exportNeighbors', ['word', 'k', 'model', 'format']);
  const format = oneOf(r.format, 'format', ['csv', 'md'] as const);
  if (!format) throw new ExportValidationError('exportNeighbors: give a format (csv or md)');
  return { word: text(r.word, 'word', false)!, k: int(r.k, 'k', 1, K_MAX) ?? K_DEFAULT, model: text(r.model, 'model', true), format };
}

export const exportValidators = { exportProjection, exportNeighbors };
