/**
 * Worker-thread entry for importing a vector file: parsing and writing happen here so neither
 * the UI nor the main process event loop waits on them. The worker opens its own connection
 * and the whole import is one transaction in it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toWireError } from '../errors';
import { openDatabase } from '../store/database';
import type { WorkerMessage } from '../workers';
import { type FileImportOptions, importVectorFile } from './import-file';

type FileImportTask = Omit<FileImportOptions, 'progress' | 'isCancelled'> & {
  dbPath: string;
  nativeBinding?: string;
  cancelFlag: Int32Array;
};

const data = workerData as FileImportTask;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

async function run(): Promise<void> {
  const { db } = openDatabase(data.dbPath, { nativeBinding: data.nativeBinding, busyTimeoutMs: 600_000 });
  try {
    const result = await importVectorFile(db, {
      file: data.file,
      name: data.name,
      limit: data.limit,
      format: data.format,
      metadataFile: data.metadataFile,
      sourceLabel: data.sourceLabel,
      progress: (phase, fraction) => post({ type: 'progress', phase, fraction }),
      isCancelled: () => Atomics.load(data.cancelFlag, 0) === 1,
    });
    post({ type: 'done', result });
  } finally {
    db.close();
  }
}

run().catch((e) => {
  const error = toWireError(e);
  post({
    type: 'error',
    error: { code: error.code, message: error.message, details: error.details as Record<string, unknown> | undefined },
  });
});
