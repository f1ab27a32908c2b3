import fs from 'node:fs';
import path from 'node:path';
import { ExplorerError } from '../errors';

/** One file of a corpus: where to read it and the name to show for it. */
export interface CorpusFile {
  file: string;
  name: string;
  bytes: number;
}

/** Files a folder contributes (compressed or not). */
const TEXT_FILE = /\.(txt|md|markdown|text)(\.gz)?$/i;
/** Most files one corpus may list: far beyond any folder of notes, and a guard against a mistyped root. */
const MAX_FILES = 100_000;

function walk(dir: string, out: string[]): void {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && TEXT_FILE.test(e.name)) out.push(p);
    if (out.length > MAX_FILES) {
      throw new ExplorerError(
        'too-many-files',
        `${dir} holds more than ${MAX_FILES.toLocaleString('en-US')} text files; choose a smaller folder.`,
      );
    }
  }
}

/**
 * Expands the given paths into files, in a stable order: a file is taken as given (whatever its
 * extension; binary files are refused when read), a folder contributes its .txt and .md files
 * (and their .gz), recursively, sorted by name, hidden files skipped.
 */
export function listCorpusFiles(paths: readonly string[]): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const given of paths) {
    const p = path.resolve(given);
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      throw new ExplorerError('file-not-found', `${given}: no such file or folder.`);
    }
    if (st.isDirectory()) {
      const found: string[] = [];
      walk(p, found);
      if (found.length === 0) throw new ExplorerError('empty-corpus', `${given} holds no .txt or .md files (nor .gz of them).`);
      for (const f of found) files.push({ file: f, name: path.relative(path.dirname(p), f), bytes: fs.statSync(f).size });
    } else {
      files.push({ file: p, name: path.basename(p), bytes: st.size });
    }
  }
  if (files.length === 0) throw new ExplorerError('empty-corpus', 'No corpus files were given.');
  return files;
}
