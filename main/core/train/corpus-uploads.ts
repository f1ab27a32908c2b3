import fs from 'node:fs';
import { UPLOAD_IDLE_MS } from '../../../common/contract/contract';
import type { TakenUpload, UploadStore } from '../import/uploads';
import type { CorpusFile } from './corpus-files';

/** A corpus waits this long between counting and training before its files are dropped. */
const HOLD_MS = 3 * UPLOAD_IDLE_MS;

/**
 * Uploaded corpus files, taken out of the upload store the first time a count or a training run
 * names them (which frees the store's few upload slots, so a corpus may have many files: the
 * page sends them a few at a time), and kept until training has used them, they sat unused too
 * long, or the service closes.
 */
export class CorpusUploads {
  private readonly held = new Map<string, { upload: TakenUpload; touched: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  resolve(store: UploadStore, ids: readonly string[]): CorpusFile[] {
    this.expire();
    return ids.map((id) => {
      let h = this.held.get(id);
      if (!h) {
        h = { upload: store.take(id), touched: 0 };
        this.held.set(id, h);
      }
      h.touched = this.now();
      return { file: h.upload.file, name: h.upload.fileName, bytes: fs.statSync(h.upload.file).size };
    });
  }

  release(ids: readonly string[]): void {
    for (const id of ids) {
      this.held.get(id)?.upload.dispose();
      this.held.delete(id);
    }
  }

  closeAll(): void {
    this.release([...this.held.keys()]);
  }

  private expire(): void {
    const limit = this.now() - HOLD_MS;
    for (const [id, h] of this.held) if (h.touched < limit) this.release([id]);
  }
}
