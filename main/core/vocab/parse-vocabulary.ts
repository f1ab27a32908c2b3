import path from 'node:path';
import { ExplorerError } from '../errors';
import { parseDelimited } from './csv';

/** One entry as read from the file, before it is looked up. */
export interface RawEntry {
  entry: string;
  label: string | null;
  meta?: Record<string, string>;
  /** 1-based line in the file. */
  line: number;
}

export interface ParsedVocabulary {
  entries: RawEntry[];
  /** Repeated entries dropped (keeping the first and its label). */
  duplicates: number;
  /** Rows whose entry was empty after trimming. */
  empty: number;
}

const WORD_COLUMNS = ['word', 'entry', 'term', 'token'];

const norm = (s: string) => s.trim().normalize('NFC');

function fail(file: string, line: number, problem: string): ExplorerError {
  return new ExplorerError('bad-file', `${file}, line ${line}: ${problem}.`, { file, where: `line ${line}` });
}

/**
 * Reads a vocabulary: .txt has one entry per line ("#" starts a comment line); .csv and .tsv
 * have a header row with a "word" column, an optional "label" column, and any other columns,
 * which are kept as metadata. Entries are trimmed, put in Unicode NFC, and de-duplicated.
 */
export function parseVocabulary(fileName: string, content: string): ParsedVocabulary {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  if (text.trim().length === 0) throw fail(fileName, 1, 'the file is empty');
  const ext = path.extname(fileName).toLowerCase();
  const raw: RawEntry[] = [];
  if (ext === '.csv' || ext === '.tsv') {
    const rows = parseDelimited(text, ext === '.csv' ? ',' : '\t').filter((r) => r.fields.some((f) => f.trim().length));
    if (rows.length === 0) throw fail(fileName, 1, 'the file is empty');
    const header = rows[0].fields.map((h) => norm(h).toLowerCase());
    const wordCol = header.findIndex((h) => WORD_COLUMNS.includes(h));
    if (wordCol < 0) {
      throw fail(
        fileName,
        rows[0].line,
        `the header row needs a "word" column (found: ${rows[0].fields.map((h) => `"${h.trim()}"`).join(', ')})`,
      );
    }
    const labelCol = header.indexOf('label');
    for (const r of rows.slice(1)) {
      if (r.fields.length > header.length) {
        throw fail(
          fileName,
          r.line,
          `the row has ${r.fields.length} fields but the header has ${header.length} (quote fields that contain "${ext === '.csv' ? ',' : 'tab'}")`,
        );
      }
      const meta: Record<string, string> = {};
      header.forEach((_h, c) => {
        if (c !== wordCol && c !== labelCol && r.fields[c] !== undefined && r.fields[c].trim() !== '')
          meta[rows[0].fields[c].trim()] = norm(r.fields[c]);
      });
      const label = labelCol >= 0 ? norm(r.fields[labelCol] ?? '') : '';
      raw.push({
        entry: norm(r.fields[wordCol] ?? ''),
        label: label || null,
        meta: Object.keys(meta).length ? meta : undefined,
        line: r.line,
      });
    }
  } else {
    text.split(/\r?\n|\r/).forEach((l, i) => {
      if (l.trimStart().startsWith('#')) return;
      if (l.trim().length === 0) return; // blank lines are layout, not empty entries
      raw.push({ entry: norm(l), label: null, line: i + 1 });
    });
  }
  const seen = new Set<string>();
  const entries: RawEntry[] = [];
  let duplicates = 0;
  let empty = 0;
  for (const e of raw) {
    if (e.entry.length === 0) {
      empty++;
      continue;
    }
    // Inner runs of whitespace are one space: "machine  learning" is "machine learning".
    e.entry = e.entry.replace(/\s+/g, ' ');
    if (e.entry.length > 200) throw fail(fileName, e.line, `the entry is longer than 200 characters`);
    if (seen.has(e.entry)) {
      duplicates++;
      continue;
    }
    seen.add(e.entry);
    entries.push(e);
  }
  if (entries.length === 0) throw fail(fileName, 1, 'the file has no entries');
  if (entries.length > 100_000) throw fail(fileName, entries[100_000].line, 'a vocabulary may hold at most 100,000 entries');
  return { entries, duplicates, empty };
}
