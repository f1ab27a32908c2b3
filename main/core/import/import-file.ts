import type { ImportModelResult } from '../../../common/contract/contract';
import { ExplorerError } from '../errors';
import type { ProgressFn } from '../jobs';
import type { Db } from '../store/database';
import { findModelRow } from '../store/models-repo';
import { ModelWriter } from '../store/model-writer';
import { openByteSource } from './byte-source';
import { baseName, detectFormat, hasHeader } from './detect-format';
import { ImportRows, type ImportStats } from './import-rows';
import { badFile, type VectorFormat } from './import-types';
import { findMetadataFile, readProjectorNames } from './projector-tsv';
import { parseError, streamRows } from './row-stream';

export interface FileImportOptions {
  /** The vector file (any supported format, optionally gzip-compressed). */
  file: string;
  /** Model name; default: the file name without extensions, made unique with "-2", "-3"… */
  name?: string;
  /** Keep only the first N distinct words (file order). Default: all. */
  limit?: number;
  /** Skip detection and read the file as this format. */
  format?: VectorFormat;
  /** Projector metadata.tsv; default: the one beside vectors.tsv, if any. */
  metadataFile?: string;
  /** Shown as the model's source instead of `file` (e.g. the original name of an upload). */
  sourceLabel?: string;
  progress?: ProgressFn;
  isCancelled?: () => boolean;
}

const HEAD_BYTES = 64 * 1024;
/**
 * Page cache during an import, KiB. Stock SQLite's default of 2 MB thrashes when a small model's
 * words go into the index of a large store (ModelWriter.writeWords); much more than this only
 * costs fresh memory for the ~200 MB of vector pages that pass through on their way to the WAL.
 */
const IMPORT_CACHE_KIB = 16 * 1024;

function uniqueName(db: Db, wanted: string): string {
  if (!findModelRow(db, wanted)) return wanted;
  for (let i = 2; ; i++) if (!findModelRow(db, `${wanted}-${i}`)) return `${wanted}-${i}`;
}

/** The first HEAD_BYTES of the (decompressed) input, or all of it when shorter. */
async function readHead(it: AsyncGenerator<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < HEAD_BYTES) {
    const next = await it.next();
    if (next.done) break;
    chunks.push(next.value);
    size += next.value.length;
  }
  return Buffer.concat(chunks);
}

/**
 * Imports a vector file into the store as a new model, streaming: a parsing thread reads the
 * file in 1 MiB chunks and hands over raw rows in batches or, for binary files, ready store
 * blocks (row-stream.ts), while this thread stores them with the ModelWriter. Everything happens
 * in one IMMEDIATE transaction; any error or a cancel rolls it back, leaving the database as it was.
 */
export async function importVectorFile(db: Db, o: FileImportOptions): Promise<ImportModelResult> {
  const started = Date.now();
  const progress = o.progress ?? (() => {});
  const isCancelled = o.isCancelled ?? (() => false);
  const file = o.file;
  // Errors name the file as the user knows it (an upload's own name, not its temporary path).
  const shown = o.sourceLabel ?? file;
  if (o.limit !== undefined && (!Number.isInteger(o.limit) || o.limit < 1)) {
    throw new ExplorerError('invalid-request', `The word limit must be a whole number of at least 1 (got ${o.limit}).`);
  }
  // Only the head is read here, to detect the format: the parsing thread reads the whole file.
  const src = openByteSource(file, shown);
  progress('Detecting the format', 0);
  let head: Buffer;
  try {
    head = await readHead(src.chunks());
  } finally {
    src.close();
  }
  let began = false;
  let cacheBefore: number | undefined;
  let writer: ModelWriter | undefined;
  try {
    const format = o.format ?? detectFormat(shown, head);
    let names: string[] | undefined;
    let namesFile: string | undefined;
    if (format === 'projector-tsv') {
      namesFile = o.metadataFile ?? findMetadataFile(file);
      if (namesFile) names = await readProjectorNames(namesFile);
    }
    const name = o.name ?? uniqueName(db, baseName(o.sourceLabel ?? file));
    const storedFormat = src.gzip ? `${format}+gzip` : format;

    const writerFor = (dims: number) =>
      (writer ??= new ModelWriter(db, { name, dims, source: o.sourceLabel ?? file, format: storedFormat }));
    // Raw rows get the import's rules here; blocks come with them applied (see row-stream.ts).
    const spare: ArrayBuffer[] = [];
    const rules = new ImportRows(
      shown,
      o.limit,
      (block, dims) => {
        writerFor(dims).addBlock(block, expectedWords(block.rows));
        spare.push(block.data.buffer as ArrayBuffer);
      },
      () => spare.pop(),
    );
    let stats: ImportStats = rules.stats;
    /** Share of the file read so far, by the latest event. */
    let readShare = 0;
    /** The model's expected size, extrapolated from how far into the file `rows` more words take it. */
    const expectedWords = (rows: number) =>
      Math.min(o.limit ?? Infinity, Math.ceil(((writer?.size ?? 0) + rows) / Math.max(readShare, 1e-6)));

    cacheBefore = db.pragma('cache_size', { simple: true }) as number;
    db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
    // The import stays in WAL mode, though a rollback journal would write the new pages once
    // instead of twice (WAL, then checkpoint) and commit 300 MB about twice as fast: leaving WAL
    // needs this to be the only connection, and the app's service (and the CLI's) always holds
    // another; while the store were in rollback mode, any reader (an app opening the store) would
    // be locked out for the whole import rather than reading the models already there; and a
    // crash in between would leave the store in the other mode for the next opener to fix.
    // Fail fast when another writer holds the lock, instead of parsing first.
    db.exec('BEGIN IMMEDIATE');
    began = true;
    const rows = streamRows({
      file,
      shown,
      format,
      header: hasHeader(format, head),
      wordless: format === 'projector-tsv',
      names,
      namesFile,
      blocks: format === 'word2vec-binary' ? { limit: o.limit } : undefined,
    });
    try {
      for await (const e of rows.events) {
        if (e.type === 'error') throw parseError(e.error);
        if (e.type === 'end') {
          stats = e.stats ?? stats;
          break;
        }
        readShare = Math.min(1, e.bytesRead / e.size);
        if (e.type === 'block') {
          writerFor(e.dims).addBlock(e.block, expectedWords(e.block.rows));
          rows.recycle(e.block.data.buffer as ArrayBuffer);
        } else {
          const { words, wheres, values, dims } = e.batch;
          let more = true;
          for (let r = 0; r < words.length && more; r++) more = rules.row(words[r], values, r * dims, dims, wheres[r]);
          rows.recycle(values.buffer as ArrayBuffer);
          if (!more) break;
        }
        if (isCancelled()) throw new ExplorerError('cancelled', 'Import cancelled.');
        progress(
          `Reading vectors (${(writer?.size ?? 0).toLocaleString('en-US')} words, ${Math.round(e.bytesRead / 1e6)} of ${Math.round(e.size / 1e6)} MB)`,
          0.97 * Math.min(1, e.bytesRead / e.size),
        );
      }
    } finally {
      rows.stop();
    }
    rules.flush();
    if (isCancelled()) throw new ExplorerError('cancelled', 'Import cancelled.');
    if (!writer) throw badFile(shown, 'end', 'the file holds no vectors');
    progress('Saving', 0.98);
    const words = writer.finish();
    const { duplicates, duplicateExamples, limited } = stats;
    const meta = {
      detectedFormat: format,
      compressed: src.gzip ? 'gzip' : null,
      duplicates,
      limit: o.limit ?? null,
      metadataFile: namesFile ?? null,
    };
    db.prepare('UPDATE models SET meta = ? WHERE id = ?').run(JSON.stringify(meta), writer.modelId);
    db.exec('COMMIT');
    began = false;
    return {
      name,
      words,
      dims: writer.dims,
      format,
      compressed: src.gzip,
      source: o.sourceLabel ?? file,
      duplicates,
      duplicateExamples,
      limited,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    if (began && db.inTransaction) db.exec('ROLLBACK');
    if (began) writer?.discard();
    if (cacheBefore !== undefined) db.pragma(`cache_size = ${cacheBefore}`);
  }
}
