import type Database from 'better-sqlite3';
import { ExplorerError } from '../errors';
import { BLOCK_ROWS, BlockBuilder, type VectorBlock } from './block-builder';
import type { Db } from './database';
import { findModelRow, WORDS_BY_WORD_INDEX } from './models-repo';
import { VectorsFileWriter, vectorsDir } from './vectors-file';

export { BLOCK_ROWS } from './block-builder';
/** An empty BLOB: the store's stand-in for a quantisation it does not keep. */
const NO_BYTES = Buffer.alloc(0);

export interface NewModel {
  name: string;
  dims: number;
  source: string;
  format: string;
  meta?: Record<string, unknown>;
}

/**
 * Streams one model into the store. Must be used inside a transaction opened by the caller, so
 * a failure anywhere (bad row, cancel, crash) leaves no trace of the model; a caller whose
 * transaction does not commit calls discard(), which removes the vectors file written so far.
 */
export class ModelWriter {
  readonly modelId: number;
  readonly dims: number;
  private count = 0;
  private block = 0;
  /** Stored blocks' words not yet in the words table, newline-joined: compact until written. */
  private readonly blockWords: string[] = [];
  private wordsWritten = 0;
  /** Whether the word index is rebuilt at the end (decided by planWords). */
  private rebuildIndex: boolean | undefined;
  /** Words added with add() (addBlock's callers deduplicate their own). */
  private readonly seen = new Set<string>();
  private readonly builder: BlockBuilder;
  private readonly insertWords: Database.Statement;
  private readonly insertBlock;
  /** Where the unit vectors go (vectors-file.ts); absent for a store in memory: into the blocks. */
  private readonly file?: VectorsFileWriter;

  constructor(
    private readonly db: Db,
    model: NewModel,
  ) {
    if (!db.inTransaction) throw new ExplorerError('internal', 'Internal error: a model is written outside a transaction.');
    if (findModelRow(db, model.name)) {
      throw new ExplorerError('model-exists', `A model named "${model.name}" already exists. Choose another name or delete it first.`);
    }
    this.dims = model.dims;
    const info = db
      .prepare('INSERT INTO models(name, dims, word_count, source, format, imported_at, meta) VALUES (?, ?, 0, ?, ?, ?, ?)')
      .run(model.name, model.dims, model.source, model.format, new Date().toISOString(), JSON.stringify(model.meta ?? {}));
    this.modelId = Number(info.lastInsertRowid);
    if (vectorsDir(db)) {
      // Created after the models row, so under the write lock the sweep also needs (vectors-file.ts).
      this.file = new VectorsFileWriter(db, this.modelId);
      db.prepare('UPDATE models SET vectors_file = ? WHERE id = ?').run(this.file.name, this.modelId);
    }
    this.builder = new BlockBuilder(model.dims, (block) => this.addBlock(block));
    this.insertWords = db.prepare('INSERT INTO words(model_id, idx, word) SELECT ?, ? + key, value FROM json_each(?)');
    this.insertBlock = db.prepare(
      'INSERT INTO model_blocks(model_id, block, first_idx, row_count, words, norms, data, q8, qmeta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  /** Words stored so far (rows waiting in add()'s current block included). */
  get size(): number {
    return this.count + this.builder.pending;
  }

  has(word: string): boolean {
    return this.seen.has(word);
  }

  /**
   * Adds one word with its raw vector (`values[offset .. offset + dims)`); stores the unit vector
   * and the original norm. Returns false, storing nothing, when the word was already added.
   */
  add(word: string, values: ArrayLike<number>, offset = 0): boolean {
    if (word.length === 0 || word.includes('\n')) {
      // Importers report these with their line numbers; this guards the block format itself.
      throw new ExplorerError('bad-word', `Invalid word ${JSON.stringify(word)}: words must be non-empty and on one line.`);
    }
    if (this.seen.has(word)) return false;
    this.seen.add(word);
    this.builder.add(word, values, offset);
    return true;
  }

  /**
   * Stores a ready block (built by a BlockBuilder, possibly on another thread) as the next rows.
   * Its words must be distinct from every word before (the unique word index enforces it); only
   * the last block may be short, since block k holds rows from k·BLOCK_ROWS. Given the number of
   * words the whole model is expected to have (a guess is fine: it only picks the faster way to
   * index them), the block's words go into the words table now, while the caller is likely still
   * parsing, rather than all in finish().
   */
  addBlock(b: VectorBlock, expectedWords?: number): void {
    const d = this.dims;
    if (this.count % BLOCK_ROWS !== 0 || b.rows < 1 || b.rows > BLOCK_ROWS || b.data.length !== b.rows * d) {
      throw new ExplorerError('internal', `Internal error: a block of ${b.rows} rows cannot follow ${this.count} rows.`);
    }
    const bytes = (a: ArrayBufferView, n: number) => Buffer.from(a.buffer, a.byteOffset, n);
    const data = bytes(b.data, b.rows * d * 4);
    this.file?.write(data);
    this.insertBlock.run(
      this.modelId,
      this.block,
      this.count,
      b.rows,
      b.words,
      bytes(b.norms, b.rows * 4),
      this.file ? NO_BYTES : data,
      // No stored quantisation: the index derives it as the model loads (block-builder.ts).
      NO_BYTES,
      NO_BYTES,
    );
    this.blockWords.push(b.words);
    this.block++;
    this.count += b.rows;
    if (expectedWords !== undefined) {
      this.planWords(Math.max(expectedWords, this.count));
      this.writeWords();
    }
  }

  /**
   * Decides, once, how the words table is filled. Keeping its word index up to date row by row
   * costs about four times as much as rebuilding it from scratch, so when the new model is large
   * next to what the store already holds, the index is dropped now and rebuilt by finish()
   * (inside the caller's transaction, so a failure leaves it as it was).
   */
  private planWords(expected: number): void {
    if (this.rebuildIndex !== undefined) return;
    const others = this.db.prepare('SELECT coalesce(sum(word_count), 0) FROM models WHERE id != ?').pluck().get(this.modelId) as number;
    this.rebuildIndex = expected * 4 >= others;
    if (this.rebuildIndex) this.db.exec('DROP INDEX IF EXISTS words_by_word');
  }

  /**
   * Inserts the words of the blocks stored since the last call (look-ups, completion). A block's
   * words go in as one JSON array that SQLite unpacks (json_each): about twice as fast as binding
   * three parameters per word, and the same stored text for every string, lone surrogates too.
   */
  private writeWords(): void {
    for (const joined of this.blockWords) {
      const words = joined.split('\n');
      this.insertWords.run(this.modelId, this.wordsWritten, JSON.stringify(words));
      this.wordsWritten += words.length;
    }
    this.blockWords.length = 0;
  }

  /** Writes the last partial block and the final word count. */
  finish(): number {
    this.builder.flush();
    if (this.count === 0) throw new ExplorerError('empty-model', 'The model has no words.');
    this.planWords(this.count);
    this.writeWords();
    if (this.wordsWritten !== this.count) {
      throw new ExplorerError('internal', `Internal error: ${this.wordsWritten} words for ${this.count} rows.`);
    }
    if (this.rebuildIndex) this.db.exec(WORDS_BY_WORD_INDEX);
    this.db.prepare('UPDATE models SET word_count = ? WHERE id = ?').run(this.count, this.modelId);
    // Synced before the caller commits: a committed model's file is always whole.
    this.file?.finish();
    return this.count;
  }

  /** Removes what was written outside the database; for a caller whose transaction did not commit. */
  discard(): void {
    this.file?.discard();
  }
}

/**
 * Stores model `model` in one IMMEDIATE transaction: `fill` adds its rows to the writer, then the
 * writer finishes and the transaction commits. If anything throws, the transaction rolls back and
 * the writer's vectors file goes with it. Returns the number of words stored.
 */
export function writeModel(db: Db, model: NewModel, fill: (writer: ModelWriter) => void): number {
  let writer: ModelWriter | undefined;
  try {
    return db
      .transaction(() => {
        writer = new ModelWriter(db, model);
        fill(writer);
        return writer.finish();
      })
      .immediate();
  } catch (e) {
    writer?.discard();
    throw e;
  }
}
