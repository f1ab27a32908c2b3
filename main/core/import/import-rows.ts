import { BlockBuilder, type VectorBlock } from '../store/block-builder';
import { badFile } from './import-types';

const MAX_DUPLICATE_EXAMPLES = 5;

/** What a file import skipped or stopped at, for its result. */
export interface ImportStats {
  duplicates: number;
  duplicateExamples: string[];
  /** The word limit was reached before the end of the file. */
  limited: boolean;
}

/**
 * The rules of a file import, row by row: the first occurrence of a word wins (later ones are
 * counted and a few named), an all-zero vector is an error (it has no direction), and reading
 * stops after `limit` distinct words. Kept rows become store blocks through a BlockBuilder, so
 * this can run on the parsing thread or the storing one alike.
 */
export class ImportRows {
  readonly stats: ImportStats = { duplicates: 0, duplicateExamples: [], limited: false };
  private readonly seen = new Set<string>();
  private builder: BlockBuilder | null = null;

  constructor(
    /** The file as errors name it. */
    private readonly shown: string,
    private readonly limit: number | undefined,
    private readonly emit: (block: VectorBlock, dims: number) => void,
    private readonly spare: () => ArrayBuffer | undefined = () => undefined,
  ) {}

  /** Distinct words kept so far. */
  get size(): number {
    return this.seen.size;
  }

  /** Takes one parsed row (`values[at .. at + dims)`); returns false once the word limit is reached. */
  row(word: string, values: ArrayLike<number>, at: number, dims: number, where: string): boolean {
    if (this.seen.has(word)) {
      this.stats.duplicates++;
      if (this.stats.duplicateExamples.length < MAX_DUPLICATE_EXAMPLES) this.stats.duplicateExamples.push(`"${word}" (${where})`);
      return true;
    }
    // No direction: every square is 0 (so is their sum, the norm's square, and only then).
    let zero = true;
    for (let j = at; j < at + dims && zero; j++) zero = values[j] * values[j] === 0;
    if (zero) throw badFile(this.shown, where, `the vector of "${word}" is all zeros, so it has no direction`);
    this.builder ??= new BlockBuilder(dims, (b) => this.emit(b, dims), this.spare);
    this.builder.add(word, values, at);
    this.seen.add(word);
    if (this.limit !== undefined && this.seen.size >= this.limit) {
      this.stats.limited = true;
      return false;
    }
    return true;
  }

  /** Hands over the last, partial block. */
  flush(): void {
    this.builder?.flush();
  }
}
