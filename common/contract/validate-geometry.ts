import {
  ANALOGY_METHODS,
  type AnalogyRequest,
  type AxesRequest,
  type DoesntMatchRequest,
  EVALUATION_KINDS,
  EVALUATION_RESTRICT_DEFAULT,
  type EvaluateRequest,
  MAX_AXES,
  MAX_BENCHMARK_CHARS,
  type ProjectionAxis,
} from './contract-geometry';
import { K_DEFAULT, K_MAX } from './contract';
import * as check from './check';
import { ValidationError } from './check';

const RESTRICT_MAX = 1_000_000_000;

function analogy(req: unknown): AnalogyRequest & { k: number; method: 'add' | 'mul' } {
  const r = check.object(req, 'analogy', ['a', 'b', 'c', 'k', 'method', 'restrict', 'model']);
  return {
    a: check.word(r.a, 'a'),
    b: check.word(r.b, 'b'),
    c: check.word(r.c, 'c'),
    k: check.integer(r.k, 'k', 1, K_MAX, K_DEFAULT),
    method: check.oneOf(r.method, 'method', ANALOGY_METHODS) ?? 'add',
    restrict: check.integer(r.restrict, 'restrict', 1, RESTRICT_MAX),
    model: check.model(r.model),
  };
}

function doesntMatch(req: unknown): DoesntMatchRequest {
  const r = check.object(req, 'doesntMatch', ['words', 'model']);
  return { words: check.wordList(r.words, 'words', 2, 100), model: check.model(r.model) };
}

function axes(req: unknown): AxesRequest {
  const r = check.object(req, 'axes', ['axes', 'model']);
  if (!Array.isArray(r.axes) || r.axes.length === 0 || r.axes.length > MAX_AXES) {
    throw new ValidationError(`axes must be a list of 1 to ${MAX_AXES} expressions`);
  }
  return { axes: r.axes.map((a, i) => check.word(a, `axes[${i}]`)), model: check.model(r.model) };
}

function evaluate(req: unknown): EvaluateRequest & { restrict: number } {
  const r = check.object(req, 'evaluate', ['kind', 'fileName', 'content', 'restrict', 'model']);
  const kind = check.oneOf(r.kind, 'kind', EVALUATION_KINDS);
  if (!kind) throw new ValidationError('kind is required: "pairs" or "analogies"');
  return {
    kind,
    fileName: check.name(r.fileName, 'fileName'),
    content: check.text(r.content, 'content', MAX_BENCHMARK_CHARS),
    restrict: check.integer(r.restrict, 'restrict', 1, RESTRICT_MAX, EVALUATION_RESTRICT_DEFAULT),
    model: check.model(r.model),
  };
}

/** Validators of the geometry methods, spread into `validators`. */
export const geometryValidators = { analogy, doesntMatch, axes, evaluate };

/** A saved projection's axes, or undefined when absent. */
export function checkAxes(value: unknown): ProjectionAxis[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_AXES)
    throw new ValidationError(`axes must be a list of 1 to ${MAX_AXES} axes`);
  return value.map((a, i) => {
    const r = check.object(a, `axes[${i}]`, ['name', 'expression', 'positiveLabel', 'negativeLabel']);
    const name = check.oneOf(r.name, `axes[${i}].name`, ['x', 'y', 'z'] as const);
    if (!name) throw new ValidationError(`axes[${i}].name is required: x, y or z`);
    return {
      name,
      expression: check.word(r.expression, `axes[${i}].expression`),
      positiveLabel: check.word(r.positiveLabel, `axes[${i}].positiveLabel`),
      negativeLabel: check.word(r.negativeLabel, `axes[${i}].negativeLabel`),
    };
  });
}

/** The neighbour query's `method`, "add" when absent. */
export function checkMethod(value: unknown): 'add' | 'mul' {
  return check.oneOf(value, 'method', ANALOGY_METHODS) ?? 'add';
}
