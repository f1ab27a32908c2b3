import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isExplorerError } from '../../../main/core/errors';
import { readIds, SENTENCE_END } from '../../../main/core/train/id-file';
import { scanCorpus } from '../../../main/core/train/corpus-scan';
import { tempDir } from '../../helpers/temp';

const dir = tempDir('ee-corpus-fuzz-');
const scan = (file: string, name: string, idFile?: string, phrases = false) =>
  scanCorpus([{ file, name, bytes: fs.statSync(file).size }], {
    minCount: 1,
    lowercase: true,
    phrases,
    idFile,
    scratchFile: path.join(dir, 'scratch.ids'),
    progress: () => {},
    cancelled: () => false,
  });

/** Text, bytes, or gzip of either: what a user might point the trainer at. */
const content = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }).map((s) => Buffer.from(s)),
  fc
    .array(fc.constantFrom('the', 'cat', "don't", 'state-of-the-art', '\n', ' ', '.', 'Ünïcode', '\r\n', '\t'), { maxLength: 200 })
    .map((a) => Buffer.from(a.join(' '))),
  fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a)),
);
const maybeGzip = fc.tuple(content, fc.boolean()).map(([b, gz]) => (gz ? zlib.gzipSync(b) : b));

describe('reading any file as a corpus', () => {
  it('ends in counts that add up or in a clear error naming the file; never a crash', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(maybeGzip, fc.boolean(), async (bytes, phrases) => {
        const name = `input-${n++}.txt`;
        const file = path.join(dir, name);
        const ids = path.join(dir, `${name}.ids`);
        fs.writeFileSync(file, bytes);
        try {
          const r = await scan(file, name, ids, phrases);
          expect(r.summary.tokens).toBeGreaterThan(0);
          expect(r.summary.top.reduce((s, t) => s + t.count, 0)).toBeLessThanOrEqual(r.summary.tokens);
          // The id file holds exactly the corpus: every word once, a sentence end after each sentence.
          let words = 0;
          let ends = 0;
          for (const chunk of readIds(ids))
            for (const id of chunk) {
              if (id === SENTENCE_END) ends++;
              else words++;
            }
          expect(words).toBe(r.summary.tokens);
          expect(ends).toBe(r.summary.sentences);
        } catch (e) {
          expect(isExplorerError(e), String(e)).toBe(true);
          expect((e as Error).message).toContain(name);
        } finally {
          fs.rmSync(file, { force: true });
          fs.rmSync(ids, { force: true });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a damaged gzip file is a clear error', async () => {
    const text = Array.from({ length: 20000 }, (_, i) => `w${(i * 7919) % 10007}`).join(' ');
    const good = zlib.gzipSync(Buffer.from(text));
    expect(good.length).toBeGreaterThan(3000);
    const file = path.join(dir, 'broken.txt.gz');
    fs.writeFileSync(file, good.subarray(0, 3000));
    await expect(scan(file, 'broken.txt.gz')).rejects.toMatchObject({ message: expect.stringContaining('broken.txt.gz') });
  });
});
