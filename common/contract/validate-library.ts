/**
 * Validators for the model-import, model-management and vocabulary members of the contract
 * (spread into `validators` in validate.ts). Same rules: untrusted input in, normalised
 * request or an "invalid-request" error out.
 */
import type { ImportModelRequest, ModelFormat, PreviewVocabularyRequest, RenameModelRequest, UploadChunkRequest } from './contract';

class LibraryValidationError extends Error {
  readonly code = 'invalid-request';
}

const FORMATS: readonly ModelFormat[] = ['word2vec-text', 'glove-text', 'fasttext-vec', 'word2vec-binary', 'projector-tsv'];
/** Vocabulary files are word lists: 4 MiB of text is far beyond any real one. */
export const MAX_VOCABULARY_CHARS = 4 * 1024 * 1024;
/** Upload chunks stay below the browser-mode request limit once base64-encoded. */
export const MAX_UPLOAD_CHUNK = 768 * 1024;

function obj(req: unknown, what: string, allowed: string[]): Record<string, unknown> {
  if (typeof req !== 'object' || req === null || Array.isArray(req)) throw new LibraryValidationError(`${what}: expected an object`);
  for (const key of Object.keys(req)) {
    if (!allowed.includes(key)) throw new LibraryValidationError(`${what}: unknown field "${key}"`);
  }
  return req as Record<string, unknown>;
}

function str(value: unknown, name: string, max: number, optional: true): string | undefined;
function str(value: unknown, name: string, max: number, optional?: false): string;
function str(value: unknown, name: string, max: number, optional = false): string | undefined {
  if ((value === undefined || value === null) && optional) return undefined;
  if (typeof value !== 'string') throw new LibraryValidationError(`${name} must be a string`);
  const v = value.trim();
  if (v.length === 0 || v.length > max) throw new LibraryValidationError(`${name} must be 1 to ${max} characters`);
  return v;
}

function int(value: unknown, name: string, min: number, max: number, optional: boolean): number | undefined {
  if ((value === undefined || value === null) && optional) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new LibraryValidationError(`${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`);
  }
  return value;
}

function importModel(req: unknown): ImportModelRequest {
  const r = obj(req, 'importModel', ['path', 'uploadId', 'name', 'limit', 'format', 'activate', 'metadataPath', 'metadataUploadId']);
  // Only requests from the page come through here; the CLI calls the service directly.
  if (r.path !== undefined || r.metadataPath !== undefined) {
    throw new LibraryValidationError(
      'importModel: the page cannot name files on disk; send the file with beginUpload/uploadChunk and give its uploadId',
    );
  }
  const uploadId = str(r.uploadId, 'uploadId', 100);
  if (r.format !== undefined && !FORMATS.includes(r.format as ModelFormat)) {
    throw new LibraryValidationError(`format must be one of ${FORMATS.join(', ')}`);
  }
  if (r.activate !== undefined && typeof r.activate !== 'boolean') throw new LibraryValidationError('activate must be true or false');
  return {
    uploadId,
    name: str(r.name, 'name', 100, true),
    limit: int(r.limit, 'limit', 1, 1_000_000_000, true),
    format: r.format as ModelFormat | undefined,
    activate: (r.activate as boolean | undefined) ?? false,
    metadataUploadId: str(r.metadataUploadId, 'metadataUploadId', 100, true),
  };
}

function beginUpload(req: unknown): { fileName: string; size: number } {
  const r = obj(req, 'beginUpload', ['fileName', 'size']);
  return { fileName: str(r.fileName, 'fileName', 1000), size: int(r.size, 'size', 1, Number.MAX_SAFE_INTEGER, false)! };
}

function uploadChunk(req: unknown): UploadChunkRequest {
  const r = obj(req, 'uploadChunk', ['uploadId', 'data']);
  if (!(r.data instanceof Uint8Array)) throw new LibraryValidationError('data must be bytes (Uint8Array)');
  if (r.data.byteLength > MAX_UPLOAD_CHUNK) throw new LibraryValidationError(`data may hold at most ${MAX_UPLOAD_CHUNK} bytes per call`);
  return { uploadId: str(r.uploadId, 'uploadId', 100), data: r.data };
}

function modelName(req: unknown, what: string): { name: string } {
  const r = obj(req, what, ['name']);
  return { name: str(r.name, 'name', 200) };
}

function renameModel(req: unknown): RenameModelRequest {
  const r = obj(req, 'renameModel', ['name', 'newName']);
  return { name: str(r.name, 'name', 200), newName: str(r.newName, 'newName', 100) };
}

function vocabularyFile(what: string) {
  return (req: unknown): PreviewVocabularyRequest => {
    const r = obj(req, what, ['fileName', 'content', 'model', 'name']);
    if (typeof r.content !== 'string') throw new LibraryValidationError('content must be the text of the file');
    if (r.content.length > MAX_VOCABULARY_CHARS)
      throw new LibraryValidationError(`the vocabulary file is larger than ${MAX_VOCABULARY_CHARS / 1024 / 1024} MiB`);
    return {
      fileName: str(r.fileName, 'fileName', 1000),
      content: r.content,
      model: str(r.model, 'model', 200, true),
      name: str(r.name, 'name', 100, true),
    };
  };
}

function optionalModel(req: unknown): { model?: string } {
  if (req === undefined || req === null) return {};
  const r = obj(req, 'listVocabularies', ['model']);
  return { model: str(r.model, 'model', 200, true) };
}

function vocabularyId(what: string) {
  return (req: unknown): { id: number } => ({ id: int(obj(req, what, ['id']).id, 'id', 1, Number.MAX_SAFE_INTEGER, false)! });
}

function none(req: unknown): Record<string, never> {
  if (req !== undefined && req !== null && !(typeof req === 'object' && Object.keys(req).length === 0)) {
    throw new LibraryValidationError('this call takes no arguments');
  }
  return {};
}

function addSample(req: unknown): { id: string; model?: string } {
  const r = obj(req, 'addSample', ['id', 'model']);
  return { id: str(r.id, 'id', 100), model: str(r.model, 'model', 200, true) };
}

export const libraryValidators = {
  importModel,
  beginUpload,
  uploadChunk,
  setActiveModel: (req: unknown) => modelName(req, 'setActiveModel'),
  renameModel,
  deleteModel: (req: unknown) => modelName(req, 'deleteModel'),
  previewVocabulary: vocabularyFile('previewVocabulary'),
  saveVocabulary: vocabularyFile('saveVocabulary'),
  listVocabularies: optionalModel,
  getVocabulary: vocabularyId('getVocabulary'),
  removeVocabulary: vocabularyId('removeVocabulary'),
  listSamples: none,
  addSample,
  cancelJob: (req: unknown) => ({ id: str(obj(req, 'cancelJob', ['id']).id, 'id', 200) }),
};
