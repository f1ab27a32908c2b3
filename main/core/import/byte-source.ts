import fs from 'node:fs';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { ExplorerError } from '../errors';

const CHUNK = 1 << 20;

/** A file as a stream of (decompressed) chunks, with how far into the file on disk we are. */
export interface ByteSource {
  file: string;
  gzip: boolean;
  /** Size on disk, bytes. */
  size: number;
  /** Bytes of the file on disk consumed so far (for progress). */
  bytesRead(): number;
  chunks(): AsyncGenerator<Buffer>;
  close(): void;
}

function isGzip(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const magic = Buffer.alloc(2);
    return fs.readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    fs.closeSync(fd);
  }
}

/** Opens `file`, recognising gzip by its magic bytes rather than its name. */
export function openByteSource(file: string, label = file): ByteSource {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new ExplorerError(
      'file-unreadable',
      `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`,
    );
  }
  if (!stat.isFile()) throw new ExplorerError('file-unreadable', `Cannot read ${file}: it is not a file.`);
  if (stat.size === 0) throw new ExplorerError('bad-file', `${label}, line 1: the file is empty.`, { file: label, where: 'line 1' });
  const gzip = isGzip(file);
  const raw = fs.createReadStream(file, { highWaterMark: CHUNK });
  let stream: Readable = raw;
  if (gzip) {
    stream = raw.pipe(zlib.createGunzip({ chunkSize: CHUNK }));
    raw.on('error', (e) => stream.destroy(e));
  }
  return {
    file,
    gzip,
    size: stat.size,
    bytesRead: () => raw.bytesRead,
    async *chunks() {
      try {
        for await (const chunk of stream) yield chunk as Buffer;
      } catch (e) {
        if (e instanceof ExplorerError) throw e;
        const code = (e as NodeJS.ErrnoException).code ?? '';
        if (gzip && (code.startsWith('Z_') || /unexpected end|incorrect header|invalid/i.test((e as Error).message))) {
          throw new ExplorerError(
            'bad-file',
            `${label}, byte ${raw.bytesRead}: the gzip data is damaged or truncated (${(e as Error).message}).`,
            { file: label },
          );
        }
        throw new ExplorerError('file-unreadable', `Cannot read ${label}: ${(e as Error).message}.`);
      }
    },
    close() {
      stream.destroy();
      raw.destroy();
    },
  };
}
