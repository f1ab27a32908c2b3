/**
 * Validators for the model-import, model-management and vocabulary members of the contract
 * (spread into `validators` in validate.ts): untrusted input in, normalised request or an
 * "invalid-request" error out.
 */
import * as check from './check';
import { ValidationError } from './check';
import {
  type ImportModelRequest,
  MAX_MODEL_NAME,
  MAX_UPLOAD_CHUNK,
  MAX_VOCABULARY_CHARS,
  MODEL_FORMATS,
  type PreviewVocabularyRequest,
  type RenameModelRequest,
  type UploadChunkRequest,
} from './contract';

/** Upload ids and job ids are short tokens the core handed out. */
const MAX_TOKEN_LENGTH = 200;
/** File names as the user's system gave them. */
const MAX_FILE_NAME = 1000;

function importModel(req: unknown): ImportModelRequest {
  const r = check.object(req, 'importModel', [
    'path',
    'uploadId',
    'name',
    'limit',
    'format',
    'activate',
    'metadataPath',
    'metadataUploadId',
  ]);
  // Only requests from the page come through here; the CLI calls the service directly.
  if (r.path !== undefined || r.metadataPath !== undefined) {
    throw new ValidationError(
      'importModel: the page cannot name files on disk; send the file with beginUpload/uploadChunk and give its uploadId',
    );
  }
  return {
    uploadId: check.name(r.uploadId, 'uploadId', MAX_TOKEN_LENGTH),
    name: check.optionalName(r.name, 'name', MAX_MODEL_NAME),
    limit: check.integer(r.limit, 'limit', 1, 1_000_000_000),
    format: check.oneOf(r.format, 'format', MODEL_FORMATS),
    activate: check.bool(r.activate, 'activate', false),
    metadataUploadId: check.optionalName(r.metadataUploadId, 'metadataUploadId', MAX_TOKEN_LENGTH),
  };
}

function beginUpload(req: unknown): { fileName: string; size: number } {
  const r = check.object(req, 'beginUpload', ['fileName', 'size']);
  return {
    fileName: check.name(r.fileName, 'fileName', MAX_FILE_NAME),
    size: check.requiredInteger(r.size, 'size', 1, Number.MAX_SAFE_INTEGER),
  };
}

function uploadChunk(req: unknown): UploadChunkRequest {
  const r = check.object(req, 'uploadChunk', ['uploadId', 'data']);
  if (!(r.data instanceof Uint8Array)) throw new ValidationError('data must be bytes (Uint8Array)');
  if (r.data.byteLength > MAX_UPLOAD_CHUNK) throw new ValidationError(`data may hold at most ${MAX_UPLOAD_CHUNK} bytes per call`);
  return { uploadId: check.name(r.uploadId, 'uploadId', MAX_TOKEN_LENGTH), data: r.data };
}

const modelName = (what: string) => (req: unknown) => ({ name: check.name(check.object(req, what, ['name']).name) });

function renameModel(req: unknown): RenameModelRequest {
  const r = check.object(req, 'renameModel', ['name', 'newName']);
  return { name: check.name(r.name), newName: check.name(r.newName, 'newName', MAX_MODEL_NAME) };
}

function vocabularyFile(what: string) {
  return (req: unknown): PreviewVocabularyRequest => {
    const r = check.object(req, what, ['fileName', 'content', 'model', 'name']);
    if (typeof r.content !== 'string') throw new ValidationError('content must be the text of the file');
    if (r.content.length > MAX_VOCABULARY_CHARS) {
      throw new ValidationError(`the vocabulary file is larger than ${MAX_VOCABULARY_CHARS / 1024 / 1024} Mi characters`);
    }
    return {
      fileName: check.name(r.fileName, 'fileName', MAX_FILE_NAME),
      content: r.content,
      model: check.model(r.model),
      name: check.optionalName(r.name, 'name', MAX_MODEL_NAME),
    };
  };
}

function listVocabularies(req: unknown): { model?: string } {
  if (req === undefined || req === null) return {};
  return { model: check.model(check.object(req, 'listVocabularies', ['model']).model) };
}

const vocabularyId = (what: string) => (req: unknown) => ({ id: check.id(check.object(req, what, ['id']).id) });

function addSample(req: unknown): { id: string; model?: string } {
  const r = check.object(req, 'addSample', ['id', 'model']);
  return { id: check.name(r.id, 'id', MAX_TOKEN_LENGTH), model: check.model(r.model) };
}

export const libraryValidators = {
  importModel,
  beginUpload,
  uploadChunk,
  setActiveModel: modelName('setActiveModel'),
  renameModel,
  deleteModel: modelName('deleteModel'),
  previewVocabulary: vocabularyFile('previewVocabulary'),
  saveVocabulary: vocabularyFile('saveVocabulary'),
  listVocabularies,
  getVocabulary: vocabularyId('getVocabulary'),
  removeVocabulary: vocabularyId('removeVocabulary'),
  listSamples: check.none,
  addSample,
  cancelJob: (req: unknown) => ({ id: check.name(check.object(req, 'cancelJob', ['id']).id, 'id', MAX_TOKEN_LENGTH) }),
};
