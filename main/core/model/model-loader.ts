import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { ExplorerError } from '../errors';
import { createSearcherBuilder } from '../search/create-searcher';
import type { Db } from '../store/database';
import { touchPages } from '../store/prefault';
import { BlockReader, type ModelHead, readModelHead } from '../store/vector-blocks';
import { Model } from './model';

/** Bytes read between two returns to the event loop during a full load (~10 ms of copying). */
const YIELD_BYTES = 16 << 20;
/** Below this a second thread mapping pages costs more than it saves (store/prefault.ts). */
const PREFAULT_MIN_BYTES = 16 << 20;

/**
 * A stored model loaded in stages, so opening a large model costs what the first screen needs:
 * 1. the head (words and norms) at once: enough to show and look up words;
 * 2. single blocks of vectors when a map, a vocabulary or `vectorsOf` needs their rows;
 * 3. every block, with the int8 pre-scan index built block by block as it is read, when a
 *    search first asks. That read returns to the event loop every few megabytes, so the shell
 *    keeps answering while a 2-million-word model comes in.
 * Memory: the vectors' float32 size plus their int8 copy (a quarter) and one block in flight;
 * the store is read without memory-mapping, so the file's pages are not counted twice.
 */
export class ModelLoader {
  readonly model: Model;
  private readonly head: ModelHead;
  private readonly reader: BlockReader;
  /** Per block: its float32 rows are in `model.vectors`. */
  private readonly have: Uint8Array;
  private readonly firstRows: Int32Array;
  private full?: Promise<Model>;
  private disposed = false;

  constructor(
    db: Db,
    name: string,
    /** Word look-ups for the model with this id (the store's index), instead of in-memory maps. */
    lookups?: (modelId: number) => { find: (word: string) => number; findQuick: (word: string) => number },
    /** Bytes read between two returns to the event loop during a full load. Default 16 MiB. */
    private readonly yieldBytes = YIELD_BYTES,
  ) {
    const head = (this.head = readModelHead(db, name));
    const { row } = head;
    const { find, findQuick } = lookups?.(row.id) ?? {};
    const bytes = row.word_count * row.dims * 4;
    // Untouched pages of a fresh buffer cost no memory: rows never read never become resident.
    const buffer =
      bytes >= PREFAULT_MIN_BYTES && typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
    this.model = new Model({ row, words: head.words, norms: head.norms, vectors: new Float32Array(buffer) }, find, findQuick);
    this.have = new Uint8Array(head.blocks.length);
    this.firstRows = Int32Array.from(head.blocks, (b) => b.first);
    this.reader = new BlockReader(db, head);
    if (head.blocks.length > 0) this.model.readLazily(this);
  }

  /** The block holding row `r` (blocks are in row order). */
  private blockOf(r: number): number {
    let lo = 0;
    let hi = this.firstRows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.firstRows[mid] <= r) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Reads, synchronously, the blocks holding `rows` that are not in memory yet. */
  ensureRows(rows: Iterable<number>): void {
    const n = this.model.size;
    for (const r of rows) {
      if (r < 0 || r >= n) continue;
      const b = this.blockOf(r);
      if (!this.have[b]) this.readBlock(b);
    }
  }

  private readBlock(b: number): void {
    this.reader.read(b, this.model.vectors);
    this.have[b] = 1;
  }

  /** Float32 bytes of the whole model. */
  get bytes(): number {
    return this.model.vectors.byteLength;
  }

  /** Whether a full load has begun (later callers share it). */
  get loading(): boolean {
    return this.full !== undefined;
  }

  /**
   * Every block read and the searcher built; one read however many callers ask. `stop` is
   * polled between blocks: when it says so the load ends with a 'cancelled' error.
   */
  loadAll(onProgress?: (fraction: number) => void, stop?: () => boolean): Promise<Model> {
    this.full ??= this.readAll(onProgress, stop);
    return this.full;
  }

  private async readAll(onProgress?: (fraction: number) => void, stop?: () => boolean): Promise<Model> {
    const { model, head } = this;
    const buffer = model.vectors.buffer;
    // Another thread maps the pages still untouched while this one copies (store/prefault.ts).
    if (buffer instanceof SharedArrayBuffer && !this.have.includes(1)) touchPages(buffer)?.unref();
    const builder = createSearcherBuilder(model);
    let sinceYield = 0;
    for (let b = 0; b < head.blocks.length; b++) {
      if (this.disposed || stop?.()) throw new ExplorerError('cancelled', `Loading the model "${model.name}" was stopped.`);
      const fresh = !this.have[b];
      const quantized = this.reader.read(b, fresh ? model.vectors : null);
      this.have[b] = 1;
      builder.add(quantized);
      sinceYield += (fresh ? head.blocks[b].count * model.dims * 4 : 0) + quantized.q8.byteLength;
      if (sinceYield >= this.yieldBytes) {
        sinceYield = 0;
        onProgress?.((b + 1) / head.blocks.length);
        await yieldToEvents();
      }
    }
    model.searcher = builder.finish();
    model.loaded();
    return model;
  }

  /** Releases the searcher's thread; a load in progress stops at its next block. */
  dispose(): void {
    this.disposed = true;
    this.reader.close();
    if (this.model.complete) this.model.searcher.dispose?.();
  }
}
