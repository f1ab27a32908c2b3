import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ExplorerError } from '../errors';
import type { Db } from './database';

/**
 * A model's unit vectors in a file of their own beside the store: `<store>-vectors/<name>`, raw
 * little-endian float32, row-major, rows × dims and nothing else (the store's models row holds
 * rows, dims and the name).
 *
 * Why not in the database: SQLite in WAL mode writes every new page twice, into the log during
 * the transaction and into the database at the checkpoint, and for a 2-million-word model that
 * is 2.4 GB twice, the larger part of an import's time. This file is written once, synced, and
 * only then named in the import's transaction, so the database still decides what exists: a
 * file no committed model names is an orphan of an import that failed or a crash, and is removed
 * (discard() at once, sweepOrphanFiles() at the next start). Reading rows straight into the
 * model's buffer also skips SQLite's page copies.
 */

/** The folder holding a store's vectors files; null for a store without a file (in memory). */
export function vectorsDir(db: Db): string | null {
  return db.memory ? null : `${db.name}-vectors`;
}

/** Where a models row's `vectors_file` lives. */
export function vectorsPath(db: Db, file: string): string {
  const dir = vectorsDir(db);
  if (!dir) throw new ExplorerError('internal', 'Internal error: a store in memory has no vectors files.');
  return path.join(dir, file);
}

/** Makes a directory entry durable (not possible, nor needed, where directories cannot be opened). */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows: a directory cannot be opened as a file, and its entries are durable with the file.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function ioError(what: string, file: string, e: unknown): ExplorerError {
  const code = (e as { code?: string }).code;
  if (code === 'ENOSPC') return new ExplorerError('disk-full', `The disk holding ${file} is full; nothing was saved.`);
  return new ExplorerError('db-error', `Cannot ${what} ${file}: ${(e as Error).message}`);
}

/** Writes one new vectors file from start to end. */
export class VectorsFileWriter {
  /** The file's name inside vectorsDir (what the models row stores). */
  readonly name: string;
  readonly path: string;
  private fd: number | undefined;

  /** Creates the file, named for the model id plus a random part, so no two writers ever share one. */
  constructor(db: Db, modelId: number) {
    const dir = vectorsDir(db)!;
    this.name = `model-${modelId}-${randomBytes(6).toString('hex')}.f32`;
    this.path = path.join(dir, this.name);
    try {
      fs.mkdirSync(dir, { recursive: true });
      this.fd = fs.openSync(this.path, 'wx');
    } catch (e) {
      throw ioError('create', this.path, e);
    }
  }

  /** Appends bytes. */
  write(bytes: Uint8Array): void {
    try {
      let at = 0;
      while (at < bytes.byteLength) at += fs.writeSync(this.fd!, bytes, at, bytes.byteLength - at);
    } catch (e) {
      throw ioError('write', this.path, e);
    }
  }

  /** Syncs and closes the file: after this a commit naming it may follow. */
  finish(): void {
    try {
      fs.fsyncSync(this.fd!);
      fs.closeSync(this.fd!);
      this.fd = undefined;
      syncDir(path.dirname(this.path));
    } catch (e) {
      throw ioError('save', this.path, e);
    }
  }

  /** Removes the file (the import did not commit). Never throws: the sweep catches what is left. */
  discard(): void {
    try {
      if (this.fd !== undefined) fs.closeSync(this.fd);
    } catch {
      // closing a descriptor of a file about to go: nothing to keep
    }
    this.fd = undefined;
    fs.rmSync(this.path, { force: true });
  }
}

/** Bytes read at a time: a few megabytes, so the buffer stays in the processor's cache. */
const BOUNCE_BYTES = 4 << 20;

/** Reads rows of one model's vectors file. Opened at first use, checked against the model's size. */
export class VectorsFileReader {
  private fd: number | undefined;
  private bounce?: Buffer;

  constructor(
    readonly path: string,
    /** Model name, for messages. */
    private readonly model: string,
    private readonly rowBytes: number,
    private readonly rows: number,
  ) {}

  private open(): number {
    if (this.fd !== undefined) return this.fd;
    let fd: number;
    try {
      fd = fs.openSync(this.path, 'r');
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') {
        throw new ExplorerError(
          'db-corrupt',
          `The vectors file of model "${this.model}" (${this.path}) is missing; delete and re-import the model.`,
        );
      }
      throw ioError('open', this.path, e);
    }
    const size = fs.fstatSync(fd).size;
    if (size !== this.rowBytes * this.rows) {
      fs.closeSync(fd);
      throw new ExplorerError(
        'db-corrupt',
        `The vectors file of model "${this.model}" (${this.path}) is damaged: ${size.toLocaleString('en-US')} bytes where ${(this.rowBytes * this.rows).toLocaleString('en-US')} were written; delete and re-import the model.`,
      );
    }
    return (this.fd = fd);
  }

  /**
   * Copies rows [first, first + count) into `target`, which is laid out like the file (row r at
   * r · rowBytes). The bytes go through a small reused buffer rather than straight into `target`:
   * a model's buffer is fresh memory, and the kernel faulting its pages in one by one inside
   * read() took 10–16 s for 2.4 GB here, against 6.3–6.6 s for reading into a warm buffer and
   * copying while another thread maps the pages (store/prefault.ts).
   */
  readInto(target: ArrayBufferView, first: number, count: number): void {
    const fd = this.open();
    const out = new Uint8Array(target.buffer, target.byteOffset + first * this.rowBytes, count * this.rowBytes);
    this.bounce ??= Buffer.allocUnsafe(BOUNCE_BYTES);
    const bounce = this.bounce;
    let at = 0;
    try {
      while (at < out.byteLength) {
        const got = fs.readSync(fd, bounce, 0, Math.min(bounce.byteLength, out.byteLength - at), first * this.rowBytes + at);
        if (got === 0) throw new Error('unexpected end of file');
        out.set(bounce.subarray(0, got), at);
        at += got;
      }
    } catch (e) {
      throw ioError('read', this.path, e);
    }
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    this.bounce = undefined;
  }
}

/** Removes a deleted model's file; one still open elsewhere (Windows) is left to the next sweep. */
export function removeVectorsFile(db: Db, file: string | null): void {
  if (!file) return;
  try {
    fs.rmSync(vectorsPath(db, file), { force: true });
  } catch {
    // in use by another process: sweepOrphanFiles removes it at a later start
  }
}

/**
 * Removes files no committed model names. Only done holding the write lock (taken without
 * waiting): every import holds it from before its file exists until its commit, so no file of an
 * import in progress is ever taken for an orphan. When another connection writes, the sweep
 * waits for a later start. Returns the number of files removed.
 */
export function sweepOrphanFiles(db: Db): number {
  const dir = vectorsDir(db);
  if (!dir || !fs.existsSync(dir)) return 0;
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  let removed = 0;
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch {
    db.pragma(`busy_timeout = ${timeout}`);
    return 0;
  }
  try {
    const named = new Set(db.prepare('SELECT vectors_file FROM models WHERE vectors_file IS NOT NULL').pluck().all() as string[]);
    for (const entry of fs.readdirSync(dir)) {
      if (named.has(entry) || !/^model-\d+-[0-9a-f]+\.f32$/.test(entry)) continue;
      try {
        fs.rmSync(path.join(dir, entry), { force: true });
        removed++;
      } catch {
        // still open somewhere (Windows): next time
      }
    }
  } finally {
    db.exec('COMMIT');
    db.pragma(`busy_timeout = ${timeout}`);
  }
  return removed;
}

/**
 * Copies a closed store (its database file and vectors files) to `dest`, which must not exist.
 * Both are needed: the database names the files by their place beside it.
 */
export function copyStore(src: string, dest: string): void {
  fs.copyFileSync(src, dest, fs.constants.COPYFILE_EXCL);
  const dir = `${src}-vectors`;
  if (fs.existsSync(dir)) fs.cpSync(dir, `${dest}-vectors`, { recursive: true, errorOnExist: true, force: false });
}
