/**
 * Compares the neighbourhoods of two models: for each word both know, its k nearest neighbours
 * in each model among the words they share (so the two lists draw from the same pool), and the
 * Jaccard overlap of the two sets. Low overlap = the corpora use the word differently.
 */
import {
  COMPARE_K,
  COMPARE_TOP,
  COMPARE_UNIVERSE,
  type CompareModelsRequest,
  type CompareModelsResult,
  type CompareWord,
} from '../../../common/contract/contract';
import { ExplorerError } from '../errors';
import type { JobHandle, JobManager } from '../jobs';
import type { Model } from '../model/model';
import { knnRowsWasm } from '../projection/knn-rows-wasm';
import { runWorkerTask, workerAvailable } from '../workers';

export interface CompareHost {
  model(name: string): Promise<Model>;
  jobs: JobManager;
}

/** Rows of the words both models hold (exact spelling), in model A's frequency order. */
export function sharedRows(a: Model, b: Model): { words: string[]; rowsA: Int32Array; rowsB: Int32Array } {
  const inB = new Map<string, number>();
  for (let i = 0; i < b.size; i++) if (!inB.has(b.words[i])) inB.set(b.words[i], i);
  const words: string[] = [];
  const ra: number[] = [];
  const rb: number[] = [];
  for (let i = 0; i < a.size; i++) {
    const j = inB.get(a.words[i]);
    if (j === undefined) continue;
    inB.delete(a.words[i]);
    words.push(a.words[i]);
    ra.push(i);
    rb.push(j);
  }
  return { words, rowsA: Int32Array.from(ra), rowsB: Int32Array.from(rb) };
}

/** |A ∩ B| / |A ∪ B| of two index lists without repeats. */
export function jaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const set = new Set<number>();
  for (let i = 0; i < a.length; i++) set.add(a[i]);
  let both = 0;
  for (let i = 0; i < b.length; i++) if (set.has(b[i])) both++;
  const union = a.length + b.length - both;
  return union === 0 ? 1 : both / union;
}

/** Top-k of the first q rows among all n rows of `m` (self excluded), in a worker when one is built. */
async function topK(m: Float32Array, n: number, dims: number, k: number, q: number, job: JobHandle): Promise<Int32Array> {
  if (!workerAvailable('knn-worker') || q * n < 2_000_000) return knnRowsWasm(m, n, dims, k, 0, q).idxs;
  const r = await runWorkerTask<{ idxs: Int32Array }>('knn-worker', { vectors: m, n, dims, k, from: 0, to: q }, job);
  return r.idxs;
}

function gather(model: Model, rows: Int32Array, order: Int32Array): Float32Array {
  const d = model.dims;
  const m = new Float32Array(new SharedArrayBuffer(order.length * d * 4));
  for (let i = 0; i < order.length; i++) m.set(model.row(rows[order[i]]), i * d);
  return m;
}

export async function compareModels(host: CompareHost, req: CompareModelsRequest): Promise<CompareModelsResult> {
  const [ma, mb] = await Promise.all([host.model(req.a), host.model(req.b)]);
  const shared = sharedRows(ma, mb);
  const n = shared.words.length;
  if (n < 2) {
    throw new ExplorerError(
      'nothing-shared',
      `${ma.name} and ${mb.name} share ${n === 0 ? 'no words' : 'only one word'}, so there is nothing to compare.`,
    );
  }
  const position = new Map<string, number>();
  shared.words.forEach((w, i) => position.set(w, i));
  // The compared words, as positions in the shared list.
  const queries: number[] = [];
  const missing: string[] = [];
  if (req.words) {
    const seen = new Set<number>();
    for (const raw of req.words) {
      const w = raw.trim();
      const p = position.get(w) ?? position.get(w.toLowerCase());
      if (p === undefined) missing.push(raw);
      else if (!seen.has(p)) {
        seen.add(p);
        queries.push(p);
      }
    }
  } else {
    const top = Math.min(req.top ?? COMPARE_TOP.default, n);
    for (let i = 0; i < top; i++) queries.push(i);
  }
  if (queries.length === 0) {
    return { a: ma.name, b: mb.name, shared: n, k: req.k ?? COMPARE_K.default, meanJaccard: 0, words: [], missing };
  }
  // Neighbour pool: the most frequent shared words plus the compared ones, compared ones first.
  const inQuery = new Set(queries);
  const order = [...queries];
  for (let i = 0; i < Math.min(n, COMPARE_UNIVERSE); i++) if (!inQuery.has(i)) order.push(i);
  const pool = Int32Array.from(order);
  const u = pool.length;
  const k = Math.min(req.k ?? COMPARE_K.default, u - 1);
  const q = queries.length;
  const title = `Comparing ${ma.name} with ${mb.name}`;
  const [na, nb] = await host.jobs.run('compare', title, (job) =>
    Promise.all([topK(gather(ma, shared.rowsA, pool), u, ma.dims, k, q, job), topK(gather(mb, shared.rowsB, pool), u, mb.dims, k, q, job)]),
  );
  const words: CompareWord[] = [];
  let sum = 0;
  for (let i = 0; i < q; i++) {
    const la = na.subarray(i * k, (i + 1) * k);
    const lb = nb.subarray(i * k, (i + 1) * k);
    const j = jaccard(la, lb);
    sum += j;
    const name = (p: number) => shared.words[pool[p]];
    words.push({ word: shared.words[queries[i]], jaccard: j, a: Array.from(la, name), b: Array.from(lb, name) });
  }
  words.sort((x, y) => x.jaccard - y.jaccard);
  return { a: ma.name, b: mb.name, shared: n, k, meanJaccard: sum / q, words, missing };
}
