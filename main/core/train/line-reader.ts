import fs from 'node:fs';
import zlib from 'node:zlib';
import { ExplorerError } from '../errors';
import type { CorpusFile } from './corpus-files';

/** Longest line kept whole; past it a line is cut at a space, so one huge line cannot fill memory. */
export const MAX_LINE_CHARS = 1 << 20;
const CHUNK = 1 << 20;
/** Bytes looked at to tell text from binary. */
const SNIFF = 8192;

export interface LineStats {
  lines: number;
  /** Lines holding bytes that are not UTF-8 (read with U+FFFD in their place). */
  badLines: number;
  /** First such line number, for the warning. */
  firstBadLine: number;
}

function notText(file: CorpusFile, why: string): ExplorerError {
  return new ExplorerError('bad-file', `${file.name} is not a text file (${why}); give .txt or .md files, or .gz of them.`, {
    file: file.name,
  });
}

/** Refuses content that is not text: NUL bytes, or mostly invalid UTF-8, in its first 8 KiB. */
function sniff(file: CorpusFile, head: Buffer): void {
  if (head.includes(0)) throw notText(file, 'it holds NUL bytes');
  // Cut a possibly split last character before counting invalid sequences.
  const text = new TextDecoder('utf-8').decode(head.subarray(0, Math.max(0, head.length - 4)));
  let bad = 0;
  for (const ch of text) if (ch === '\uFFFD') bad++;
  if (bad > 0 && bad * 50 > text.length) throw notText(file, 'it is not UTF-8 text');
}

/**
 * Streams the lines of one corpus file (gzip detected by its magic bytes, so a .gz, a .dz or a
 * compressed file without the extension all work), calling onLine for each. Progress is the
 * bytes read from disk. Never holds more than a chunk and one line.
 */
export async function forEachLine(
  file: CorpusFile,
  onLine: (line: string) => void,
  onBytes: (bytesFromDisk: number) => void,
  cancelled: () => boolean,
): Promise<LineStats> {
  const fd = await fs.promises.open(file.file, 'r');
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await fd.read(magic, 0, 2, 0);
    const gz = bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
    const raw = fd.createReadStream({ start: 0, highWaterMark: CHUNK, autoClose: false });
    raw.on('data', (b) => onBytes((b as Buffer).length));
    const stream = gz ? raw.pipe(zlib.createGunzip({ chunkSize: CHUNK })) : raw;
    if (gz) raw.on('error', (e) => stream.destroy(e));
    const decoder = new TextDecoder('utf-8');
    const stats: LineStats = { lines: 0, badLines: 0, firstBadLine: 0 };
    let carry = '';
    let sniffed = false;
    let head: Buffer = Buffer.alloc(0);
    const emit = (line: string) => {
      stats.lines++;
      if (line.includes('\uFFFD')) {
        stats.badLines++;
        if (stats.firstBadLine === 0) stats.firstBadLine = stats.lines;
      }
      onLine(line);
    };
    const take = (text: string) => {
      let s = carry + text;
      let start = 0;
      for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', start)) {
        emit(s.charCodeAt(nl - 1) === 13 ? s.slice(start, nl - 1) : s.slice(start, nl));
        start = nl + 1;
      }
      s = s.slice(start);
      while (s.length > MAX_LINE_CHARS) {
        const cut = s.lastIndexOf(' ', MAX_LINE_CHARS);
        const at = cut > 0 ? cut : MAX_LINE_CHARS;
        emit(s.slice(0, at));
        s = s.slice(at + 1);
      }
      carry = s;
    };
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (cancelled()) break;
        if (!sniffed) {
          head = head.length ? Buffer.concat([head, chunk]) : chunk;
          if (head.length < SNIFF) continue;
          sniff(file, head.subarray(0, SNIFF));
          sniffed = true;
          take(decoder.decode(head, { stream: true }));
          continue;
        }
        take(decoder.decode(chunk, { stream: true }));
      }
    } catch (e) {
      if (e instanceof ExplorerError) throw e;
      const code = (e as { code?: string }).code ?? '';
      if (code.startsWith('Z_')) throw notText(file, `its gzip data is damaged: ${(e as Error).message}`);
      throw new ExplorerError('read-failed', `Could not read ${file.name}: ${(e as Error).message}`);
    }
    if (!sniffed) {
      sniff(file, head);
      take(decoder.decode(head, { stream: true }));
    }
    take(decoder.decode());
    if (carry.length) emit(carry);
    return stats;
  } finally {
    await fd.close();
  }
}
