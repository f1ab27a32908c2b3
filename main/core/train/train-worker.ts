/**
 * Worker-thread entry for one training run: reads and counts the corpus, starts the training
 * threads over shared memory, reports progress (epoch, words/s, loss), and stores the model in
 * one transaction. A cancel or a failure stores nothing; the temporary id file always goes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { CorpusSummary, TrainModelResult, TrainParams } from '../../../common/contract/contract';
import { ExplorerError, toWireError } from '../errors';
import { openDatabase } from '../store/database';
import { writeModel } from '../store/model-writer';
import { workerPath, type WorkerMessage } from '../workers';
import type { CorpusFile } from './corpus-files';
import { scanCorpus } from './corpus-scan';
import { statSlot, statsBytes, type ThreadTask } from './thread-task';
import { createTrainingMemory, layoutFor } from './w2v-memory';

export interface TrainTask {
  dbPath?: string;
  nativeBinding?: string;
  files: CorpusFile[];
  name: string;
  params: TrainParams;
  tempDir: string;
  /** Only count the corpus (scanCorpus): no id file, no training. */
  scanOnly?: boolean;
  cancelFlag: Int32Array;
}

/** Sent before training starts, so shells can show the counts first. */
export interface SummaryMessage {
  type: 'summary';
  summary: CorpusSummary;
}

const task = workerData as TrainTask;
const post = (m: WorkerMessage | SummaryMessage) => parentPort!.postMessage(m);
const cancelled = () => Atomics.load(task.cancelFlag, 0) === 1;
const cancelError = () => new ExplorerError('cancelled', 'Training was cancelled; nothing was stored.');
const READ_SHARE = 0.15;
const STORE_SHARE = 0.03;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function runThreads(base: Omit<ThreadTask, 'thread'>, onTick: () => void): Promise<void> {
  const threads: Promise<void>[] = [];
  for (let t = 0; t < base.threads; t++) {
    threads.push(
      new Promise<void>((resolve, reject) => {
        const w = new Worker(workerPath('train-thread'), { workerData: { ...base, thread: t } });
        let settled = false;
        w.on('message', (m: WorkerMessage) => {
          if (m.type === 'done') resolve();
          else if (m.type === 'error') reject(new ExplorerError(m.error.code, m.error.message));
          settled = m.type !== 'progress';
        });
        w.on('error', (e) => reject(e));
        w.on('exit', (code) => {
          if (!settled) reject(new ExplorerError('worker-exit', `A training thread stopped unexpectedly (exit code ${code}).`));
        });
      }),
    );
  }
  const timer = setInterval(onTick, 250);
  return Promise.all(threads)
    .then(() => undefined)
    .finally(() => clearInterval(timer));
}

async function train(): Promise<TrainModelResult | CorpusSummary> {
  const t0 = performance.now();
  const { params } = task;
  const progress = (phase: string, fraction: number) => post({ type: 'progress', phase, fraction });
  const idFile = path.join(task.tempDir, 'corpus.ids');
  const scan = await scanCorpus(task.files, {
    minCount: params.minCount,
    lowercase: params.lowercase,
    phrases: params.phrases,
    idFile: task.scanOnly ? undefined : idFile,
    scratchFile: path.join(task.tempDir, 'scratch.ids'),
    progress: (phase, f) => progress(phase, f * READ_SHARE),
    cancelled,
  });
  if (task.scanOnly) return scan.summary;
  const { summary, vocab } = scan;
  post({ type: 'summary', summary });
  if (vocab.words.length < 2) {
    const what = vocab.words.length === 1 ? `only "${vocab.words[0]}"` : 'no word';
    throw new ExplorerError(
      'corpus-too-small',
      `Nothing to train on: ${what} is seen at least ${params.minCount} time${params.minCount === 1 ? '' : 's'} in ${summary.sources.join(', ')}. Word vectors need many different words in context; give more text or lower the minimum count.`,
    );
  }
  if (cancelled()) throw cancelError();

  const threads = params.threads;
  const layout = layoutFor(vocab.words.length, params.dims, threads);
  const memory = createTrainingMemory(layout, vocab.counts, { seed: params.seed, sample: params.sample, totalKept: vocab.keptTokens });
  const statsBuffer = new SharedArrayBuffer(statsBytes(threads, params.epochs));
  const stats = new Float64Array(statsBuffer);
  const slots = Array.from({ length: threads }, (_, t) => statSlot(t, threads, params.epochs));
  const totalWork = params.epochs * summary.tokens;
  const tTrain = performance.now();
  let lastT = tTrain;
  let lastDone = 0;
  let lastLoss = 0;
  let lastPairs = 0;
  let rate = 0;
  let loss = NaN;
  await runThreads(
    {
      memory,
      layout,
      params,
      threads,
      idFile: scan.idFile!,
      ids: scan.ids,
      tokens: summary.tokens,
      remap: vocab.remap,
      stats: statsBuffer,
      cancelFlag: task.cancelFlag,
    },
    () => {
      const now = performance.now();
      let done = 0;
      let lossSum = 0;
      let pairs = 0;
      let epoch = params.epochs;
      for (const s of slots) {
        done += stats[s.done];
        lossSum += stats[s.loss];
        pairs += stats[s.pairs];
        epoch = Math.min(epoch, stats[s.epoch]);
      }
      if (now > lastT && done > lastDone) {
        const r = ((done - lastDone) * 1000) / (now - lastT);
        rate = rate ? 0.7 * rate + 0.3 * r : r;
      }
      if (pairs > lastPairs) loss = (lossSum - lastLoss) / (pairs - lastPairs);
      [lastT, lastDone, lastLoss, lastPairs] = [now, done, lossSum, pairs];
      const shownEpoch = Math.min(params.epochs, epoch + 1);
      progress(
        // The figures go in parentheses: the CLI's progress line leaves them out, the page shows them.
        `Training, epoch ${shownEpoch} of ${params.epochs} (${fmt(rate)} words/s, loss ${Number.isFinite(loss) ? loss.toFixed(4) : '…'})`,
        READ_SHARE + (1 - READ_SHARE - STORE_SHARE) * Math.min(1, done / totalWork),
      );
    },
  );
  if (cancelled()) throw cancelError();
  const trainSeconds = (performance.now() - tTrain) / 1000;
  // Every thread reads its share of each epoch; together they must have read the corpus exactly epochs times.
  const read = slots.reduce((sum, s) => sum + stats[s.done], 0);
  if (read !== totalWork) {
    throw new ExplorerError('internal', `Training read ${read} words instead of ${totalWork}; the model was not stored.`);
  }

  const lossPerEpoch: number[] = [];
  for (let e = 0; e < params.epochs; e++) {
    let l = 0;
    let p = 0;
    for (const s of slots) {
      l += stats[s.epochLoss + e * 2] - (e > 0 ? stats[s.epochLoss + (e - 1) * 2] : 0);
      p += stats[s.epochLoss + e * 2 + 1] - (e > 0 ? stats[s.epochLoss + (e - 1) * 2 + 1] : 0);
    }
    lossPerEpoch.push(p > 0 ? l / p : 0);
  }

  progress('Storing the model', 1 - STORE_SHARE);
  const syn0 = new Float32Array(memory.buffer, layout.syn0, layout.vocab * layout.stride);
  const wordsPerSecond = totalWork / trainSeconds;
  const shown =
    summary.sources.length > 3
      ? `${summary.sources.slice(0, 3).join(', ')} and ${summary.sources.length - 3} more`
      : summary.sources.join(', ');
  const { db } = openDatabase(task.dbPath!, { nativeBinding: task.nativeBinding, busyTimeoutMs: 600_000 });
  try {
    const model = {
      name: task.name,
      dims: params.dims,
      source: `trained on ${shown}`,
      format: params.cbow ? 'trained-cbow' : 'trained-skipgram',
      meta: { training: { params, corpus: summary, loss: lossPerEpoch, trainSeconds, wordsPerSecond } },
    };
    writeModel(db, model, (writer) => {
      for (let i = 0; i < layout.vocab; i++) {
        if (cancelled()) throw cancelError();
        writer.add(vocab.words[i], syn0, i * layout.stride);
      }
    });
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return {
    model: task.name,
    words: layout.vocab,
    dims: params.dims,
    tokens: summary.tokens,
    seconds: (performance.now() - t0) / 1000,
    wordsPerSecond,
    params,
    corpus: summary,
    loss: lossPerEpoch,
  };
}

train()
  .then((result) => post({ type: 'done', result }))
  .catch((e: unknown) => {
    const error = toWireError(e);
    post({ type: 'error', error: { code: error.code, message: error.message } });
  })
  .finally(() => fs.rmSync(task.tempDir, { recursive: true, force: true }));
