/**
 * The validation toolkit every validator uses: one error class, one helper per shape. Requests
 * from the page are untrusted, so each helper either returns a value of exactly the promised
 * type or throws a ValidationError whose message names the field and what was expected.
 * Helpers take `undefined`/`null` as "not given": `fallback` fills it in, and without one the
 * field stays `undefined` (optional) or is an error (`required`).
 */

/** The one error a validator throws; crosses every boundary as code "invalid-request". */
export class ValidationError extends Error {
  readonly code = 'invalid-request';
}

/** Longest word or query accepted anywhere (characters). */
export const MAX_WORD_LENGTH = 200;
/** Longest user-visible name (model, projection, vocabulary), after trimming. */
export const MAX_NAME_LENGTH = 200;

const absent = (v: unknown): v is undefined | null => v === undefined || v === null;

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An object request holding only the fields `allowed`; `what` names the method in messages. */
export function object(req: unknown, what: string, allowed: readonly string[]): Record<string, unknown> {
  if (!isObject(req)) throw new ValidationError(`${what}: expected an object`);
  for (const key of Object.keys(req)) {
    if (!allowed.includes(key)) throw new ValidationError(`${what}: unknown field "${key}"`);
  }
  return req;
}

/** For methods without a request: nothing, null or `{}`. */
export function none(req: unknown): undefined {
  if (!absent(req) && !(isObject(req) && Object.keys(req).length === 0)) throw new ValidationError('this call takes no arguments');
  return undefined;
}

/** A whole number in min..max; `fallback` when absent (or undefined when no fallback is given). */
export function integer(value: unknown, name: string, min: number, max: number): number | undefined;
export function integer(value: unknown, name: string, min: number, max: number, fallback: number): number;
export function integer(value: unknown, name: string, min: number, max: number, fallback?: number): number | undefined {
  if (absent(value)) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new ValidationError(`${name} must be a whole number between ${min} and ${max} (got ${JSON.stringify(value)})`);
  }
  if (value < min || value > max) throw new ValidationError(`${name} must be between ${min} and ${max} (got ${value})`);
  return value;
}

/** A whole number that must be given. */
export function requiredInteger(value: unknown, name: string, min: number, max: number): number {
  if (absent(value)) throw new ValidationError(`${name} is required: a whole number between ${min} and ${max}`);
  return integer(value, name, min, max, 0);
}

/** A finite number in min..max that must be given. */
export function number(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValidationError(`${name} must be a number between ${min} and ${max} (got ${JSON.stringify(value)})`);
  }
  if (value < min || value > max) throw new ValidationError(`${name} must be between ${min} and ${max} (got ${value})`);
  return value;
}

/** A finite number in min..max, or `fallback` when absent. */
export function optionalNumber(value: unknown, name: string, min: number, max: number, fallback?: number): number | undefined {
  return absent(value) ? fallback : number(value, name, min, max);
}

/** A positive database id. */
export function id(value: unknown, name = 'id'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new ValidationError(`${name} must be a positive whole number (got ${JSON.stringify(value)})`);
  }
  return value;
}

/** A boolean, or `fallback` when absent. */
export function bool(value: unknown, name: string, fallback?: boolean): boolean | undefined {
  if (absent(value)) return fallback;
  if (typeof value !== 'boolean') throw new ValidationError(`${name} must be true or false`);
  return value;
}

/** One of `allowed`, or `fallback` when absent. */
export function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[], fallback?: T): T | undefined {
  if (absent(value)) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ValidationError(`${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  }
  return value as T;
}

/** A word or query as typed (not trimmed: the core decides what spaces mean), at most MAX_WORD_LENGTH. */
export function word(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new ValidationError(`${name} must be a string`);
  if (value.length > MAX_WORD_LENGTH) throw new ValidationError(`${name} is longer than ${MAX_WORD_LENGTH} characters`);
  return value;
}

/** A list of min..max words. */
export function wordList(value: unknown, name: string, min: number, max: number): string[] {
  if (!Array.isArray(value)) throw new ValidationError(`${name} must be a list of words`);
  if (value.length < min) throw new ValidationError(`${name} must hold at least ${min} word${min === 1 ? '' : 's'} (got ${value.length})`);
  if (value.length > max) throw new ValidationError(`${name} may hold at most ${max} words (got ${value.length})`);
  return value.map((w, i) => word(w, `${name}[${i}]`));
}

/** A trimmed, non-empty name of at most `max` characters. */
export function name(value: unknown, field = 'name', max = MAX_NAME_LENGTH): string {
  if (typeof value !== 'string') throw new ValidationError(`${field} must be a string`);
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > max) throw new ValidationError(`${field} must be 1 to ${max} characters`);
  return trimmed;
}

/** An optional trimmed name: undefined when absent. */
export function optionalName(value: unknown, field = 'name', max = MAX_NAME_LENGTH): string | undefined {
  return absent(value) ? undefined : name(value, field, max);
}

/** A string of at most `max` characters, kept as given (file contents, paths, free text). */
export function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') throw new ValidationError(`${field} must be a string`);
  if (value.length > max) throw new ValidationError(`${field} must be at most ${max} characters (got ${value.length})`);
  return value;
}

/** The model a request names, or undefined for the active model. */
export function model(value: unknown): string | undefined {
  if (absent(value)) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME_LENGTH) {
    throw new ValidationError('model must be a non-empty model name');
  }
  return value;
}

/**
 * A typed array of the given kind with `length` elements (when given), every value finite;
 * `describe` names what a bad element belongs to (a word, a point) in the message.
 */
export function finiteArray<T extends Float32Array | Float64Array>(
  value: unknown,
  field: string,
  kind: { new (n: number): T; name: string },
  length?: number,
  describe?: (index: number) => string,
): T {
  if (!(value instanceof kind)) throw new ValidationError(`${field} must be a ${kind.name}`);
  if (length !== undefined && value.length !== length) {
    throw new ValidationError(`${field} must hold ${length} numbers (got ${value.length})`);
  }
  for (let i = 0; i < value.length; i++) {
    if (!Number.isFinite(value[i])) {
      throw new ValidationError(`${field}[${i}] is not a finite number${describe ? ` (${describe(i)})` : ''}`);
    }
  }
  return value;
}
