import type { TrainParams } from '../../../common/contract/contract';
import type { Layout } from './w2v-memory';

/** What the coordinator hands each training thread. */
export interface ThreadTask {
  memory: WebAssembly.Memory;
  layout: Layout;
  params: TrainParams;
  thread: number;
  threads: number;
  idFile: string;
  /** Ids in the file, sentence ends included. */
  ids: number;
  /** Corpus words (the learning rate's clock: epochs × tokens). */
  tokens: number;
  /** Provisional id → row, -1 for dropped words. */
  remap: Int32Array;
  /** Float64 slots each thread writes and the coordinator reads (see statSlot). */
  stats: SharedArrayBuffer;
  cancelFlag: Int32Array;
}

const PER_THREAD = 4;

/** Where thread t's figures live in the stats buffer. */
export function statSlot(thread: number, threads: number, epochs: number) {
  const base = thread * PER_THREAD;
  return {
    /** Corpus words read so far, all epochs. */
    done: base,
    /** Running loss sum and example count of the kernel. */
    loss: base + 1,
    pairs: base + 2,
    /** Epochs finished. */
    epoch: base + 3,
    /** Loss sum and example count at the end of each epoch: 2 slots per epoch. */
    epochLoss: threads * PER_THREAD + thread * epochs * 2,
  };
}

export function statsBytes(threads: number, epochs: number): number {
  return (threads * PER_THREAD + threads * epochs * 2) * 8;
}
