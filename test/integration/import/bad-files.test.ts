import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importVectorFile } from '../../../main/core/import/import-file';
import { type Db, openDatabase } from '../../../main/core/store/database';
import { tempDir } from '../../helpers/temp';
import { fixture, gloveText, snapshot, word2vecBinary, word2vecText, write } from './vector-files';

let dir: string;
let db: Db;
const F = fixture(['alpha', 'beta', 'gamma', 'delta'], 3);

beforeAll(async () => {
  dir = tempDir('ee-badfile-');
  db = openDatabase(path.join(dir, 'store.db')).db;
  // Something already stored, which a failed import must leave exactly as it is.
  await importVectorFile(db, { file: write(dir, 'existing.txt', gloveText(F)), name: 'existing' });
  return () => db.close();
});

/** Imports `content` as `name`, expecting a failure whose message matches every pattern, and no change to the store. */
async function expectRejected(name: string, content: string | Buffer, patterns: RegExp[], opts: { gzip?: boolean } = {}): Promise<void> {
  const file = write(dir, name, content, opts.gzip);
  const before = snapshot(db);
  const error = await importVectorFile(db, { file }).then(
    () => null,
    (e: Error) => e,
  );
  expect(error, 'the import should have failed').not.toBeNull();
  expect(error!.message).toContain(file);
  for (const p of patterns) expect(error!.message).toMatch(p);
  expect(snapshot(db)).toBe(before);
  expect(db.inTransaction).toBe(false);
}

const good = 'alpha 0.1 0.2 0.3\nbeta 0.4 0.5 0.6\n';

describe('bad files get a clear error (file, line or byte, problem) and leave the database unchanged', () => {
  it('ragged row', () => expectRejected('ragged.txt', `${good}gamma 0.1 0.2\n`, [/line 3/, /"gamma" has 2 values, expected 3/]));
  it('ragged row with too many values', () =>
    expectRejected('ragged2.txt', `${good}gamma 0.1 0.2 0.3 0.4\n`, [/line 3/, /has 4 values, expected 3/]));
  it('non-numeric value', () => expectRejected('nonnum.txt', `${good}gamma 0.1 abc 0.3\n`, [/line 3/, /"abc" is not a number/]));
  it('NaN value', () => expectRejected('nan.txt', `alpha 0.1 NaN 0.3\n${good}`, [/line 1/, /NaN or infinity/]));
  it('infinite value', () => expectRejected('inf.txt', `${good}gamma 0.1 -inf 0.3\n`, [/line 3/, /not a finite number/]));
  it('value beyond float32', () => expectRejected('huge.txt', `${good}gamma 0.1 1e39 0.3\n`, [/line 3/, /too large for a 32-bit float/]));
  it('header announcing more rows than the body has', () =>
    expectRejected('short.txt', `5 3\n${good}`, [/line 3/, /header says 5 words but the file ends after 2/]));
  it('header announcing fewer rows than the body has', () =>
    expectRejected('long.txt', `1 3\n${good}`, [/line 3/, /header says 1 words but there are more rows/]));
  it('header whose dimensions disagree with the rows', () =>
    expectRejected('dims.txt', `2 4\n${good}`, [/line 2/, /has 3 values, expected 4/]));
  it('truncated binary file', () => {
    const bin = word2vecBinary(F);
    return expectRejected('cut.bin', bin.subarray(0, bin.length - 7), [/byte \d+/, /truncated/]);
  });
  it('binary file whose header promises more words', () => {
    const bin = Buffer.concat([Buffer.from('9 3\n'), word2vecBinary(F).subarray(4)]);
    return expectRejected('few.bin', bin, [/byte \d+/, /header says 9 words but it ends after 4/]);
  });
  it('invalid UTF-8 in a word (text)', () =>
    expectRejected('utf8.txt', Buffer.concat([Buffer.from(good), Buffer.from([0x62, 0xff, 0xfe, 0x20]), Buffer.from('0.1 0.2 0.3\n')]), [
      /line 3/,
      /not valid UTF-8/,
    ]));
  it('invalid UTF-8 in a word (binary)', () => {
    const bin = word2vecBinary(F);
    const at = bin.indexOf('beta');
    bin[at + 1] = 0xc3;
    bin[at + 2] = 0x28;
    return expectRejected('utf8.bin', bin, [new RegExp(`byte ${at}`), /not valid UTF-8/]);
  });
  it('empty file', () => expectRejected('empty.txt', '', [/empty/]));
  it('file of blank lines', () => expectRejected('blank.txt', '\n\n  \n', [/empty/]));
  it('empty gzip file', () => expectRejected('empty.txt.gz', '', [/empty/], { gzip: true }));
  it('damaged gzip data', () => {
    const file = write(
      dir,
      'tmp.gz',
      gloveText(
        fixture(
          Array.from({ length: 3000 }, (_, i) => `w${i}`),
          3,
        ),
      ),
      true,
    );
    const buf = fs.readFileSync(file);
    return expectRejected('damaged.txt.gz', buf.subarray(0, Math.floor(buf.length / 2)), [/gzip data is damaged or truncated/]);
  });
  it('zero vector', () => expectRejected('zero.txt', `${good}gamma 0 0 -0\n`, [/line 3/, /"gamma" is all zeros/]));
  it('absurd dimensions in a header', () => expectRejected('absurd.txt', '2 100000000\nalpha 1\n', [/line 1/, /100000000 dimensions/]));
  it('zero dimensions in a binary header', () =>
    expectRejected('absurd.bin', Buffer.concat([Buffer.from('4 0\nabc '), Buffer.alloc(8)]), [/byte 0/, /0 dimensions/]));
  it('absurd dimensions in a row', () => expectRejected('wide.txt', `w ${'1 '.repeat(70_000)}\n`, [/line 1/, /dimensions/]));
  it('zero-length word', () => expectRejected('noword.txt', `${good} 0.1 0.2 0.3\n`, [/line 3/, /zero-length word/]));
  it('word with an embedded newline (text): the broken line is reported', () =>
    expectRejected('newline.txt', `${good}new\nyork 0.1 0.2 0.3\n`, [/line 3/, /"new" has 0 values/, /line break/]));
  it('word with an embedded newline (binary)', () => {
    const bin = Buffer.concat([
      Buffer.from('2 1\n'),
      Buffer.from('ok '),
      Buffer.from(new Float32Array([1]).buffer),
      Buffer.from('\nne\nw '),
      Buffer.from(new Float32Array([2]).buffer),
    ]);
    return expectRejected('newline.bin', bin, [/byte 12/, /contains a line break/]);
  });
  it('not a vector file at all', () => expectRejected('prose.txt', 'Just some words\n', [/line 1/, /"Just" has 0 values|not a number/]));
  it('a name that is already taken', async () => {
    const before = snapshot(db);
    await expect(importVectorFile(db, { file: write(dir, 'dup-name.txt', word2vecText(F)), name: 'existing' })).rejects.toThrow(
      /already exists/,
    );
    expect(snapshot(db)).toBe(before);
  });
  it('a cancel half-way leaves nothing behind', async () => {
    const big = fixture(
      Array.from({ length: 20_000 }, (_, i) => `c${i}`),
      20,
    );
    const file = write(dir, 'cancel.txt', gloveText(big));
    const before = snapshot(db);
    let polls = 0;
    await expect(importVectorFile(db, { file, isCancelled: () => ++polls > 1 })).rejects.toThrow(/cancelled/);
    expect(snapshot(db)).toBe(before);
  });
});
