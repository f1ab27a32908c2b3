import fs from 'node:fs';
import path from 'node:path';
import { ExplorerError } from '../errors';
import { badFile, decodeWord } from './import-types';
import { openByteSource } from './byte-source';

/** metadata.tsv beside vectors.tsv (also "x-vectors.tsv" → "x-metadata.tsv"), if it exists. */
export function findMetadataFile(vectorsFile: string): string | undefined {
  const dir = path.dirname(vectorsFile);
  const base = path.basename(vectorsFile);
  const candidates = [base.replace(/vectors/i, 'metadata'), 'metadata.tsv', 'metadata.tsv.gz'];
  for (const c of candidates) {
    const p = path.join(dir, c);
    if (c !== base && fs.existsSync(p)) return p;
  }
  return undefined;
}

/** A metadata row longer than this is not a label row. */
const MAX_METADATA_LINE_BYTES = 1 << 20;
/** The labels are held in memory while the vectors stream: their file is capped (30 MB holds 3 million words). */
export const MAX_METADATA_BYTES = 256 << 20;

/**
 * Reads the words of a TensorFlow Projector metadata.tsv: one label per line; with more than
 * one column the first line is a header and the word is the "word" column (else the first).
 */
export async function readProjectorNames(file: string): Promise<string[]> {
  const src = openByteSource(file, file, { maxBytes: MAX_METADATA_BYTES });
  const lines: Buffer[] = [];
  const tooLong = () =>
    badFile(file, `line ${lines.length + 1}`, `the line is longer than 1 MiB without a line break; this is not a metadata file`);
  let carry: Buffer | null = null;
  try {
    for await (const chunk of src.chunks()) {
      const b: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      let s = 0;
      for (let nl = b.indexOf(0x0a); nl >= 0; nl = b.indexOf(0x0a, s)) {
        if (nl - s > MAX_METADATA_LINE_BYTES) throw tooLong();
        lines.push(b.subarray(s, nl));
        s = nl + 1;
      }
      if (b.length - s > MAX_METADATA_LINE_BYTES) throw tooLong();
      carry = s < b.length ? Buffer.from(b.subarray(s)) : null;
    }
  } finally {
    src.close();
  }
  if (carry) lines.push(carry);
  while (lines.length && lines[lines.length - 1].length === 0) lines.pop();
  if (lines.length === 0) throw new ExplorerError('bad-file', `${file}, line 1: the metadata file is empty.`);
  const strip = (b: Buffer) => (b.length && b[b.length - 1] === 0x0d ? b.subarray(0, b.length - 1) : b);
  const first = strip(lines[0]).toString('utf8').split('\t');
  let column = 0;
  let startLine = 0;
  if (first.length > 1) {
    startLine = 1;
    const w = first.findIndex((h) => h.trim().toLowerCase() === 'word');
    column = w >= 0 ? w : 0;
  }
  const names: string[] = [];
  for (let i = startLine; i < lines.length; i++) {
    const line = strip(lines[i]);
    const where = `line ${i + 1}`;
    let s = 0;
    for (let c = 0; c < column; c++) {
      const t = line.indexOf(0x09, s);
      if (t < 0) throw badFile(file, where, `the row has fewer than ${column + 1} columns`);
      s = t + 1;
    }
    let e = line.indexOf(0x09, s);
    if (e < 0) e = line.length;
    const word = decodeWord(line, s, e, file, where).trim();
    if (word.length === 0) throw badFile(file, where, 'zero-length word');
    names.push(word);
  }
  return names;
}
