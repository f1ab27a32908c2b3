/**
 * Binary rows taken as bytes (BinaryRows: deduplicated by their bytes, checked block by block)
 * must end exactly as the row-by-row path (the parser decoding each word and vector, ImportRows
 * checking and building blocks): the same blocks to the bit, the same counts, or the same error
 * naming the same byte. Generated files mix duplicates, all-zero and non-finite vectors, words
 * that are not UTF-8 and broken records, fed whole and in random chunks.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { isExplorerError } from '../../../main/core/errors';
import { BinaryRows } from '../../../main/core/import/binary-rows';
import { ImportRows } from '../../../main/core/import/import-rows';
import { Word2VecBinaryParser } from '../../../main/core/import/word2vec-binary';
import { BLOCK_ROWS, type VectorBlock } from '../../../main/core/store/block-builder';
import { cutBytes } from '../../helpers/cut-bytes';

vi.setConfig({ testTimeout: 120_000 });
const FILE = 'rows.bin';

type Kind = 'ok' | 'zero' | 'nan' | 'inf' | 'tiny';
interface Rec {
  word: Buffer;
  kind: Kind;
  /** Which value is bad (for nan, inf) or the one non-zero value (tiny). */
  at: number;
  seed: number;
}

const WORDS = ['a', 'b', 'naïve', '日本', 'w1', 'w2', 'w3', '\uFFFD'].map((w) => Buffer.from(w));
const word = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 4, arbitrary: fc.nat(5000).map((k) => Buffer.from(`x${k}`)) },
  // Not UTF-8, a line break, a lone continuation byte.
  { weight: 1, arbitrary: fc.constantFrom(Buffer.from([0xff, 0x61]), Buffer.from('a\nb'), Buffer.from([0x80])) },
);
const rec: fc.Arbitrary<Rec> = fc.record({
  word,
  kind: fc.oneof({ weight: 20, arbitrary: fc.constant<Kind>('ok') }, fc.constantFrom<Kind>('zero', 'nan', 'inf', 'tiny')),
  at: fc.nat(7),
  seed: fc.integer({ min: 1, max: 1 << 30 }),
});

function fileBytes(dims: number, recs: Rec[], newline: boolean, declared = recs.length): Buffer {
  const parts: Buffer[] = [Buffer.from(`${declared} ${dims}\n`)];
  for (const r of recs) {
    const v = Buffer.alloc(dims * 4);
    let s = r.seed;
    for (let j = 0; j < dims; j++) {
      s = (s * 48271) % 2147483647;
      v.writeFloatLE((s / 2147483647) * 4 - 2, j * 4);
    }
    const at = r.at % dims;
    if (r.kind === 'zero') v.fill(0);
    if (r.kind === 'tiny') {
      v.fill(0);
      v.writeUInt32LE(1, at * 4); // the least subnormal: a direction, however short
    }
    if (r.kind === 'nan') v.writeFloatLE(NaN, at * 4);
    if (r.kind === 'inf') v.writeFloatLE(-Infinity, at * 4);
    if (r.kind === 'zero' && r.at % 2) v.writeUInt32LE(0x80000000, at * 4); // -0 is zero too
    parts.push(r.word, Buffer.from(' '), v);
    if (newline) parts.push(Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

type Outcome = { error: string } | { blocks: unknown[]; stats: unknown; rows: number };

const copy = (b: VectorBlock) => ({
  rows: b.rows,
  words: b.words,
  data: Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength).toString('base64'),
  norms: Buffer.from(b.norms.buffer, b.norms.byteOffset, b.norms.byteLength).toString('base64'),
});

/** Parses `chunks` through the row-by-row path (`bytes` false) or the byte path; flushes as the parsing thread does. */
function run(chunks: Buffer[], limit: number | undefined, bytes: boolean): Outcome {
  const blocks: unknown[] = [];
  const emit = (b: VectorBlock) => blocks.push(copy(b));
  const rules = bytes ? new BinaryRows(FILE, limit, emit) : new ImportRows(FILE, limit, emit);
  const parser = new Word2VecBinaryParser(
    FILE,
    rules instanceof BinaryRows
      ? {
          row: () => {
            throw new Error('the byte path must not get decoded rows');
          },
          header: (count) => rules.expect(count),
          bytes: (b, ws, we, dims, offset) => rules.row(b, ws, we, dims, offset),
        }
      : { row: (w, values, dims, where) => rules.row(w, values, 0, dims, where) },
  );
  try {
    try {
      let ended = true;
      for (const c of chunks) {
        if (!parser.push(c)) {
          ended = false;
          break;
        }
      }
      if (ended) parser.end();
    } finally {
      rules.flush();
    }
    return { blocks, stats: rules.stats, rows: rules.size };
  } catch (e) {
    if (!isExplorerError(e)) throw e;
    return { error: e.message };
  }
}

describe('BinaryRows', () => {
  it.skipIf(!Word2VecBinaryParser.takesBytes)('ends as the row-by-row path on small files, whole and in chunks', () => {
    const seen = new Set<string>();
    const input = fc.record({
      dims: fc.integer({ min: 1, max: 9 }),
      recs: fc.array(rec, { minLength: 1, maxLength: 40 }),
      newline: fc.boolean(),
      limit: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
      cuts: fc.array(fc.nat(2000), { maxLength: 8 }),
      chop: fc.nat(12),
    });
    fc.assert(
      fc.property(input, ({ dims, recs, newline, limit, cuts, chop }) => {
        const full = fileBytes(dims, recs, newline);
        const bytes = chop < 3 ? full.subarray(0, full.length - chop - 1) : full;
        const want = run([bytes], limit, false);
        expect(run([bytes], limit, true)).toEqual(want);
        expect(run(cutBytes(bytes, cuts), limit, true)).toEqual(want);
        seen.add(
          'error' in want
            ? want.error
                .replace(/^.*?: /, '')
                .replace(/".*"/, 'W')
                .replace(/\d+/g, 'N')
            : 'stored',
        );
      }),
      { numRuns: 1000 },
    );
    // The generator reaches every outcome.
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'stored',
        'the vector of W is all zeros, so it has no direction.',
        'value N of W is not a finite number (NaN or infinity).',
        'the word is not valid UTF-N (bytes ffN).',
        'the word contains a line break.',
      ]),
    );
  });

  it.skipIf(!Word2VecBinaryParser.takesBytes)('ends as the row-by-row path across blocks, a bad row anywhere', () => {
    const input = fc.record({
      dims: fc.integer({ min: 1, max: 5 }),
      rows: fc.integer({ min: BLOCK_ROWS - 3, max: 3 * BLOCK_ROWS + 5 }),
      bad: fc.array(fc.tuple(fc.nat(3 * BLOCK_ROWS + 5), rec), { maxLength: 3 }),
      dups: fc.array(fc.tuple(fc.nat(3 * BLOCK_ROWS + 5), fc.nat(3 * BLOCK_ROWS + 5)), { maxLength: 20 }),
      limit: fc.option(fc.integer({ min: 1, max: 3 * BLOCK_ROWS }), { nil: undefined }),
    });
    fc.assert(
      fc.property(input, ({ dims, rows, bad, dups, limit }) => {
        const recs: Rec[] = Array.from({ length: rows }, (_, i) => ({ word: Buffer.from(`r${i}`), kind: 'ok', at: i, seed: i + 1 }));
        for (const [i, j] of dups) if (i < rows && j < rows) recs[i] = { ...recs[i], word: recs[j].word };
        for (const [i, r] of bad) if (i < rows) recs[i] = r;
        const bytes = fileBytes(dims, recs, true);
        expect(run(cutBytes(bytes, [bytes.length >> 1, 100_003]), limit, true)).toEqual(run([bytes], limit, false));
      }),
      { numRuns: 40 },
    );
  });
});
