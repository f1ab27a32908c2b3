/**
 * Worker-thread entry: one training thread. It streams its share of the id file every epoch
 * (threads take equal parts, each starting after a sentence end and finishing the sentence it
 * is in), maps ids to rows, and hands batches of ~10,000 words to the kernel, which updates the
 * shared weights. The learning rate follows the progress of all threads together.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toWireError } from '../errors';
import type { WorkerMessage } from '../workers';
import { readIds, SENTENCE_END } from './id-file';
import { statSlot, type ThreadTask } from './thread-task';
import { W2V_KERNEL_WASM_BASE64 } from './w2v-kernel-wasm';
import { BATCH_WORDS, MAX_SENTENCE, threadSeed } from './w2v-memory';

const task = workerData as ThreadTask;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

interface Kernel {
  setup(...args: number[]): void;
  train(words: number, lens: number, nsent: number, alpha: number, cbow: number): number;
  loss(): number;
  pairs(): number;
}

function run(): void {
  const { layout: L, params, thread, threads } = task;
  const module = new WebAssembly.Module(Buffer.from(W2V_KERNEL_WASM_BASE64, 'base64'));
  const k = new WebAssembly.Instance(module, { env: { memory: task.memory } }).exports as unknown as Kernel;
  const scratch = L.scratch + thread * L.scratchBytes;
  const seed = threadSeed(params.seed, thread);
  k.setup(
    L.syn0,
    L.syn1,
    L.cum,
    L.vocab,
    L.sint,
    L.expT,
    L.logT,
    L.rowBytes,
    params.window,
    params.negative,
    params.sample > 0 ? 1 : 0,
    scratch,
    seed.hi,
    seed.lo,
    L.buckets,
  );
  const wordsPtr = scratch + 2 * L.rowBytes + MAX_SENTENCE * 4;
  const capacity = BATCH_WORDS + MAX_SENTENCE;
  const lensPtr = wordsPtr + capacity * 4;
  const words = new Int32Array(task.memory.buffer, wordsPtr, capacity);
  const lens = new Int32Array(task.memory.buffer, lensPtr, capacity);
  const stats = new Float64Array(task.stats);
  const slot = statSlot(thread, threads, params.epochs);
  const remap = task.remap;
  const totalWork = params.epochs * task.tokens;
  const cbow = params.cbow ? 1 : 0;
  const cancelled = () => Atomics.load(task.cancelFlag, 0) === 1;

  // This thread's part of the file, in ids.
  const from = Math.floor((task.ids * thread) / threads);
  const to = Math.floor((task.ids * (thread + 1)) / threads);

  let n = 0; // words in the batch
  let nsent = 0;
  let sentStart = 0;
  let raw = 0; // corpus words read since the last batch (dropped ones included)
  const closeSentence = () => {
    if (n > sentStart) lens[nsent++] = n - sentStart;
    sentStart = n;
  };
  const flush = () => {
    closeSentence();
    if (nsent > 0) {
      let done = 0;
      for (let t = 0; t < threads; t++) done += stats[statSlot(t, threads, params.epochs).done];
      const progress = Math.min(1, done / totalWork);
      const alpha = Math.max(params.minAlpha, params.alpha - (params.alpha - params.minAlpha) * progress);
      k.train(wordsPtr, lensPtr, nsent, alpha, cbow);
    }
    stats[slot.done] += raw;
    stats[slot.loss] = k.loss();
    stats[slot.pairs] = k.pairs();
    raw = 0;
    n = 0;
    nsent = 0;
    sentStart = 0;
  };

  for (let epoch = 0; epoch < params.epochs; epoch++) {
    // Start one id early: the sentence end there (if any) is where the previous thread stops.
    const start = from > 0 ? from - 1 : 0;
    let at = start;
    let started = from === 0;
    let finished = false;
    for (const chunk of readIds(task.idFile, start)) {
      if (cancelled()) return;
      for (let i = 0; i < chunk.length; i++, at++) {
        const id = chunk[i];
        if (id === SENTENCE_END) {
          if (!started) {
            started = true;
            if (at + 1 >= to) {
              finished = true;
              break;
            }
            continue;
          }
          closeSentence();
          if (n >= BATCH_WORDS) flush();
          if (at + 1 >= to) {
            finished = true;
            break;
          }
          continue;
        }
        if (!started) continue;
        raw++;
        const row = remap[id];
        if (row < 0) continue;
        words[n++] = row;
        if (n - sentStart === MAX_SENTENCE) {
          closeSentence();
          if (n >= BATCH_WORDS) flush();
        }
      }
      if (finished) break;
    }
    flush();
    stats[slot.epochLoss + epoch * 2] = k.loss();
    stats[slot.epochLoss + epoch * 2 + 1] = k.pairs();
    stats[slot.epoch] = epoch + 1;
  }
}

try {
  run();
  post({ type: 'done', result: null });
} catch (e) {
  const error = toWireError(e);
  post({ type: 'error', error: { code: error.code, message: error.message } });
}
