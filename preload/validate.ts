/**
 * Validation of every request crossing a process boundary. Renderer content is untrusted, so
 * shells run these before anything reaches the core; the core may then rely on the shapes.
 * Each validator returns a normalised request (defaults filled in) or throws ValidationError.
 */
import {
  type ApiMethod,
  type CompleteRequest,
  type NeighborsRequest,
  K_DEFAULT,
  K_MAX,
} from './contract';
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

/** One validator per contract method; shells look them up by method name. */
export const validators: Record<ApiMethod, (req: unknown) => unknown> = {
  status: none,
  neighbors,
  complete,
  ...libraryValidators,
};
