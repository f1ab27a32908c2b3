import { isUtf8 } from 'node:buffer';
import { ExplorerError } from '../errors';

/** Largest vector length accepted; anything above is a misread file, not a model. */
export const MAX_DIMS = 65_536;
/** Largest word count a header may announce. */
export const MAX_WORDS = 1_000_000_000;

/** Formats the importer understands; the stored format adds "+gzip" for compressed input. */
export { MODEL_FORMATS } from '../../../common/contract/contract';
export type { ModelFormat as VectorFormat } from '../../../common/contract/contract';

/**
 * Receives parsed rows. `values[0 .. dims)` is only valid during the call. `where` names the
 * position ("line 12", "byte 4096") for error messages. Returns false to stop reading (limit).
 */
export interface RowSink {
  header?(count: number, dims: number): void;
  row(word: string, values: Float32Array | Float64Array, dims: number, where: string): boolean;
  /**
   * Where the parser can (word2vec binary on a little-endian host, see its `takesBytes`), a row
   * as bytes instead of `row`: the word b[ws..we) (not empty, no space or newline in it), then
   * `dims` little-endian float32 after one space; the record starts at file offset `offset`.
   * Decoding the word and checking the values (as `row`'s callers do) is then the sink's job.
   */
  bytes?(b: Buffer, ws: number, we: number, dims: number, offset: number): boolean;
}

/** A streaming parser: bytes in, rows out through its sink. */
export interface VectorParser {
  /** Feeds the next chunk; returns false once the sink asked to stop. */
  push(chunk: Buffer): boolean;
  /** Input is over: flushes the last line and checks counts. */
  end(): void;
  /** Rows read so far (including duplicates). */
  readonly rows: number;
}

/** The error for anything wrong in an input file: names the file, the place and the problem. */
export function badFile(file: string, where: string, problem: string): ExplorerError {
  return new ExplorerError('bad-file', `${file}, ${where}: ${problem}.`, { file, where });
}

/** Decodes a word, rejecting invalid UTF-8 rather than silently replacing it. */
export function decodeWord(b: Buffer, s: number, e: number, file: string, where: string): string {
  const word = b.toString('utf8', s, e);
  if (word.includes('\uFFFD') && !isUtf8(b.subarray(s, e))) {
    throw badFile(file, where, `the word is not valid UTF-8 (bytes ${b.subarray(s, Math.min(e, s + 24)).toString('hex')})`);
  }
  return word;
}

export function checkDims(file: string, where: string, dims: number, what: string): void {
  if (!Number.isInteger(dims) || dims < 1 || dims > MAX_DIMS) {
    throw badFile(file, where, `${what} gives ${dims} dimensions; expected a whole number from 1 to ${MAX_DIMS.toLocaleString('en-US')}`);
  }
}
