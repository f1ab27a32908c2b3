import fs from 'node:fs';
import path from 'node:path';
import { MAX_VOCABULARY_CHARS } from '../../common/contract/contract';

/** What a file opened from the OS, a dialog, the recent list or a drop is taken to be. */
export type FileKind = 'model' | 'vocabulary';

/** Extensions the app registers with the OS and accepts from drops (lower case, longest first). */
export const MODEL_EXTENSIONS = ['.vec.gz', '.txt.gz', '.tsv.gz', '.vec', '.bin', '.gz'] as const;
export const VOCABULARY_EXTENSIONS = ['.csv', '.txt', '.tsv'] as const;
/** Most paths one drop or one command line may open. */
export const MAX_OPEN_PATHS = 16;
const MAX_PATH_LENGTH = 4096;

/**
 * The kind a file is opened as, from its name and size: vector extensions are models; .csv is a
 * vocabulary; .txt and .tsv are vocabularies while they fit a vocabulary's limit and models
 * (GloVe text, Projector vectors) beyond it. Null for anything else.
 */
export function kindOf(fileName: string, size: number): FileKind | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.csv')) return 'vocabulary';
  if (name.endsWith('.txt') || name.endsWith('.tsv')) return size <= MAX_VOCABULARY_CHARS ? 'vocabulary' : 'model';
  if (MODEL_EXTENSIONS.some((e) => name.endsWith(e))) return 'model';
  return null;
}

export interface CheckedPath {
  path: string;
  kind: FileKind;
  size: number;
}

/**
 * Validates a path that came from outside the main process (a drop through the preload, the
 * command line of a second instance): a string, absolute, no NUL, not absurdly long, naming an
 * existing regular file of a kind the app opens. Throws an Error that names the file otherwise.
 */
export function checkOpenPath(raw: unknown): CheckedPath {
  if (typeof raw !== 'string' || raw.length === 0) throw new Error('A file path is missing.');
  if (raw.length > MAX_PATH_LENGTH || raw.includes('\0')) throw new Error('That file path is not valid.');
  if (!path.isAbsolute(raw)) throw new Error(`"${raw}" is not an absolute path.`);
  const file = path.normalize(raw);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new Error(`"${path.basename(file)}" cannot be found or read.`);
  }
  if (!stat.isFile()) throw new Error(`"${path.basename(file)}" is not a file.`);
  const kind = kindOf(file, stat.size);
  if (!kind)
    throw new Error(`"${path.basename(file)}" is neither a vector file (.vec, .vec.gz, .bin, .txt) nor a vocabulary (.csv, .txt, .tsv).`);
  return { path: file, kind, size: stat.size };
}

/** Validates a list of paths: an array of at most MAX_OPEN_PATHS entries, each checked. */
export function checkOpenPaths(raw: unknown): { ok: CheckedPath[]; errors: string[] } {
  if (!Array.isArray(raw)) throw new Error('Expected a list of file paths.');
  if (raw.length > MAX_OPEN_PATHS) throw new Error(`At most ${MAX_OPEN_PATHS} files can be opened at once.`);
  const ok: CheckedPath[] = [];
  const errors: string[] = [];
  for (const p of raw) {
    try {
      ok.push(checkOpenPath(p));
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  return { ok, errors };
}

/** File paths on a command line (a file opened from the OS): absolute or relative to `cwd`, known kinds only. */
export function filesFromArgv(argv: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-') || arg.includes('\0')) continue;
    const lower = arg.toLowerCase();
    const known = [...MODEL_EXTENSIONS, ...VOCABULARY_EXTENSIONS].some((e) => lower.endsWith(e));
    if (known) out.push(path.resolve(cwd, arg));
  }
  return out.slice(0, MAX_OPEN_PATHS);
}
