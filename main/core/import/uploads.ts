import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExplorerError } from '../errors';

interface Upload {
  file: string;
  fileName: string;
  size: number;
  received: number;
}

/**
 * Files the renderer sends in chunks (browser mode has no file paths): each goes to a private
 * temporary folder, keeping the user's file name so format detection and the model name work,
 * and is deleted once imported or when the service closes.
 */
export class UploadStore {
  private readonly uploads = new Map<string, Upload>();
  private dir?: string;

  begin(fileName: string, size: number): string {
    this.dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'embedding-explorer-upload-'));
    const id = randomBytes(16).toString('hex');
    const safe =
      path
        .basename(fileName)
        .replace(/[^\w.-]+/g, '_')
        .slice(-120) || 'upload';
    const file = path.join(this.dir, `${id}-${safe}`);
    fs.writeFileSync(file, new Uint8Array(0), { mode: 0o600 });
    this.uploads.set(id, { file, fileName: path.basename(fileName), size, received: 0 });
    return id;
  }

  append(id: string, data: Uint8Array): number {
    const u = this.get(id);
    if (u.received + data.byteLength > u.size) {
      this.discard(id);
      throw new ExplorerError('bad-upload', `The upload of ${u.fileName} sent more than the announced ${u.size} bytes; start again.`);
    }
    fs.appendFileSync(u.file, data);
    u.received += data.byteLength;
    return u.received;
  }

  /** Hands over a complete upload: its temporary path and the user's file name. */
  complete(id: string): { file: string; fileName: string } {
    const u = this.get(id);
    if (u.received !== u.size) {
      throw new ExplorerError('bad-upload', `The upload of ${u.fileName} is incomplete (${u.received} of ${u.size} bytes).`);
    }
    return { file: u.file, fileName: u.fileName };
  }

  discard(id: string): void {
    const u = this.uploads.get(id);
    if (!u) return;
    this.uploads.delete(id);
    fs.rmSync(u.file, { force: true });
  }

  closeAll(): void {
    for (const id of [...this.uploads.keys()]) this.discard(id);
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  private get(id: string): Upload {
    const u = this.uploads.get(id);
    if (!u)
      throw new ExplorerError(
        'unknown-upload',
        'That upload does not exist (it finished, failed or the app restarted); send the file again.',
      );
    return u;
  }
}
