import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_UPLOAD_BYTES, MAX_UPLOADS, UPLOAD_IDLE_MS } from '../../../common/contract/contract';
import { ExplorerError } from '../errors';

interface Upload {
  file: string;
  fileName: string;
  size: number;
  received: number;
  /** Last begin or chunk, ms since the epoch. */
  touched: number;
}

/** An upload handed over for import: the caller owns its file and must `dispose()` it. */
export interface TakenUpload {
  file: string;
  fileName: string;
  dispose(): void;
}

export interface UploadLimits {
  /** Largest upload, bytes. Default MAX_UPLOAD_BYTES. */
  maxBytes?: number;
  /** Uploads open at once. Default MAX_UPLOADS. */
  maxUploads?: number;
  /** An upload without a chunk for this long is dropped, ms. Default UPLOAD_IDLE_MS. */
  idleMs?: number;
  /** Parent of the uploads folder. Default the system temp folder. */
  root?: string;
  now?: () => number;
}

const PREFIX = 'embedding-explorer-upload-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes upload folders left behind by processes that died before cleaning up (a crash, a
 * kill). A folder's name carries its owner's pid; folders of running processes are left alone.
 */
export function removeLeftoverUploads(root = os.tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(PREFIX.length))?.[1]);
    // Folders of older versions carry no pid: nothing can still be writing to them after a day.
    if (Number.isInteger(pid) ? alive(pid) : Date.now() - fs.statSync(path.join(root, name)).mtimeMs < 86_400_000) continue;
    fs.rmSync(path.join(root, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * Files the renderer sends in chunks (browser mode has no file paths): each goes to a private
 * temporary folder, keeping the user's file name so format detection and the model name work.
 * Bounded: a size cap, a cap on uploads open at once, and idle uploads are dropped. An upload is
 * taken once (`take`); the importer deletes it afterwards, and the service deletes all on close.
 */
export class UploadStore {
  private readonly uploads = new Map<string, Upload>();
  private dir?: string;
  private readonly maxBytes: number;
  private readonly maxUploads: number;
  private readonly idleMs: number;
  private readonly root: string;
  private readonly now: () => number;
  private sweeper?: NodeJS.Timeout;

  constructor(limits: UploadLimits = {}) {
    this.maxBytes = limits.maxBytes ?? MAX_UPLOAD_BYTES;
    this.maxUploads = limits.maxUploads ?? MAX_UPLOADS;
    this.idleMs = limits.idleMs ?? UPLOAD_IDLE_MS;
    this.root = limits.root ?? os.tmpdir();
    this.now = limits.now ?? Date.now;
    removeLeftoverUploads(this.root);
  }

  /** Uploads open now (begun, not yet taken, discarded or expired). */
  get count(): number {
    return this.uploads.size;
  }

  begin(fileName: string, size: number): string {
    this.expireIdle();
    const shown = path.basename(fileName);
    if (size > this.maxBytes) {
      throw new ExplorerError(
        'too-large',
        `${shown} is ${size.toLocaleString('en-US')} bytes; an upload may be at most ${this.maxBytes.toLocaleString('en-US')} bytes. Import it with the command line instead ("embedding-explorer import FILE").`,
      );
    }
    if (this.uploads.size >= this.maxUploads) {
      throw new ExplorerError(
        'too-many-uploads',
        `${this.uploads.size} uploads are already in progress (at most ${this.maxUploads}); finish or wait for them first.`,
      );
    }
    this.dir ??= fs.mkdtempSync(path.join(this.root, `${PREFIX}${process.pid}-`));
    this.sweeper ??= setInterval(() => this.expireIdle(), Math.max(1000, this.idleMs / 4)).unref();
    const id = randomBytes(16).toString('hex');
    const safe =
      shown
        .replace(/[^\w.-]+/g, '_')
        .replace(/^\.+/, '')
        .slice(-120) || 'upload';
    const file = path.join(this.dir, `${id}-${safe}`);
    fs.writeFileSync(file, new Uint8Array(0), { mode: 0o600 });
    this.uploads.set(id, { file, fileName: shown, size, received: 0, touched: this.now() });
    return id;
  }

  append(id: string, data: Uint8Array): number {
    this.expireIdle();
    const u = this.get(id);
    if (u.received + data.byteLength > u.size) {
      this.discard(id);
      throw new ExplorerError('bad-upload', `The upload of ${u.fileName} sent more than the announced ${u.size} bytes; start again.`);
    }
    try {
      fs.appendFileSync(u.file, data);
    } catch (e) {
      this.discard(id);
      throw new ExplorerError('bad-upload', `The upload of ${u.fileName} could not be stored (${(e as Error).message}); start again.`);
    }
    u.received += data.byteLength;
    u.touched = this.now();
    return u.received;
  }

  /**
   * Hands over a complete upload, once: it leaves the store, so a second import of the same id
   * fails. An incomplete upload is discarded (the import that wanted it cannot run).
   */
  take(id: string): TakenUpload {
    this.expireIdle();
    const u = this.get(id);
    this.uploads.delete(id);
    if (u.received !== u.size) {
      fs.rmSync(u.file, { force: true });
      throw new ExplorerError('bad-upload', `The upload of ${u.fileName} is incomplete (${u.received} of ${u.size} bytes).`);
    }
    return { file: u.file, fileName: u.fileName, dispose: () => fs.rmSync(u.file, { force: true }) };
  }

  discard(id: string): void {
    const u = this.uploads.get(id);
    if (!u) return;
    this.uploads.delete(id);
    fs.rmSync(u.file, { force: true });
  }

  /** Drops uploads that have been idle too long; returns how many. */
  expireIdle(): number {
    const limit = this.now() - this.idleMs;
    let n = 0;
    for (const [id, u] of this.uploads) {
      if (u.touched < limit) {
        this.discard(id);
        n++;
      }
    }
    return n;
  }

  closeAll(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    for (const id of [...this.uploads.keys()]) this.discard(id);
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  private get(id: string): Upload {
    const u = this.uploads.get(id);
    if (!u)
      throw new ExplorerError(
        'unknown-upload',
        'That upload does not exist (it was already imported, failed, sat idle too long, or the app restarted); send the file again.',
      );
    return u;
  }
}
