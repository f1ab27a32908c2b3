import { Worker } from 'node:worker_threads';
import { workerPath } from '../workers';
import type { ScanKernel } from './scan-kernel';
import { FloorKeeper, type FloorViews, resetFloor, sharedFloor } from './rising-floor';

/**
 * The pre-scan split into chunks that the calling thread and a helper thread claim from one
 * shared counter, so neither waits for the other: a helper that is still starting, asleep or
 * descheduled simply takes fewer chunks, and the caller waits at most for the one chunk (well
 * under a millisecond) the helper holds when the counter runs out.
 *
 * Int32 control words at `ptr.ctrl`, then four f32 query parameters, the chunks in scope, the
 * 4-bit pass's bias, the rising floor's k, excluded row and limit and its 64-bit word
 * (rising-floor.ts), then one pair count per chunk.
 */
const SEQ = 0; // query the helper should join (−1: stop)
const CLAIM = 1; // (seq << 8) | next unclaimed chunk; only compare-exchange moves it
const FINISHED = 2; // chunks scanned for the current query
const HELPED = 3; // chunks the helper has scanned since it started
const PARAMS = 4;
const ACTIVE = 8; // chunks the current query scans: those holding rows below its limit
const BIAS = 9; // the 4-bit pass's bias for the current query (coarse-codes.ts)
const SPEC = 10; // k, exclude, limit of the rising floor
const SETTLE = 13; // like CLAIM, for the second round over the chunks (4-bit rows: deferred rows)
const WORD = 14; // its 64-bit word (8-byte aligned: the control block is)
const COUNTS = 16;
/** The chunk index lives in the claim word's low 8 bits; 255 itself marks "none left". */
const MAX_CHUNKS = 255;
/** Bytes the control block needs at `ptr.ctrl`. */
export const CONTROL_BYTES = (COUNTS + MAX_CHUNKS) * 4;
/** The claim word once the helper is disowned: no tag a query can have. */
const POISON = -1;

/** Where a scan finds its rows in the shared memory and how they are cut into chunks. */
export interface ScanPlan {
  rows4: number;
  dims: number;
  stride: number;
  /** Rows per chunk (a multiple of 4); chunk c starts at row c·chunkRows. */
  chunkRows: number;
  chunks: number;
  /** Byte offsets: int16 query, per-row f32 bound terms, (row, dot) pair output, control block. */
  ptr: { q: number; s: number; res: number; qn: number; out: number; ctrl: number };
  /**
   * Big models: the 4-bit rows (coarse-codes.ts) and their bound terms, which replace the int8
   * rows; the f32 query at `x` and one f64 exact score per pair slot at `scores` (rising-floor.ts).
   */
  coarse?: { m: number; row: number; full: number; s: number; res: number; qn: number; x: number; scores: number };
}

/**
 * Chunks of about 512 KiB of int8 rows: big enough that claiming one costs nothing next to
 * scanning it, small enough that the last one finishes in tens of microseconds.
 */
export function chunking(rows4: number, dims: number): { chunkRows: number; chunks: number } {
  let chunkRows = Math.max(256, Math.ceil((1 << 19) / dims / 4) * 4);
  while (Math.ceil(rows4 / chunkRows) > MAX_CHUNKS - 1) chunkRows *= 2;
  return { chunkRows, chunks: Math.max(1, Math.ceil(rows4 / chunkRows)) };
}

/**
 * Views of the control block, the same on both threads. With 4-bit rows the floor is kept from
 * exact scores, which need the model's `vectors`.
 */
export function controlViews(buffer: ArrayBuffer, plan: ScanPlan, vectors?: Float32Array) {
  const { ptr, coarse, rows4 } = plan;
  const terms = coarse ?? ptr;
  const f32 = (at: number, n = rows4) => new Float32Array(buffer, at, n);
  return {
    ctrl: new Int32Array(buffer, ptr.ctrl, COUNTS),
    params: new Float32Array(buffer, ptr.ctrl + PARAMS * 4, 4),
    counts: new Int32Array(buffer, ptr.ctrl + COUNTS * 4, plan.chunks),
    floor: {
      word: new BigInt64Array(buffer, ptr.ctrl + WORD * 4, 1),
      spec: new Int32Array(buffer, ptr.ctrl + SPEC * 4, 3),
      out: new Int32Array(buffer, ptr.out, rows4 * 2),
      s: f32(terms.s),
      res: f32(terms.res),
      qn: f32(terms.qn),
      exact:
        coarse && vectors
          ? { vectors, dims: plan.dims, x: f32(coarse.x, plan.dims), scores: new Float64Array(buffer, coarse.scores, rows4) }
          : undefined,
    } satisfies FloorViews,
  };
}
type Views = ReturnType<typeof controlViews>;

/** Scans one chunk; its pairs land at the chunk's own place in the output, rows chunk-relative. */
function scanChunk(kernel: ScanKernel, plan: ScanPlan, c: number, v: Views, tag: number): number {
  const { rows4, dims, stride, chunkRows, ptr, coarse } = plan;
  const first = c * chunkRows;
  const rows = Math.min(chunkRows, rows4 - first);
  const p = v.params;
  const c0 = Math.max(p[3], sharedFloor(v.floor, tag));
  if (coarse) {
    const at = first * 4;
    const c = coarse;
    return kernel.coarse(
      c.m + first * c.row,
      ptr.q,
      c.s + at,
      c.res + at,
      c.qn + at,
      rows,
      c.row,
      c.full,
      v.ctrl[BIAS],
      p[0],
      p[1],
      p[2],
      c0,
      ptr.out + first * 8,
    );
  }
  return kernel.scan(
    first * dims,
    ptr.q,
    ptr.s + first * 4,
    ptr.res + first * 4,
    ptr.qn + first * 4,
    rows,
    dims,
    stride,
    p[0],
    p[1],
    p[2],
    c0,
    ptr.out + first * 8,
  );
}

/**
 * Claims chunks of the query tagged `tag` through the claim word at `word` (CLAIM for the pass,
 * SETTLE for the second round) until none are left, running `work` on each and counting it
 * finished; `work` returns false when the query is no longer this thread's. Returns how many.
 */
function claimChunks(v: Views, word: number, tag: number, work: (c: number) => boolean): number {
  let done = 0;
  for (;;) {
    const claim = Atomics.load(v.ctrl, word);
    const c = claim & 255;
    if ((claim & ~255) !== tag || c >= v.ctrl[ACTIVE]) return done;
    if (Atomics.compareExchange(v.ctrl, word, claim, claim + 1) !== claim) continue;
    if (!work(c)) return done;
    Atomics.add(v.ctrl, FINISHED, 1);
    done++;
  }
}

/** Claims and scans chunks of the query tagged `tag` until none are left; returns how many. */
function drain(kernel: ScanKernel, plan: ScanPlan, v: Views, tag: number, keeper: FloorKeeper): number {
  return claimChunks(v, CLAIM, tag, (c) => {
    const count = scanChunk(kernel, plan, c, v, tag);
    // A disowned helper must not write into a later query's counts.
    if ((Atomics.load(v.ctrl, CLAIM) & ~255) !== tag) return false;
    v.counts[c] = count;
    keeper.add(c * plan.chunkRows, c * plan.chunkRows, count);
    return true;
  });
}

/** Whether the query has a second round: exact scores with a rising floor (4-bit rows). */
const settles = (v: Views) => v.floor.exact !== undefined && v.floor.spec[0] > 0;

/**
 * The second round, once every chunk is scanned: claims chunks again and scores their deferred
 * rows against the floor all chunks have raised (rising-floor.ts), so both threads share that
 * work too. What neither thread settles, the caller's search settles itself.
 */
function drainSettle(plan: ScanPlan, v: Views, tag: number, keeper: FloorKeeper): number {
  return claimChunks(v, SETTLE, tag, (c) => {
    keeper.settle(c * plan.chunkRows, c * plan.chunkRows, v.counts[c]);
    return true;
  });
}

/** The helper thread's loop (scan-worker.ts): join each posted query, then poll or sleep. */
export function helperLoop(kernel: ScanKernel, plan: ScanPlan, v: Views): void {
  let seen = 0;
  for (;;) {
    // Queries come in bursts (several words, a vocabulary): poll for a moment after each one
    // so the next starts without a wake-up delay, then sleep.
    const spinUntil = performance.now() + 2;
    while (Atomics.load(v.ctrl, SEQ) === seen && performance.now() < spinUntil);
    Atomics.wait(v.ctrl, SEQ, seen);
    seen = Atomics.load(v.ctrl, SEQ);
    if (seen < 0) return;
    const tag = seen << 8;
    const keeper = new FloorKeeper(v.floor, tag, v.params[0], v.params[1], v.params[2]);
    let done = drain(kernel, plan, v, tag, keeper);
    if (settles(v)) {
      // The caller's last chunk is well under a millisecond away; past that, it settles alone.
      const active = v.ctrl[ACTIVE];
      const until = performance.now() + 20;
      const current = () => (Atomics.load(v.ctrl, CLAIM) & ~255) === tag;
      while (Atomics.load(v.ctrl, FINISHED) < active && current() && performance.now() < until);
      if (Atomics.load(v.ctrl, FINISHED) >= active && current()) done += drainSettle(plan, v, tag, keeper);
    }
    if (done > 0) {
      Atomics.add(v.ctrl, HELPED, done);
      Atomics.notify(v.ctrl, FINISHED);
    }
  }
}

/** Longest the caller waits for the helper's last chunk before scanning it itself. */
const HELPER_TIMEOUT_MS = 2000;

/**
 * Runs the pre-scan over every chunk, with a helper thread sharing the kernel's memory when
 * one can start. Results never depend on the helper: whatever it does not take, the caller scans.
 */
export class ChunkedScan {
  private readonly v: Views;
  private worker: Worker | null = null;
  private online: Promise<void> = Promise.resolve();
  private seq = 0;

  constructor(
    memory: WebAssembly.Memory,
    module: WebAssembly.Module,
    private readonly kernel: ScanKernel,
    readonly plan: ScanPlan,
    withHelper: boolean,
    /** The model's unit rows: needed with 4-bit rows (exact scores), shared if a helper runs. */
    vectors?: Float32Array,
    /** The relaxed-SIMD 4-bit pass `kernel` uses, if any (coarse-kernel.ts): the helper uses it too. */
    coarseModule?: WebAssembly.Module | null,
  ) {
    this.v = controlViews(memory.buffer as ArrayBuffer, plan, vectors);
    if (!withHelper) return;
    try {
      // No inherited flags: a host's loaders (test runners) must not shape this plain worker.
      const workerData = { memory, module, coarseModule: coarseModule ?? undefined, plan, vectors: plan.coarse ? vectors : undefined };
      this.worker = new Worker(workerPath('scan-worker'), { workerData, execArgv: [] });
      this.worker.unref();
      const w = this.worker;
      this.online = new Promise((resolve) => {
        w.once('online', resolve);
        w.once('exit', () => resolve());
      });
      this.worker.on('error', () => this.disown());
      this.worker.on('exit', () => (this.worker = null));
    } catch {
      this.worker = null; // no worker threads or no built worker: one thread it is
    }
  }

  /** Chunks the helper thread has scanned so far (0 when there is none). */
  get helperChunks(): number {
    return Atomics.load(this.v.ctrl, HELPED);
  }

  /** Resolves once the helper thread runs (or at once when there is none). */
  ready(): Promise<void> {
    return this.online;
  }

  /**
   * Scans all rows for one query; then `count(c)` pairs of chunk c lie at its place in `out`.
   * With 4-bit rows in the plan, `bias` is the query's (coarse-codes.ts). Only the chunks that hold
   * rows below `scope.limit` are scanned (the others count no pairs). With `scope.k` > 0, c0 rises
   * as chunks come in (rising-floor.ts), and with 4-bit rows pairs get their exact scores.
   */
  run(t: number, xn: number, fn: number, c0: number, bias: number, scope: { k: number; exclude: number; limit: number }): void {
    const { v, plan } = this;
    this.seq = (this.seq % 0x7fffff) + 1;
    const tag = this.seq << 8;
    const active = Math.min(plan.chunks, Math.ceil(scope.limit / plan.chunkRows));
    v.counts.fill(-1, 0, active);
    v.counts.fill(0, active);
    v.params.set([t, xn, fn, c0]);
    v.ctrl[BIAS] = bias;
    v.ctrl[ACTIVE] = active;
    resetFloor(v.floor, tag, scope.k, scope.exclude, scope.limit);
    Atomics.store(v.ctrl, FINISHED, 0);
    Atomics.store(v.ctrl, SETTLE, tag);
    Atomics.store(v.ctrl, CLAIM, tag);
    if (this.worker) {
      Atomics.store(v.ctrl, SEQ, this.seq);
      Atomics.notify(v.ctrl, SEQ);
    }
    const keeper = new FloorKeeper(v.floor, tag, t, xn, fn);
    drain(this.kernel, plan, v, tag, keeper);
    if (!this.awaitHelper(active)) {
      // The helper stalled: disown it and scan what it held (the same bytes it would write).
      this.disown();
      for (let c = 0; c < active; c++) {
        if (v.counts[c] >= 0) continue;
        v.counts[c] = scanChunk(this.kernel, plan, c, v, tag);
        keeper.add(c * plan.chunkRows, c * plan.chunkRows, v.counts[c]);
      }
      Atomics.store(v.ctrl, SETTLE, tag); // the second round is the caller's alone now
    }
    if (settles(v)) {
      drainSettle(plan, v, tag, keeper);
      // A helper that stalls here only leaves rows for the caller's search to settle.
      if (this.worker && !this.awaitHelper(2 * active)) this.disown();
    }
  }

  count(c: number): number {
    return this.v.counts[c];
  }

  /** Waits until `chunks` chunks are finished; false when the helper held one for too long. */
  private awaitHelper(chunks: number): boolean {
    const { ctrl } = this.v;
    const start = performance.now();
    for (;;) {
      const finished = Atomics.load(ctrl, FINISHED);
      if (finished >= chunks) return true;
      const waited = performance.now() - start;
      if (waited > HELPER_TIMEOUT_MS) return false;
      // Polling covers the usual case, the helper's last chunk; sleep if it takes longer.
      if (waited > 20) Atomics.wait(ctrl, FINISHED, finished, 50);
    }
  }

  /** Stops the helper; scans continue on the calling thread alone. */
  dispose(): void {
    this.disown();
  }

  private disown(): void {
    Atomics.store(this.v.ctrl, CLAIM, POISON);
    Atomics.store(this.v.ctrl, SETTLE, POISON);
    Atomics.store(this.v.ctrl, SEQ, -1);
    Atomics.notify(this.v.ctrl, SEQ);
    void this.worker?.terminate();
    this.worker = null;
  }
}
