/**
 * Worker-thread entry for imports: parsing and writing happen here so neither the UI nor the
 * main process event loop waits on them. The worker opens its own connection; the import is
 * one transaction in that connection.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toWireError } from '../errors';
import { openDatabase } from '../store/database';
import type { WorkerMessage } from '../workers';
import { importWinkModel } from './wink-json';

interface ImportTask {
  task: 'wink';
  dbPath: string;
  nativeBinding?: string;
  file: string;
  name: string;
  cancelFlag: Int32Array;
}

const data = workerData as ImportTask;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

try {
  const { db } = openDatabase(data.dbPath, { nativeBinding: data.nativeBinding, busyTimeoutMs: 600_000 });
  try {
    const cancelled = () => Atomics.load(data.cancelFlag, 0) === 1;
    const progress = (phase: string, fraction: number) => post({ type: 'progress', phase, fraction });
    const result = importWinkModel(db, data.file, data.name, progress, cancelled);
    // Move the freshly written pages from the WAL into the database file now, so the first
    // model load reads them through the memory map instead of the WAL.
    progress('Finishing', 1);
    db.pragma('wal_checkpoint(TRUNCATE)');
    post({ type: 'done', result });
  } finally {
    db.close();
  }
} catch (e) {
  const error = toWireError(e);
  post({ type: 'error', error: { code: error.code, message: error.message } });
}
