import type { ParseArgsConfig } from 'node:util';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** One CLI command: its help text, its options, and what it does. Returns the exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Lines describing each option, shown by --help. */
  details: string[];
  options: Options;
  run(positionals: string[], values: Values): Promise<number>;
}

/** Options every command accepts. */
export const COMMON_OPTIONS: Options = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export const COMMON_DETAILS = [
  '  --db PATH        database file (default: $EMBEDDING_EXPLORER_DB, else the per-user data folder)',
  '  --json           print machine-readable JSON on stdout',
  '  -h, --help       show this help',
];

export class UsageError extends Error {}

/** Parses a whole number option, with a message that names the option. */
export function intOption(values: Values, name: string, fallback: number, min: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n)) {
    throw new UsageError(`--${name} must be a whole number (got "${String(raw)}")`);
  }
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max} (got ${n})`);
  return n;
}
