import { Worker } from 'node:worker_threads';
import { ExplorerError, toWireError } from '../errors';
import { workerPath } from '../workers';
import type { VectorBlock } from '../store/block-builder';
import { openByteSource } from './byte-source';
import { BinaryRows } from './binary-rows';
import { ImportRows, type ImportStats } from './import-rows';
import type { RowSink, VectorFormat, VectorParser } from './import-types';
import { TextVectorParser } from './text-vectors';
import { Word2VecBinaryParser } from './word2vec-binary';

/**
 * Parsing runs on its own thread, ahead of the thread that writes to SQLite, so the two halves
 * of an import overlap on two cores. Text parsing is the slow half, so text rows travel raw, in
 * batches (values as one transferred Float64Array per batch), and the storing thread normalises
 * and quantises them. Binary parsing is cheap and SQLite writing is not, so with `blocks` the
 * parsing thread also applies the import's rules (binary-rows.ts, on the rows' bytes) and builds
 * ready store blocks, each one transferred buffer, leaving the storing thread only the writes.
 * At most MAX_AHEAD batches or blocks are in flight, so a multi-gigabyte file never piles up in
 * memory.
 */

/** What the parsing side needs: everything is decided (format, names) before it starts. */
export interface ParseTask {
  file: string;
  /** The file as errors name it. */
  shown: string;
  format: VectorFormat;
  header: boolean;
  /** Projector TSV: words come from `names` (or are numbered), not from the rows. */
  wordless: boolean;
  names?: string[];
  namesFile?: string;
  /** Build store blocks here (see above), keeping at most `limit` distinct words. */
  blocks?: { limit?: number };
}

/** Consecutive rows: their words, where each was (for messages) and their raw values. */
export interface RowBatch {
  words: string[];
  wheres: string[];
  dims: number;
  /** words.length × dims raw values, exactly as parsed. */
  values: Float64Array;
}

export type ParseEvent =
  | { type: 'rows'; batch: RowBatch; bytesRead: number; size: number }
  | { type: 'block'; block: VectorBlock; dims: number; bytesRead: number; size: number }
  /** With `blocks`, what the rules skipped or stopped at. */
  | { type: 'end'; stats?: ImportStats }
  | { type: 'error'; error: { code: string; message: string; details?: unknown } };

const BATCH_ROWS = 2048;
/** Batches (2048 raw rows, 4.9 MB at 300 dimensions) or blocks (4096 rows, 6.5 MB) in flight. */
const MAX_AHEAD = { rows: 8, blocks: 4 };
/** Shared counters: batches posted, batches taken, stop requested. */
const POSTED = 0;
const TAKEN = 1;
const STOP = 2;

/**
 * Parses the whole file, handing batches to `emit`. `wait` is called before each new batch so the
 * caller can hold the parser back; it returns false to stop.
 */
export async function parseFile(
  task: ParseTask,
  emit: (e: ParseEvent) => void,
  wait: () => boolean,
  spare: ArrayBuffer[] = [],
): Promise<void> {
  const src = openByteSource(task.file, task.shown);
  try {
    let batch: RowBatch | null = null;
    let filled = 0;
    const flush = () => {
      if (!batch || filled === 0) return;
      const out = { ...batch, values: batch.values.subarray(0, filled * batch.dims) };
      emit({ type: 'rows', batch: out, bytesRead: src.bytesRead(), size: src.size });
      batch = null;
      filled = 0;
    };
    let stopped = false;
    const emitBlock = (block: VectorBlock, dims: number) => {
      // Held back here, a finished block waits while MAX_AHEAD others are not yet stored.
      if (stopped || !wait()) stopped = true;
      else emit({ type: 'block', block, dims, bytesRead: src.bytesRead(), size: src.size });
    };
    const spareBlock = () => spare.pop();
    // Binary rows go into blocks as bytes where the parser can hand them over so (binary-rows.ts).
    const rules = !task.blocks
      ? undefined
      : task.format === 'word2vec-binary' && Word2VecBinaryParser.takesBytes
        ? new BinaryRows(task.shown, task.blocks.limit, emitBlock, spareBlock)
        : new ImportRows(task.shown, task.blocks.limit, emitBlock, spareBlock);
    const sink: RowSink = rules
      ? rules instanceof BinaryRows
        ? {
            row: () => {
              throw new Error('Internal error: binary rows come as bytes.');
            },
            // A record takes at least dims·4 + 2 bytes, so the file's size bounds what a header may claim.
            header: (count, dims) => rules.expect(Math.min(count, Math.floor(src.size / (dims * 4 + 2)))),
            bytes: (b, ws, we, dims, offset) => !stopped && rules.row(b, ws, we, dims, offset) && !stopped,
          }
        : { row: (word, values, dims, where) => !stopped && rules.row(word, values, 0, dims, where) && !stopped }
      : {
          row(word, values, dims, where) {
            if (!batch) {
              if (!wait()) return false;
              // A buffer handed back by the storing side when there is one: fresh memory is slow to touch.
              const bytes = BATCH_ROWS * dims * 8;
              let buffer = spare.pop();
              while (buffer && buffer.byteLength !== bytes) buffer = spare.pop();
              batch = { words: [], wheres: [], dims, values: new Float64Array(buffer ?? new ArrayBuffer(bytes)) };
            }
            batch.words.push(word);
            batch.wheres.push(where);
            const out = batch.values;
            for (let j = 0, at = filled * dims; j < dims; j++) out[at + j] = values[j];
            if (++filled === BATCH_ROWS) flush();
            return true;
          },
        };
    const parser: VectorParser =
      task.format === 'word2vec-binary'
        ? new Word2VecBinaryParser(task.shown, sink)
        : new TextVectorParser({
            file: task.shown,
            sink,
            header: task.header,
            wordless: task.wordless,
            names: task.names,
            namesFile: task.namesFile,
          });
    // Whether the file was read to its end (rather than stopped by the sink).
    let ended = true;
    try {
      for await (const chunk of src.chunks()) {
        if (!parser.push(chunk)) {
          ended = false;
          break;
        }
      }
      if (ended) parser.end();
    } finally {
      // Rows before a bad one go first, so the storing side meets problems in file order.
      flush();
      rules?.flush();
    }
    // Stopped by the word limit, the rules still report what they kept and skipped.
    if (!stopped && (ended || rules?.stats.limited)) emit({ type: 'end', stats: rules?.stats });
  } finally {
    src.close();
  }
}

/** Events of a parse, in order; `stop()` ends it early (a word limit reached, a cancel, an error). */
export interface RowStream {
  events: AsyncIterable<ParseEvent>;
  /** Gives a batch's values or a block's buffer back for reuse once they are stored. */
  recycle(buffer: ArrayBuffer): void;
  stop(): void;
}

/**
 * Events pushed by a producer, pulled in order by an async consumer up to the first that is not
 * rows. `taken` runs as each batch is handed over; `finish` once the consumer is done, however
 * it ends (all read, an error, or leaving early).
 */
function eventQueue() {
  const queue: ParseEvent[] = [];
  let wake: (() => void) | null = null;
  return {
    push(e: ParseEvent) {
      queue.push(e);
      wake?.();
    },
    async *events(taken: () => void, finish: () => void): AsyncGenerator<ParseEvent> {
      try {
        for (;;) {
          while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          const e = queue.shift()!;
          const data = e.type === 'rows' || e.type === 'block';
          if (data) taken();
          yield e;
          if (!data) return;
        }
      } finally {
        finish();
      }
    },
  };
}

/** Parses on a worker thread; on the calling thread where none can start (or when asked to). */
export function streamRows(task: ParseTask, opts: { here?: boolean } = {}): RowStream {
  if (!opts.here) {
    try {
      return workerStream(task);
    } catch {
      // no worker threads or no built worker: parse between this thread's turns instead
    }
  }
  return localStream(task);
}

function workerStream(task: ParseTask): RowStream {
  const flags = new Int32Array(new SharedArrayBuffer(12));
  const worker = new Worker(workerPath('parse-worker'), { workerData: { task, flags } });
  const q = eventQueue();
  worker.on('message', (e: ParseEvent) => q.push(e));
  worker.on('error', (e) => q.push({ type: 'error', error: toWireError(e) }));
  // Messages posted before the thread ended are delivered before this.
  worker.on('exit', () =>
    q.push({ type: 'error', error: { code: 'internal', message: 'Internal error: the parser stopped unexpectedly.' } }),
  );
  const stop = () => {
    Atomics.store(flags, STOP, 1);
    Atomics.notify(flags, TAKEN);
    void worker.terminate();
  };
  const taken = () => {
    Atomics.add(flags, TAKEN, 1);
    Atomics.notify(flags, TAKEN);
  };
  const recycle = (buffer: ArrayBuffer) => worker.postMessage(buffer, [buffer]);
  return { events: q.events(taken, stop), recycle, stop };
}

/** The worker's side of the flow control: blocks while MAX_AHEAD batches or blocks wait to be taken. */
export function workerWait(flags: Int32Array, task: ParseTask): () => boolean {
  const ahead = task.blocks ? MAX_AHEAD.blocks : MAX_AHEAD.rows;
  return () => {
    for (;;) {
      if (Atomics.load(flags, STOP)) return false;
      const taken = Atomics.load(flags, TAKEN);
      if (Atomics.load(flags, POSTED) - taken < ahead) break;
      Atomics.wait(flags, TAKEN, taken, 1000);
    }
    Atomics.add(flags, POSTED, 1);
    return true;
  };
}

function localStream(task: ParseTask): RowStream {
  let stopped = false;
  const spare: ArrayBuffer[] = [];
  const q = eventQueue();
  // Runs between the consumer's turns: the parser yields at every chunk it reads.
  void parseFile(task, q.push, () => !stopped, spare).catch((e) => q.push({ type: 'error', error: toWireError(e) }));
  const stop = () => (stopped = true);
  return { events: q.events(() => {}, stop), recycle: (buffer) => spare.push(buffer), stop };
}

/** An error event back as the error the parser threw. */
export function parseError(e: { code: string; message: string; details?: unknown }): ExplorerError {
  return new ExplorerError(e.code, e.message, e.details as Record<string, unknown> | undefined);
}
