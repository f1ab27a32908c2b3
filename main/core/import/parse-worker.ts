/**
 * Parsing thread of a file import (see row-stream.ts): reads and parses the file, posting
 * batches of rows to the importing thread, which stores them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toWireError } from '../errors';
import { type ParseEvent, type ParseTask, parseFile, workerWait } from './row-stream';

const { task, flags } = workerData as { task: ParseTask; flags: Int32Array };
const transfer = (e: ParseEvent): ArrayBuffer[] =>
  e.type === 'rows' ? [e.batch.values.buffer as ArrayBuffer] : e.type === 'block' ? [e.block.data.buffer as ArrayBuffer] : [];
const post = (e: ParseEvent) => parentPort!.postMessage(e, transfer(e));
// Value buffers the storing side has finished with, for the next batches.
const spare: ArrayBuffer[] = [];
parentPort!.on('message', (buffer: ArrayBuffer) => spare.push(buffer));

parseFile(task, post, workerWait(flags, task), spare)
  .catch((e) => post({ type: 'error', error: toWireError(e) }))
  .finally(() => parentPort!.close());
