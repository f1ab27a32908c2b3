/**
 * Import benchmark: writes the default model out as a GloVe text file (no header), imports it
 * with the CLI in a child process (so its peak RSS is its own), compares with gensim's
 * KeyedVectors.load_word2vec_format(..., no_header=True) on the same file, and measures the
 * throughput of a gzip-compressed copy. Returns figures; printing is the caller's business.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { DEFAULT_MODEL } from '../../common/contract/contract';
import { ExplorerService } from '../core/service';
import { readModel } from '../core/store/vector-blocks';
import { baselineScript } from './baseline';
import { timedImport } from './child-import';

export interface ImportBenchOptions {
  /** A store holding the default model; default: a fresh one (imports it first). */
  dbPath?: string;
  /** Project root (for bin/embedding-explorer.mjs and the baseline). Default: the working directory. */
  root?: string;
  /** Python with gensim. Default /usr/bin/python3. */
  python?: string;
  /** Baseline script. Default: ../shared/baselines/baseline.py beside the project (see baseline.ts). */
  baseline?: string;
  /** Keep the temporary folder (for inspection). Default false. */
  keep?: boolean;
}

export interface ImportBenchResult {
  words: number;
  dims: number;
  fileMB: number;
  oursSeconds: number;
  oursPeakRssMB: number;
  /** Rows per second of our text import. */
  oursRowsPerSecond: number;
  gensimSeconds: number | null;
  /** ours / gensim; the target is below 0.5. */
  ratioToGensim: number | null;
  gensimNote?: string;
  gzipMB: number;
  gzipSeconds: number;
  /** Compressed megabytes read per second. */
  gzipMBps: number;
  /** Uncompressed text megabytes per second through the gzip path. */
  gzipTextMBps: number;
  gzipPeakRssMB: number;
}

/** Writes `model` as "word v1 … vd" lines with the original (un-normalised) values. */
function writeGlove(file: string, words: string[], norms: Float32Array, vectors: Float32Array, dims: number): void {
  const fd = fs.openSync(file, 'w');
  try {
    let buf: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const parts = new Array<string>(dims + 1);
      parts[0] = words[i];
      const base = i * dims;
      for (let j = 0; j < dims; j++) parts[j + 1] = Number((vectors[base + j] * norms[i]).toFixed(6)).toString();
      buf.push(parts.join(' '));
      if (buf.length === 4096) {
        fs.writeSync(fd, `${buf.join('\n')}\n`);
        buf = [];
      }
    }
    if (buf.length) fs.writeSync(fd, `${buf.join('\n')}\n`);
  } finally {
    fs.closeSync(fd);
  }
}

export async function benchImport(opts: ImportBenchOptions = {}): Promise<ImportBenchResult> {
  const root = opts.root ?? process.cwd();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-bench-import-'));
  try {
    let dbPath = opts.dbPath;
    if (!dbPath) {
      dbPath = path.join(dir, 'source.db');
      const s = ExplorerService.open({ dbPath });
      await s.ensureDefaultModel();
      s.close();
    }
    const service = ExplorerService.open({ dbPath });
    const stored = readModel(service.db, DEFAULT_MODEL);
    service.close();
    const dims = stored.row.dims;
    const text = path.join(dir, 'glove.6B.100d.txt');
    writeGlove(text, stored.words, stored.norms, stored.vectors, dims);
    const fileMB = fs.statSync(text).size / 1e6;

    const ours = timedImport(root, dir, text, path.join(dir, 'ours.db'));

    let gensimSeconds: number | null = null;
    let gensimNote: string | undefined;
    const python = opts.python ?? '/usr/bin/python3';
    const baseline = opts.baseline ?? baselineScript(root) ?? '';
    if (!fs.existsSync(python)) gensimNote = `skipped: ${python} is missing`;
    else if (!baseline || !fs.existsSync(baseline))
      gensimNote = `skipped: the gensim baseline script ${baseline || '(baseline.py)'} was not found`;
    else {
      const g = spawnSync(python, [baseline, 'load-text', text, '--no-header'], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 24 });
      if (g.status === 0) gensimSeconds = (JSON.parse(g.stdout.trim().split('\n').pop()!) as { seconds: number }).seconds;
      else gensimNote = `skipped: gensim baseline failed (${g.stderr.trim().split('\n').pop()})`;
    }

    const gz = `${text}.gz`;
    await pipeline(fs.createReadStream(text), zlib.createGzip({ level: 6 }), fs.createWriteStream(gz));
    const gzipMB = fs.statSync(gz).size / 1e6;
    const viaGzip = timedImport(root, dir, gz, path.join(dir, 'gzip.db'));

    return {
      words: ours.words,
      dims,
      fileMB,
      oursSeconds: ours.seconds,
      oursPeakRssMB: ours.rssMB,
      oursRowsPerSecond: ours.words / ours.seconds,
      gensimSeconds,
      ratioToGensim: gensimSeconds ? ours.seconds / gensimSeconds : null,
      gensimNote,
      gzipMB,
      gzipSeconds: viaGzip.seconds,
      gzipMBps: gzipMB / viaGzip.seconds,
      gzipTextMBps: fileMB / viaGzip.seconds,
      gzipPeakRssMB: viaGzip.rssMB,
    };
  } finally {
    if (!opts.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}
