import fs from 'node:fs';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { ExplorerError } from '../errors';

const CHUNK = 1 << 20;

/**
 * Gzip-bomb guard. Vector text compresses 2–5×, even all-zero rows well under 100×; a bomb
 * reaches 1,000×. Decompression stops once the output passes RATIO_FLOOR_BYTES and is more than
 * MAX_GZIP_RATIO times the compressed bytes read, and in any case at MAX_DECOMPRESSED_BYTES.
 */
export const MAX_GZIP_RATIO = 200;
const RATIO_FLOOR_BYTES = 16 << 20;
/** Largest decompressed input accepted (64 GiB: ten times the largest published models). */
export const MAX_DECOMPRESSED_BYTES = 64 * 1024 ** 3;

export interface ByteSourceLimits {
  /** Decompressed bytes at most; default MAX_DECOMPRESSED_BYTES. */
  maxBytes?: number;
  /** Decompressed ÷ compressed at most (gzip only); default MAX_GZIP_RATIO. */
  maxRatio?: number;
}

const mb = (n: number) => `${(n / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

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
export function openByteSource(file: string, label = file, limits: ByteSourceLimits = {}): ByteSource {
  const maxBytes = limits.maxBytes ?? MAX_DECOMPRESSED_BYTES;
  const maxRatio = limits.maxRatio ?? MAX_GZIP_RATIO;
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
  let gunzip: zlib.Gunzip | undefined;
  if (gzip) {
    gunzip = zlib.createGunzip({ chunkSize: CHUNK });
    stream = raw.pipe(gunzip);
    raw.on('error', (e) => stream.destroy(e));
  }
  return {
    file,
    gzip,
    size: stat.size,
    bytesRead: () => raw.bytesRead,
    async *chunks() {
      let out = 0;
      try {
        for await (const chunk of stream) {
          out += (chunk as Buffer).length;
          // Measured against the compressed bytes the decompressor has consumed, not read ahead.
          const consumed = gunzip ? gunzip.bytesWritten : 0;
          if (gunzip && out > RATIO_FLOOR_BYTES && out > maxRatio * consumed) {
            throw new ExplorerError(
              'bad-file',
              `${label}: the gzip data expands more than ${maxRatio} times (${mb(out)} from the first ${mb(consumed)}); refusing it as a decompression bomb, not a model.`,
              { file: label, where: `byte ${consumed}` },
            );
          }
          if (out > maxBytes) {
            throw new ExplorerError(
              'bad-file',
              `${label}: the ${gzip ? 'decompressed ' : ''}data is larger than ${mb(maxBytes)}, the most an import reads.`,
              { file: label },
            );
          }
          yield chunk as Buffer;
        }
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
