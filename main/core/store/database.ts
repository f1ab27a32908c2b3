import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ExplorerError } from '../errors';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { sweepOrphanFiles } from './vectors-file';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the running runtime (Electron passes its own). */
  nativeBinding?: string;
  /** Milliseconds to wait for another connection's write lock. Default 15000. */
  busyTimeoutMs?: number;
}

export interface OpenedDb {
  db: Db;
  path: string;
  readOnly: boolean;
}

function isWritable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Explains SQLite failures in words a user can act on. */
export function describeSqliteError(e: unknown, file: string): ExplorerError {
  const code = (e as { code?: string }).code ?? '';
  const msg = e instanceof Error ? e.message : String(e);
  if (code === 'SQLITE_NOTADB' || /not a database/i.test(msg)) {
    return new ExplorerError(
      'db-corrupt',
      `Cannot open ${file}: it is not a valid Embedding Explorer database (${msg}). Move it aside or choose another file with --db.`,
    );
  }
  if (code === 'SQLITE_CORRUPT' || /malformed/i.test(msg)) {
    return new ExplorerError(
      'db-corrupt',
      `The database ${file} is damaged (${msg}). Move it aside or choose another file with --db; the app will create a fresh one.`,
    );
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new ExplorerError(
      'db-busy',
      `The database ${file} is busy: another Embedding Explorer is writing to it. Try again when it has finished.`,
    );
  }
  if (code === 'SQLITE_READONLY' || /readonly/i.test(msg)) {
    return new ExplorerError(
      'db-readonly',
      `The database ${file} is read-only, so nothing can be saved to it. Make it writable or choose another file with --db.`,
    );
  }
  if (code === 'SQLITE_CANTOPEN') {
    return new ExplorerError('db-cantopen', `Cannot open the database ${file} (${msg}). Check that the folder exists and is writable.`);
  }
  if (code === 'SQLITE_FULL') {
    return new ExplorerError('disk-full', `The disk holding ${file} is full; nothing was saved.`);
  }
  return new ExplorerError('db-error', `Database error in ${file}: ${msg}`);
}

/**
 * Opens (creating if needed) the store and migrates it forward. A file that is not writable is
 * opened read-only, so existing models can still be explored.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): OpenedDb {
  const abs = path.resolve(file);
  if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) {
    throw new ExplorerError('db-cantopen', `Cannot open the database ${abs}: it is a folder, not a file.`);
  }
  const exists = fs.existsSync(abs);
  if (!exists) {
    try {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
    } catch (e) {
      throw new ExplorerError('db-cantopen', `Cannot create the folder for ${abs}: ${(e as Error).message}`);
    }
  }
  const readOnly = exists && !isWritable(abs);
  let db: Db;
  try {
    db = new Database(abs, {
      readonly: readOnly,
      fileMustExist: readOnly,
      timeout: opts.busyTimeoutMs ?? 15000,
      nativeBinding: opts.nativeBinding,
    });
  } catch (e) {
    throw describeSqliteError(e, abs);
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new ExplorerError(
        'db-newer',
        `The database ${abs} was written by a newer Embedding Explorer (schema ${version}, this app knows ${SCHEMA_VERSION}). Update the app or choose another file with --db.`,
      );
    }
    if (!readOnly) {
      // Vectors live in multi-megabyte BLOBs; large pages make reading them a few thousand page
      // fetches instead of tens of thousands. Only possible before the first table exists.
      if (version === 0 && db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() === 0) db.pragma('page_size = 65536');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    // No memory-mapped reads: mapped pages of the file count in the process's memory beside the
    // vectors copied out of them (a loaded model would weigh twice its size), and with 64 KiB
    // pages plain reads cost no more.
    db.pragma('mmap_size = 0');
    if (version < SCHEMA_VERSION) {
      if (readOnly) {
        throw new ExplorerError(
          'db-readonly',
          `The database ${abs} is read-only and needs an upgrade (schema ${version} → ${SCHEMA_VERSION}). Make it writable or choose another file with --db.`,
        );
      }
      migrate(db, version);
    }
    if (!readOnly) sweepOrphanFiles(db);
  } catch (e) {
    db.close();
    if (e instanceof ExplorerError) throw e;
    throw describeSqliteError(e, abs);
  }
  return { db, path: abs, readOnly };
}

function migrate(db: Db, from: number): void {
  // One transaction for all steps: a crash mid-upgrade leaves the old schema intact.
  db.transaction(() => {
    for (let v = from; v < SCHEMA_VERSION; v++) MIGRATIONS[v](db);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
