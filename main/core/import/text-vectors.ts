import { type ParsedNumber, parseNumberAt } from './parse-number';
import { badFile, checkDims, decodeWord, MAX_DIMS, MAX_WORDS, type RowSink, type VectorParser } from './import-types';

export interface TextParserOptions {
  file: string;
  sink: RowSink;
  /** First non-blank line is "count dims" (word2vec text, fastText .vec). */
  header: boolean;
  /**
   * Rows carry no word (TensorFlow Projector vectors.tsv): the word of row i is `names[i]`,
   * or its 1-based row number when there are no names.
   */
  wordless?: boolean;
  names?: string[];
  namesFile?: string;
}

/**
 * Longest line accepted, bytes: 65,536 values of 24 characters with their separators fit in
 * 1.6 MB; a longer line is not a vector but a damaged or foreign file, refused before it fills memory.
 */
export const MAX_LINE_BYTES = 8 << 20;

const SPACE = 0x20;
const TAB = 0x09;

/**
 * Line-oriented vector text: "word v1 v2 ... vd" per line (space or tab separated), an optional
 * "count dims" header. Lines are cut from the byte stream as they arrive; only the unfinished
 * tail of a chunk is carried over, so memory does not grow with the file.
 */
export class TextVectorParser implements VectorParser {
  rows = 0;
  private line = 0;
  private dims = -1;
  private declared = -1;
  private sawHeader = false;
  private carry: Buffer | null = null;
  private stopped = false;
  private readonly values = new Float64Array(MAX_DIMS + 1);
  private readonly num: ParsedNumber = { value: 0, end: 0 };

  constructor(private readonly o: TextParserOptions) {}

  push(chunk: Buffer): boolean {
    if (this.stopped) return false;
    const b = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    let start = 0;
    for (;;) {
      const nl = b.indexOf(0x0a, start);
      if (nl < 0) break;
      if (nl - start > MAX_LINE_BYTES) this.tooLong();
      if (!this.parseLine(b, start, nl)) {
        this.stopped = true;
        return false;
      }
      start = nl + 1;
    }
    if (b.length - start > MAX_LINE_BYTES) this.tooLong();
    if (start < b.length) this.carry = Buffer.from(b.subarray(start));
    return true;
  }

  private tooLong(): never {
    throw badFile(
      this.o.file,
      `line ${this.line + 1}`,
      `the line is longer than ${(MAX_LINE_BYTES / 1048576).toFixed(0)} MiB without a line break; this is not a vector file, or it is damaged`,
    );
  }

  end(): void {
    if (!this.stopped && this.carry) {
      const b = this.carry;
      this.carry = null;
      if (!this.parseLine(b, 0, b.length)) this.stopped = true;
    }
    const { file } = this.o;
    if (this.rows === 0 && !this.stopped) {
      throw badFile(
        file,
        this.line ? `line ${this.line}` : 'start',
        this.sawHeader ? 'the header is there but no vectors follow' : 'the file is empty: no vectors found',
      );
    }
    if (!this.stopped && this.declared >= 0 && this.rows < this.declared) {
      throw badFile(
        file,
        `line ${this.line}`,
        `the header says ${this.declared.toLocaleString('en-US')} words but the file ends after ${this.rows.toLocaleString('en-US')}`,
      );
    }
    if (!this.stopped && this.o.names && this.rows < this.o.names.length) {
      throw badFile(
        file,
        `line ${this.line}`,
        `it has ${this.rows.toLocaleString('en-US')} rows but ${this.o.namesFile ?? 'the metadata'} names ${this.o.names.length.toLocaleString('en-US')} words`,
      );
    }
  }

  /** Returns false when the sink wants no more rows. */
  private parseLine(b: Buffer, s: number, e: number): boolean {
    this.line++;
    const where = `line ${this.line}`;
    const { file } = this.o;
    if (e > s && b[e - 1] === 0x0d) e--;
    while (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB)) e--;
    if (e === s) return true; // blank lines carry nothing
    if (this.o.header && !this.sawHeader) {
      this.sawHeader = true;
      this.readHeader(b, s, e, where);
      return true;
    }
    let p = s;
    let word: string;
    if (this.o.wordless) {
      word = this.o.names ? this.o.names[this.rows] : String(this.rows + 1);
      if (word === undefined) {
        throw badFile(
          file,
          where,
          `there are more vector rows than the ${this.o.names!.length.toLocaleString('en-US')} words named in ${this.o.namesFile ?? 'the metadata'}`,
        );
      }
    } else {
      while (p < e && b[p] !== SPACE && b[p] !== TAB) p++;
      if (p === s) throw badFile(file, where, 'the line starts with a separator, so its word is empty (zero-length word)');
      word = decodeWord(b, s, p, file, where);
    }
    const v = this.values;
    const num = this.num;
    let count = 0;
    for (;;) {
      while (p < e && (b[p] === SPACE || b[p] === TAB)) p++;
      if (p >= e) break;
      if (count > MAX_DIMS) break;
      parseNumberAt(b, p, e, num);
      if (num.problem) throw badFile(file, where, `${num.problem} (value ${count + 1} of "${word}")`);
      v[count++] = num.value;
      p = num.end;
    }
    if (this.dims < 0) {
      checkDims(file, where, count, `the first vector (for "${word}")`);
      this.dims = count;
      this.o.sink.header?.(this.declared, count);
    }
    if (count !== this.dims) {
      const hint = count === 0 ? ' (a word broken by a line break, or a stray line?)' : '';
      throw badFile(
        file,
        where,
        `"${word}" has ${count > MAX_DIMS ? `more than ${MAX_DIMS}` : count} values, expected ${this.dims} like the rows before it${hint}`,
      );
    }
    if (this.declared >= 0 && this.rows >= this.declared) {
      throw badFile(file, where, `the header says ${this.declared.toLocaleString('en-US')} words but there are more rows`);
    }
    this.rows++;
    return this.o.sink.row(word, v, count, where);
  }

  private readHeader(b: Buffer, s: number, e: number, where: string): void {
    const text = b.toString('utf8', s, e).trim();
    const m = /^(\d+)\s+(\d+)$/.exec(text);
    if (!m) throw badFile(this.o.file, where, `expected a "count dims" header, found "${text.slice(0, 60)}"`);
    const count = Number(m[1]);
    const dims = Number(m[2]);
    if (count > MAX_WORDS) throw badFile(this.o.file, where, `the header announces ${count} words, which is not plausible`);
    checkDims(this.o.file, where, dims, 'the header');
    this.declared = count;
    this.dims = dims;
    this.o.sink.header?.(count, dims);
  }
}
