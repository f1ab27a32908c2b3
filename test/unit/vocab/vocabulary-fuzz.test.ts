/**
 * Vocabulary files (.txt, .csv, .tsv), generated: each parses to entries that obey the rules
 * (trimmed, NFC, single spaces, 1..200 characters, unique, each with its line) or fails with a
 * "bad-file" error naming the file and the line. Never another exception, never a hang.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isExplorerError } from '../../../main/core/errors';
import { parseVocabulary } from '../../../main/core/vocab/parse-vocabulary';

const RUNS = 1000;

const cell = fc.oneof(
  fc.constantFrom(
    'word',
    'label',
    'entry',
    'note',
    'virtue',
    'New York',
    ' padded ',
    'a,b',
    'say "hi"',
    '"',
    '""',
    '#comment',
    'e\u0301',
    '日本',
    '\u00a0',
    '',
    'x'.repeat(201),
  ),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const delimited = (sep: string) =>
  fc
    .tuple(
      fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 0, maxLength: 8 }),
      fc.constantFrom('\n', '\r\n', '\r'),
      fc.boolean(),
    )
    .map(([rows, eol, quoteAll]) =>
      rows.map((r) => r.map((c) => (quoteAll || /[",\t\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(sep)).join(eol),
    );
const text = fc.oneof(
  fc.array(cell, { maxLength: 10 }).chain((lines) => fc.constantFrom('\n', '\r\n', '\r').map((eol) => lines.join(eol))),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('\uFEFFvirtue\n', '', ' \n\t\n', 'word,label\nvirtue,good\nvirtue,bad\n'),
);

function check(fileName: string, content: string): void {
  try {
    const r = parseVocabulary(fileName, content);
    expect(r.entries.length).toBeGreaterThan(0);
    expect(r.entries.length).toBeLessThanOrEqual(100_000);
    const seen = new Set<string>();
    for (const e of r.entries) {
      expect(e.entry.length).toBeGreaterThan(0);
      expect(e.entry.length).toBeLessThanOrEqual(200);
      expect(e.entry).toBe(e.entry.trim());
      expect(e.entry).toBe(e.entry.normalize('NFC'));
      expect(e.entry).not.toMatch(/\s\s/);
      expect(seen.has(e.entry)).toBe(false);
      seen.add(e.entry);
      expect(Number.isInteger(e.line) && e.line >= 1).toBe(true);
    }
  } catch (e) {
    if (!isExplorerError(e)) throw e;
    expect(e.code).toBe('bad-file');
    expect(e.message.startsWith(`${fileName}, line `)).toBe(true);
  }
}

describe('vocabulary files', () => {
  it('.txt: entries or a clear error', () => {
    fc.assert(
      fc.property(text, (t) => check('list.txt', t)),
      { numRuns: RUNS },
    );
  });
  it('.csv: entries or a clear error', () => {
    fc.assert(
      fc.property(fc.oneof(delimited(','), text), (t) => check('list.csv', t)),
      { numRuns: RUNS },
    );
  });
  it('.tsv: entries or a clear error', () => {
    fc.assert(
      fc.property(fc.oneof(delimited('\t'), text), (t) => check('list.tsv', t)),
      { numRuns: RUNS },
    );
  });
});
