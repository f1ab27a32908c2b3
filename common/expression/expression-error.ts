/** Why an expression could not be read or answered; every kind points at the text it is about. */
export type ExpressionErrorCode =
  | 'empty-expression'
  | 'unknown-word'
  | 'dangling-operator'
  | 'missing-operator'
  | 'unbalanced-parenthesis'
  | 'expected-word'
  | 'expected-number'
  | 'unclosed-quote'
  | 'bad-number'
  | 'cancels-out'
  | 'too-long';

/** A problem at a place in the expression: `column` is 1-based, `length` at least 1. */
export interface ExpressionProblem {
  code: ExpressionErrorCode;
  message: string;
  column: number;
  length: number;
  /** Close spellings for an unknown word, best first. */
  suggestions?: string[];
}

export class ExpressionError extends Error {
  readonly problem: ExpressionProblem;

  constructor(code: ExpressionErrorCode, message: string, at: number, length = 1, suggestions?: string[]) {
    super(message);
    this.name = 'ExpressionError';
    this.problem = { code, message, column: at + 1, length: Math.max(1, length), ...(suggestions ? { suggestions } : {}) };
  }
}

/** The message with a caret under the column, for terminals: "king - - man\n       ^". */
export function pointAt(source: string, problem: ExpressionProblem): string {
  const pad = ' '.repeat(Math.max(0, problem.column - 1));
  return `${source}\n${pad}${'^'.repeat(Math.min(problem.length, Math.max(1, source.length - problem.column + 1)))}`;
}
