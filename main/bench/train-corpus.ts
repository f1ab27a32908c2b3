/**
 * The bench's training corpus: the GNU Collaborative International Dictionary of English
 * (Debian package dict-gcide, ~5.7 million words of English definitions and quotations). It is
 * tokenised once with the app's own tokeniser into one sentence per line, so both trainers read
 * the very same words (gensim's LineSentence splits on spaces).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { createTokenizer } from '../core/train/tokenize';

export const GCIDE_FILE = '/usr/share/dictd/gcide.dict.dz';
export const CORPUS_NAME = 'GCIDE 0.48 (Debian dict-gcide), tokenised, lower-cased';

export interface BenchCorpus {
  file: string;
  name: string;
  tokens: number;
  sentences: number;
}

/** Installs dict-gcide when running as root; otherwise says how. Returns a note when unavailable. */
function ensureGcide(): string | null {
  if (fs.existsSync(GCIDE_FILE)) return null;
  if (process.getuid?.() !== 0) return 'dict-gcide is not installed: run "sudo apt-get install dict-gcide" and bench again';
  process.stderr.write('bench: installing dict-gcide (the training corpus)…\n');
  let r = spawnSync('apt-get', ['install', '-y', 'dict-gcide'], { stdio: 'ignore' });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'ignore' });
    r = spawnSync('apt-get', ['install', '-y', 'dict-gcide'], { stdio: 'ignore' });
  }
  return fs.existsSync(GCIDE_FILE) ? null : 'dict-gcide could not be installed (apt-get failed)';
}

/** The tokenised corpus file, made once and kept in the temporary folder. */
export async function benchCorpus(): Promise<BenchCorpus | { note: string }> {
  const missing = ensureGcide();
  if (missing) return { note: missing };
  const dir = path.join(os.tmpdir(), 'embedding-explorer-bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'gcide-words.txt');
  const meta = `${file}.json`;
  if (fs.existsSync(meta) && fs.existsSync(file)) return JSON.parse(fs.readFileSync(meta, 'utf8')) as BenchCorpus;
  const tokenize = createTokenizer({ lowercase: true });
  const out = fs.createWriteStream(`${file}.part`);
  const lines = readline.createInterface({ input: fs.createReadStream(GCIDE_FILE).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  let tokens = 0;
  let sentences = 0;
  const words: string[] = [];
  for await (const line of lines) {
    words.length = 0;
    tokenize(line, words);
    if (words.length === 0) continue;
    tokens += words.length;
    sentences++;
    if (!out.write(`${words.join(' ')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  fs.renameSync(`${file}.part`, file);
  const corpus: BenchCorpus = { file, name: CORPUS_NAME, tokens, sentences };
  fs.writeFileSync(meta, JSON.stringify(corpus));
  return corpus;
}
