import path from 'node:path';
import type { ImportModelRequest, ImportModelResult } from '../../../common/contract/contract';
import { ExplorerError } from '../errors';
import type { JobManager } from '../jobs';
import { runWorkerTask } from '../workers';
import type { TakenUpload, UploadStore } from './uploads';

export interface ImportDeps {
  dbPath: string;
  nativeBinding?: string;
  readOnly: boolean;
  jobs: JobManager;
  uploads: UploadStore;
}

/** Runs one model import as a job in the file-import worker; its uploads are deleted afterwards, however it ends. */
export async function runModelImport(deps: ImportDeps, req: ImportModelRequest): Promise<ImportModelResult> {
  if (deps.readOnly) {
    if (req.uploadId) deps.uploads.discard(req.uploadId);
    if (req.metadataUploadId) deps.uploads.discard(req.metadataUploadId);
    throw new ExplorerError('db-readonly', `The database ${deps.dbPath} is read-only, so no model can be imported into it.`);
  }
  // Each upload is taken once, and deleted whatever happens next: a failed or refused import
  // leaves nothing behind.
  const taken: TakenUpload[] = [];
  try {
    let file: string;
    let sourceLabel: string | undefined;
    if (req.uploadId) {
      const up = deps.uploads.take(req.uploadId);
      taken.push(up);
      file = up.file;
      sourceLabel = up.fileName;
    } else {
      file = path.resolve(req.path!);
    }
    const shown = sourceLabel ?? path.basename(file);
    let metadataFile = req.metadataPath ? path.resolve(req.metadataPath) : undefined;
    if (req.metadataUploadId) {
      const meta = deps.uploads.take(req.metadataUploadId);
      taken.push(meta);
      metadataFile = meta.file;
    }
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
    for (const t of taken) t.dispose();
    if (req.uploadId) deps.uploads.discard(req.uploadId);
    if (req.metadataUploadId) deps.uploads.discard(req.metadataUploadId);
  }
}
