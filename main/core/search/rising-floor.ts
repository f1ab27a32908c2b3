/**
 * The floor c0 of the pre-scan (see quantized-index.ts), raised as chunks come in: each thread
 * keeps the k best lower bounds a − b of the rows that passed in the chunks it scanned, and
 * publishes the k-th of them as the floor every later chunk tests against. Any k rows' k-th best
 * lower bound is a floor (the k-th best true score reaches it), so a floor from one thread's
 * rows holds for all, and the shared value only ever rises. Without it the floor comes from a
 * prefix of the rows alone, which for a rare word's query sits far below its neighbours' scores.
 *
 * Big models' pre-scan keeps no int8 rows, only 4-bit ones whose bound is ten times looser, so
 * lower bounds would leave the floor far below the k-th best score. There the keeper scores a
 * passing row exactly when its 4-bit estimate (not just its upper bound) reaches the floor, and
 * keeps the k best exact scores: the floor then follows the best rows seen, at the cost of a
 * dozen exact scores per query. The rows it passes over are marked, and once every chunk is
 * scanned a second round over the chunks (`settle`, on both threads) scores those whose upper
 * bound still reaches the floor all of them raised; the caller's search settles any left.
 *
 * The shared word is 64 bits: the query's tag above a fixed-point floor (rounded down to a
 * multiple of 2^-20, which only lowers it), so a thread still finishing an old query's chunk can
 * never raise a later query's floor: its compare-exchange sees another tag and fails.
 */
import { dotRows } from './exact-scan';
import { TopK } from './top-k';

/** Covers f32 rounding in the kernel's bound test (its values are below ~2 in size). */
export const F32_SLACK = 1e-5;
const SCALE = 2 ** 20;
const NONE = -0x80000000;

export interface FloorViews {
  /** (tag << 32) | fixed-point floor, as one shared word. */
  word: BigInt64Array;
  /** k, the row to leave out, the rows' limit (0 for k: no rising floor). */
  spec: Int32Array;
  out: Int32Array;
  s: Float32Array;
  res: Float32Array;
  qn: Float32Array;
  /** Present where passing rows are scored exactly (big models' 4-bit pass). */
  exact?: ExactViews;
}

export interface ExactViews {
  /** The model's unit rows, row-major (shared with the helper thread). */
  vectors: Float32Array;
  dims: number;
  /** The query as float32, `dims` values. */
  x: Float32Array;
  /** Per pair slot of `out`: the exact score, −∞ for a row dropped, NaN for one left to the caller. */
  scores: Float64Array;
}

const pack = (tag: number, fixed: number) => (BigInt(tag) << 32n) | BigInt(fixed >>> 0);

/** Sets the word for a new query (before its chunks are posted). */
export function resetFloor(f: FloorViews, tag: number, k: number, exclude: number, limit: number): void {
  f.spec[0] = k;
  f.spec[1] = exclude;
  f.spec[2] = limit;
  Atomics.store(f.word, 0, pack(tag, NONE));
}

/** The current query's floor (−∞ when none is known yet or the word belongs to another query). */
export function sharedFloor(f: FloorViews, tag: number): number {
  const w = Atomics.load(f.word, 0);
  if (Number(w >> 32n) !== tag) return -Infinity;
  const fixed = Number(BigInt.asIntN(32, w));
  return fixed === NONE ? -Infinity : fixed / SCALE;
}

/** One thread's share of the floor for one query. */
export class FloorKeeper {
  private readonly top: TopK | null;

  constructor(
    private readonly f: FloorViews,
    private readonly tag: number,
    /** The query's scale and bound factors: lower bound = dot·s·t − (res·xn + qn·fn). */
    private readonly t: number,
    private readonly xn: number,
    private readonly fn: number,
  ) {
    const k = f.spec[0];
    this.top = k > 0 ? new TopK(k) : null;
  }

  /** Takes the `count` pairs (row − first, dot) at pair index `at` of `out`, and publishes. */
  add(first: number, at: number, count: number): void {
    const { top, f, t, xn, fn } = this;
    if (!top) return;
    if (f.exact) this.score(f.exact, top, first, at, count, false);
    else {
      const exclude = f.spec[1];
      const limit = f.spec[2];
      for (let p = 2 * at, end = p + 2 * count; p < end; p += 2) {
        const i = f.out[p] + first;
        if (i === exclude || i >= limit) continue;
        top.push(i, f.out[p + 1] * f.s[i] * t - (f.res[i] * xn + f.qn[i] * fn));
      }
    }
    this.publish();
  }

  /**
   * The second round over a chunk whose pairs `add` took: scores exactly each row it left whose
   * upper bound reaches the floor now (raised by every chunk since), and drops the others.
   */
  settle(first: number, at: number, count: number): void {
    const { top, f } = this;
    if (!top || !f.exact) return;
    this.score(f.exact, top, first, at, count, true);
    this.publish();
  }

  /** Raises the shared floor to this thread's k-th best, if that is higher. */
  private publish(): void {
    const { top, f } = this;
    if (!top || top.count < top.k) return;
    const fixed = Math.max(NONE + 1, Math.min(0x7fffffff, Math.floor((top.threshold - F32_SLACK) * SCALE)));
    for (let w = Atomics.load(f.word, 0); ;) {
      if (Number(w >> 32n) !== this.tag || Number(BigInt.asIntN(32, w)) >= fixed) return;
      const seen = Atomics.compareExchange(f.word, 0, w, pack(this.tag, fixed));
      if (seen === w) return;
      w = seen;
    }
  }

  /**
   * Drops each pair whose upper bound falls short of the floor so far (the shared one, or this
   * thread's k-th best exact score, whichever is higher) and scores exactly those whose estimate
   * reaches it; the rest are left (NaN) for the second round, which, `settling`, takes only those
   * and scores each whose upper bound reaches the floor. Scores are dotRows', the plain scan's
   * arithmetic.
   */
  private score(e: ExactViews, top: TopK, first: number, at: number, count: number, settling: boolean): void {
    const { f, t, xn, fn } = this;
    const exclude = f.spec[1];
    const limit = f.spec[2];
    let floor = Math.max(sharedFloor(f, this.tag), top.count < top.k ? -Infinity : top.threshold - F32_SLACK);
    for (let p = at, end = at + count; p < end; p++) {
      if (settling && !Number.isNaN(e.scores[p])) continue;
      const i = f.out[2 * p] + first;
      const estimate = f.out[2 * p + 1] * f.s[i] * t;
      if (i === exclude || i >= limit || estimate + (f.res[i] * xn + f.qn[i] * fn) < floor) {
        e.scores[p] = -Infinity;
      } else if (!settling && estimate < floor) {
        e.scores[p] = NaN;
      } else {
        const score = dotRows(e.vectors, e.dims, i, e.x);
        e.scores[p] = score;
        top.push(i, score);
        if (top.count >= top.k) floor = Math.max(floor, top.threshold - F32_SLACK);
      }
    }
  }
}
