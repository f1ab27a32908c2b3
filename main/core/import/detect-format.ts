import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { badFile, type VectorFormat } from './import-types';

const HEADER = /^\s*\d+\s+\d+\s*$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function firstLines(head: Buffer, max: number): string[] {
  // Only whole lines count, except when the head is the whole file.
  const text = head.toString('utf8');
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  return lines.filter((l) => l.trim().length > 0).slice(0, max);
}

/** The name without compression and vector extensions: "wiki.en.vec.gz" → "wiki.en". */
export function baseName(file: string): string {
  let name = path.basename(file);
  name = name.replace(/\.gz$/i, '');
  name = name.replace(/\.(txt|vec|bin|tsv|w2v)$/i, '');
  return name || 'model';
}

/**
 * Decides the format from the first bytes (already decompressed), using the extension only to
 * tell fastText .vec from word2vec text, which are the same layout.
 *  - "count dims" first line, then binary bytes → word2vec binary
 *  - "count dims" first line, then text rows → word2vec text / fastText .vec
 *  - tab-separated rows of numbers only → TensorFlow Projector vectors.tsv
 *  - "word v1 ... vd" rows → GloVe text
 */
export function detectFormat(file: string, head: Buffer): VectorFormat {
  if (head.length === 0) throw badFile(file, 'line 1', 'the file is empty');
  const ext = path.extname(file.replace(/\.gz$/i, '')).toLowerCase();
  const nl = head.indexOf(0x0a);
  const first = head.toString('latin1', 0, nl < 0 ? head.length : nl);
  if (HEADER.test(first)) {
    const rest = head.subarray(nl + 1);
    // Binary vectors are full of bytes no text file has; allow a cut-off last character.
    const probe = rest.subarray(0, Math.max(0, rest.length - 4));
    const looksBinary = probe.includes(0) || !isUtf8(probe);
    if (looksBinary || ext === '.bin') return looksBinary ? 'word2vec-binary' : 'word2vec-text';
    return ext === '.vec' ? 'fasttext-vec' : 'word2vec-text';
  }
  if (head.subarray(0, 4096).includes(0)) {
    throw badFile(file, 'byte 0', 'this is a binary file without a word2vec "count dims" header; not a vector file this app can read');
  }
  const lines = firstLines(head, 3);
  if (lines.length === 0) throw badFile(file, 'line 1', 'the file is empty: no vectors found');
  const tokens = lines[0].trim().split(/[ \t]+/);
  if (lines[0].includes('\t') && tokens.every((t) => NUMBER.test(t))) return 'projector-tsv';
  if (tokens.length >= 2 && tokens.slice(1).every((t) => NUMBER.test(t) || /^[+-]?(nan|inf|infinity)$/i.test(t))) {
    return ext === '.vec' ? 'fasttext-vec' : 'glove-text';
  }
  if (tokens.length >= 2) return 'glove-text'; // let the parser name the exact bad value and line
  throw badFile(
    file,
    'line 1',
    `not a recognised vector file: the first line is "${lines[0].slice(0, 60)}" (expected "word v1 v2 …", a "count dims" header, or tab-separated numbers)`,
  );
}

/** True for formats whose first line is the "count dims" header. */
export function hasHeader(format: VectorFormat, head: Buffer): boolean {
  if (format === 'word2vec-text' || format === 'word2vec-binary') return true;
  if (format === 'fasttext-vec') {
    const nl = head.indexOf(0x0a);
    return HEADER.test(head.toString('latin1', 0, nl < 0 ? head.length : nl));
  }
  return false;
}
