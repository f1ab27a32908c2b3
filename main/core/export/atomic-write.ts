import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ExplorerError } from '../errors';
import { type Chunks, timeSliced } from './chunks';

/** One file of an export: where it goes and its content, produced piece by piece. */
export interface PendingFile {
  path: string;
  content: Chunks;
}

export interface WrittenFile {
  path: string;
  /** Size in bytes. */
  bytes: number;
}

/** Buffered bytes before a write; large enough for few syscalls, small enough to stay cheap. */
const FLUSH_BYTES = 1 << 16;

/** Turns an fs failure into a message that names the path and says what to do. */
export function describeWriteError(e: unknown, target: string): ExplorerError {
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  const why: Record<string, string> = {
    EACCES: 'permission denied (the folder is not writable)',
    EPERM: 'permission denied (the folder is not writable)',
    EROFS: 'the folder is on a read-only file system',
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is exhausted',
    EISDIR: 'it is a folder; give a file name inside it',
    ENOENT: 'the folder does not exist',
    ENOTDIR: 'a part of the path is a file, not a folder',
    ENAMETOOLONG: 'the file name is too long',
  };
  const reason = why[code] ?? (e instanceof Error ? e.message : String(e));
  return new ExplorerError('export-write-failed', `Cannot write ${target}: ${reason}. Nothing was written.`, { path: target, cause: code });
}

function checkTarget(target: string): void {
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(target);
  } catch {
    // Not there yet: the normal case.
  }
  if (st?.isDirectory()) throw describeWriteError(Object.assign(new Error('is a directory'), { code: 'EISDIR' }), target);
}

function tempNameFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.part`);
}

/** Writes all of `buf`: a write may be short (e.g. the disk fills up); the next one then fails. */
async function writeAll(fh: fs.promises.FileHandle, buf: Uint8Array): Promise<void> {
  let off = 0;
  while (off < buf.byteLength) {
    const { bytesWritten } = await fh.write(buf, off, buf.byteLength - off);
    if (bytesWritten <= 0) throw Object.assign(new Error('no bytes written'), { code: 'ENOSPC' });
    off += bytesWritten;
  }
}

async function writeTemp(temp: string, content: Chunks): Promise<number> {
  const fh = await fs.promises.open(temp, 'wx', 0o666);
  let bytes = 0;
  try {
    let pending: string[] = [];
    let pendingLength = 0;
    const flush = async () => {
      if (pendingLength === 0) return;
      const buf = Buffer.from(pending.join(''), 'utf8');
      pending = [];
      pendingLength = 0;
      await writeAll(fh, buf);
      bytes += buf.byteLength;
    };
    for await (const chunk of timeSliced(content)) {
      if (typeof chunk === 'string') {
        pending.push(chunk);
        pendingLength += chunk.length;
      } else {
        await flush();
        await writeAll(fh, chunk);
        bytes += chunk.byteLength;
      }
      if (pendingLength >= FLUSH_BYTES) await flush();
    }
    await flush();
    await fh.sync();
  } finally {
    await fh.close();
  }
  return bytes;
}

/**
 * Writes one or more files so that each either appears complete or not at all: every file goes
 * to a temporary file in its own folder first, and only when all of them are written are they
 * renamed into place. Any failure (read-only folder, full disk, a folder in the way) removes
 * the temporary files and throws an ExplorerError naming the path.
 */
export async function writeFilesAtomic(files: PendingFile[]): Promise<WrittenFile[]> {
  const temps: string[] = [];
  const written: WrittenFile[] = [];
  let current = '';
  try {
    for (const f of files) {
      current = path.resolve(f.path);
      checkTarget(current);
      const temp = tempNameFor(current);
      temps.push(temp);
      written.push({ path: current, bytes: await writeTemp(temp, f.content) });
    }
    for (let i = 0; i < written.length; i++) {
      current = written[i].path;
      checkTarget(current);
      await fs.promises.rename(temps[i], current);
      temps[i] = '';
    }
    return written;
  } catch (e) {
    await Promise.all(temps.filter(Boolean).map((t) => fs.promises.rm(t, { force: true }).catch(() => undefined)));
    if (e instanceof ExplorerError) throw e;
    throw describeWriteError(e, current);
  }
}

/** Writes one file atomically (see writeFilesAtomic). */
export async function writeFileAtomic(target: string, content: Chunks): Promise<WrittenFile> {
  const [w] = await writeFilesAtomic([{ path: target, content }]);
  return w;
}
