/**
 * Gzip input, generated: valid gzip of generated vector files (sometimes cut short or with a
 * byte changed, sometimes several members) read through the real byte source into the text and
 * binary parsers. Each ends like the same bytes uncompressed, or in a clear "bad-file" error
 * naming the file; damage to the gzip stream is reported as such, never as a crash.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { openByteSource } from '../../../main/core/import/byte-source';
import { isExplorerError } from '../../../main/core/errors';
import type { RowSink, VectorParser } from '../../../main/core/import/import-types';
import { TextVectorParser } from '../../../main/core/import/text-vectors';
import { Word2VecBinaryParser } from '../../../main/core/import/word2vec-binary';
import { tempDir } from '../../helpers/temp';
import { anyBytes, binFile, consistentBin, consistentText, textFile } from './fuzz-inputs';

vi.setConfig({ testTimeout: 120_000 });
const RUNS = 1000;
const dir = tempDir('ee-gzip-fuzz-');

type Outcome = { rows: number; words: string[] } | { error: string; code: string };

function parserFor(kind: number, file: string, sink: RowSink): VectorParser {
  if (kind === 0) return new TextVectorParser({ file, sink, header: false });
  if (kind === 1) return new TextVectorParser({ file, sink, header: true });
  return new Word2VecBinaryParser(file, sink);
}

async function parseFile(file: string, kind: number): Promise<Outcome> {
  const words: string[] = [];
  const sink: RowSink = { row: (w) => (words.push(w), true) };
  try {
    const src = openByteSource(file, 'fuzz.gz');
    try {
      const parser = parserFor(kind, 'fuzz.gz', sink);
      for await (const chunk of src.chunks()) if (!parser.push(chunk)) break;
      parser.end();
      return { rows: words.length, words };
    } finally {
      src.close();
    }
  } catch (e) {
    if (!isExplorerError(e)) throw e;
    expect(e.message).toMatch(/^fuzz\.gz[,:] /);
    return { error: e.message, code: e.code };
  }
}

function parseBytes(bytes: Buffer, kind: number): Outcome {
  const words: string[] = [];
  try {
    const parser = parserFor(kind, 'fuzz.gz', { row: (w) => (words.push(w), true) });
    parser.push(bytes);
    parser.end();
    return { rows: words.length, words };
  } catch (e) {
    if (!isExplorerError(e)) throw e;
    return { error: e.message, code: e.code };
  }
}

describe('gzip-compressed vector files', () => {
  it('decompress to the same result as the plain bytes, or fail with a clear error', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(textFile, consistentText, binFile, consistentBin, anyBytes).filter((b) => b.length > 0),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 3 }),
        fc.option(fc.oneof(fc.record({ cut: fc.nat(200) }), fc.record({ flip: fc.nat(400), to: fc.nat(255) }))),
        async (bytes, kind, members, damage) => {
          // Several members of one file decompress to their concatenation (as gzip -c a b does).
          const parts = Array.from({ length: members }, (_, i) =>
            bytes.subarray(Math.floor((i * bytes.length) / members), Math.floor(((i + 1) * bytes.length) / members)),
          );
          let gz = Buffer.concat(parts.map((p) => zlib.gzipSync(p)));
          if (damage && 'cut' in damage) gz = gz.subarray(0, Math.max(3, gz.length - 1 - (damage.cut % gz.length)));
          if (damage && 'flip' in damage) gz[2 + (damage.flip % (gz.length - 2))] = damage.to;
          const file = path.join(dir, `f${n++}.gz`);
          fs.writeFileSync(file, gz);
          try {
            const got = await parseFile(file, kind);
            if (!damage) expect(got).toEqual(parseBytes(bytes, kind));
            else if ('error' in got) expect(got.code).toBe('bad-file');
          } finally {
            fs.rmSync(file);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
