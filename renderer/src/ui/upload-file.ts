import { type ExplorerApi, MAX_UPLOAD_CHUNK } from '../../../common/contract/contract';

/** Bytes per uploadChunk call: well below MAX_UPLOAD_CHUNK, the most the contract takes per call. */
const CHUNK = Math.min(512 * 1024, MAX_UPLOAD_CHUNK);

export interface UploadOptions {
  /** Polled before each chunk; true stops the upload with `cancelMessage`. */
  cancelled: () => boolean;
  cancelMessage: string;
  /** Fraction of the file sent so far, 0..1, after each chunk. */
  progress: (fraction: number) => void;
}

/**
 * Sends a file the user chose through the contract in chunks (beginUpload / uploadChunk), so it
 * works in a browser tab as in Electron; resolves to the upload's id for the method that takes it.
 */
export async function uploadFile(api: ExplorerApi, file: File, o: UploadOptions): Promise<string> {
  const { uploadId } = await api.beginUpload({ fileName: file.name, size: file.size });
  for (let at = 0; at < file.size; at += CHUNK) {
    if (o.cancelled()) throw new Error(o.cancelMessage);
    const data = new Uint8Array(await file.slice(at, at + CHUNK).arrayBuffer());
    await api.uploadChunk({ uploadId, data });
    o.progress(Math.min(1, (at + data.length) / file.size));
  }
  return uploadId;
}
