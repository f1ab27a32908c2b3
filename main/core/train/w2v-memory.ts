/**
 * The shared memory every training thread works in, and the tables in it: both weight matrices,
 * gensim's cumulative unigram table (count^0.75) for negative draws, the sub-sampling keep
 * probabilities, and the sigmoid tables. Memory grows with the vocabulary, never the corpus.
 */
import { ExplorerError } from '../errors';

/** Longest sentence trained as one (gensim's limit); longer lines are cut into pieces. */
export const MAX_SENTENCE = 10_000;
/** Words per call into the kernel (gensim's job size); a batch may run one sentence over. */
export const BATCH_WORDS = 10_000;
export const EXP_TABLE_SIZE = 1000;
export const MAX_EXP = 6;
/** gensim's cumulative table domain. */
const CUM_DOMAIN = 2 ** 31 - 1;
const PAGE = 65536;
/** Buckets of the negative-draw look-up: 2^31 / 2^15. */
const BUCKETS = 65536;

export interface Layout {
  vocab: number;
  dims: number;
  /** Floats per row: dims rounded up to a multiple of 8 (the kernel's step). */
  stride: number;
  rowBytes: number;
  syn0: number;
  syn1: number;
  cum: number;
  sint: number;
  /** u32 × (BUCKETS + 1): for bucket b, the first row whose cumulative value is ≥ b · 2^15. */
  buckets: number;
  expT: number;
  logT: number;
  /** Per-thread area: work row, CBOW row, kept words, then the batch's words and sentence lengths. */
  scratch: number;
  scratchBytes: number;
  pages: number;
}

const align = (n: number, a = 64) => Math.ceil(n / a) * a;

export function layoutFor(vocab: number, dims: number, threads: number): Layout {
  const stride = Math.ceil(dims / 8) * 8;
  const rowBytes = stride * 4;
  const syn0 = 0;
  const syn1 = align(syn0 + vocab * rowBytes);
  const cum = align(syn1 + vocab * rowBytes);
  const sint = align(cum + vocab * 4);
  const buckets = align(sint + vocab * 4);
  const expT = align(buckets + (BUCKETS + 1) * 4);
  const logT = align(expT + EXP_TABLE_SIZE * 4);
  const scratch = align(logT + EXP_TABLE_SIZE * 4);
  const scratchBytes = align(2 * rowBytes + MAX_SENTENCE * 4 + (BATCH_WORDS + MAX_SENTENCE) * 4 * 2);
  const bytes = scratch + threads * scratchBytes;
  const pages = Math.ceil(bytes / PAGE);
  if (pages > 65536) {
    throw new ExplorerError(
      'too-large',
      `A vocabulary of ${vocab.toLocaleString('en-US')} words × ${dims} dimensions needs ${(bytes / 2 ** 30).toFixed(1)} GiB, more than the 4 GiB training can use; raise the minimum count or lower the dimensions.`,
    );
  }
  return { vocab, dims, stride, rowBytes, syn0, syn1, cum, sint, buckets, expT, logT, scratch, scratchBytes, pages };
}

/** A small, fast, seedable generator (xorshift128+ seeded through splitmix32) for the initial vectors. */
function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  const next32 = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  return () => next32() / 2 ** 32;
}

/** The 48-bit starting state of thread t's generator: different streams for every seed and thread. */
export function threadSeed(seed: number, thread: number): { hi: number; lo: number } {
  const r = seededRandom((seed ^ Math.imul(thread + 1, 0x27d4eb2d)) >>> 0);
  return { hi: Math.floor(r() * 65536), lo: Math.floor(r() * 2 ** 32) >>> 0 };
}

/**
 * Creates the shared memory and fills it: input vectors uniform in ±0.5/dims (gensim's range),
 * output vectors zero, tables from the counts.
 */
export function createTrainingMemory(
  layout: Layout,
  counts: Float64Array,
  opts: { seed: number; sample: number; totalKept: number },
): WebAssembly.Memory {
  const memory = new WebAssembly.Memory({ initial: layout.pages, maximum: layout.pages, shared: true });
  const buf = memory.buffer;
  const { vocab, dims, stride } = layout;
  const syn0 = new Float32Array(buf, layout.syn0, vocab * stride);
  const rand = seededRandom(opts.seed);
  for (let i = 0; i < vocab; i++) {
    const base = i * stride;
    for (let j = 0; j < dims; j++) syn0[base + j] = (rand() - 0.5) / dims;
  }
  // gensim's make_cum_table (ns_exponent 0.75).
  const cum = new Uint32Array(buf, layout.cum, vocab);
  let powTotal = 0;
  for (let i = 0; i < vocab; i++) powTotal += counts[i] ** 0.75;
  let acc = 0;
  for (let i = 0; i < vocab; i++) {
    acc += counts[i] ** 0.75;
    cum[i] = Math.round((acc / powTotal) * CUM_DOMAIN);
  }
  const buckets = new Uint32Array(buf, layout.buckets, BUCKETS + 1);
  for (let b = 0, i = 0; b <= BUCKETS; b++) {
    const x = b * 32768;
    while (i < vocab && cum[i] < x) i++;
    buckets[b] = i;
  }
  // gensim's keep probability: (sqrt(v / t) + 1) · t / v with t = sample · kept words.
  const sint = new Uint32Array(buf, layout.sint, vocab);
  const threshold = opts.sample > 0 ? opts.sample * opts.totalKept : 0;
  for (let i = 0; i < vocab; i++) {
    const v = counts[i];
    const p = threshold > 0 ? Math.min(1, (Math.sqrt(v / threshold) + 1) * (threshold / v)) : 1;
    sint[i] = Math.floor(p * (2 ** 32 - 1));
  }
  const expT = new Float32Array(buf, layout.expT, EXP_TABLE_SIZE);
  const logT = new Float32Array(buf, layout.logT, EXP_TABLE_SIZE);
  for (let i = 0; i < EXP_TABLE_SIZE; i++) {
    const e = Math.exp(((i / EXP_TABLE_SIZE) * 2 - 1) * MAX_EXP);
    expT[i] = e / (e + 1);
    logT[i] = Math.log(expT[i]);
  }
  return memory;
}
