import path from 'node:path';
import type { ImportModelRequest, ImportModelResult } from '../../../common/contract/contract';
import { ExplorerError } from '../errors';
import type { JobManager } from '../jobs';
import { runWorkerTask } from '../workers';
import type { UploadStore } from './uploads';

export interface ImportDeps {
  dbPath: string;
  nativeBinding?: string;
  readOnly: boolean;
  jobs: JobManager;
  uploads: UploadStore;
}

/** Runs one model import as a job in the file-import worker; uploads are deleted afterwards. */
export async function runModelImport(deps: ImportDeps, req: ImportModelRequest): Promise<ImportModelResult> {
  if (deps.readOnly)
    throw new ExplorerError('db-readonly', `The database ${deps.dbPath} is read-only, so no model can be imported into it.`);
  let file: string;
  let sourceLabel: string | undefined;
  if (req.uploadId) {
    const up = deps.uploads.complete(req.uploadId);
    file = up.file;
    sourceLabel = up.fileName;
  } else {
    file = path.resolve(req.path!);
  }
  const shown = sourceLabel ?? path.basename(file);
  let metadataFile = req.metadataPath ? path.resolve(req.metadataPath) : undefined;
  if (req.metadataUploadId) metadataFile = deps.uploads.complete(req.metadataUploadId).file;
  try {
    return await deps.jobs.run('import', `Importing ${shown}`, (job) =>
      runWorkerTask<ImportModelResult>(
        'file-import-worker',
        {
          dbPath: deps.dbPath,
          nativeBinding: deps.nativeBinding,
          file,
          name: req.name,
          limit: req.limit,
          format: req.format,
          sourceLabel,
          metadataFile,
        },
        job,
      ),
    );
  } finally {
    if (req.uploadId) deps.uploads.discard(req.uploadId);
    if (req.metadataUploadId) deps.uploads.discard(req.metadataUploadId);
  }
}
