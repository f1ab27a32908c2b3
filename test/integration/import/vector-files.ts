/** Writers for vector files with known values, and a snapshot of what a database holds. */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Db } from '../../../main/core/store/database';

export interface Fixture {
  words: string[];
  dims: number;
  /** Float32-exact values, row-major. */
  values: Float32Array;
}

/** Deterministic values, rounded to float32 so text and binary files hold the same numbers. */
export function fixture(words: string[], dims: number, seed = 7): Fixture {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const values = new Float32Array(words.length * dims);
  for (let i = 0; i < values.length; i++) values[i] = (rnd() - 0.5) * (i % 7 === 0 ? 40 : 2);
  return { words, dims, values };
}

/** A float32 printed so that parsing it back gives the same float32. */
export const f32text = (x: number) => String(Number(x.toPrecision(9)));

function rowText(f: Fixture, i: number, sep = ' '): string {
  const parts: string[] = [];
  for (let j = 0; j < f.dims; j++) parts.push(f32text(f.values[i * f.dims + j]));
  return parts.join(sep);
}

export function gloveText(f: Fixture, eol = '\n'): string {
  return f.words.map((w, i) => `${w} ${rowText(f, i)}${eol}`).join('');
}

export function word2vecText(f: Fixture, trailingSpace = false): string {
  return `${f.words.length} ${f.dims}\n${f.words.map((w, i) => `${w} ${rowText(f, i)}${trailingSpace ? ' ' : ''}\n`).join('')}`;
}

export function word2vecBinary(f: Fixture): Buffer {
  const parts: Buffer[] = [Buffer.from(`${f.words.length} ${f.dims}\n`)];
  f.words.forEach((w, i) => {
    const v = Buffer.alloc(f.dims * 4);
    for (let j = 0; j < f.dims; j++) v.writeFloatLE(f.values[i * f.dims + j], j * 4);
    parts.push(Buffer.from(`${w} `), v, Buffer.from('\n'));
  });
  return Buffer.concat(parts);
}

export function projectorVectors(f: Fixture): string {
  return f.words.map((_, i) => `${rowText(f, i, '\t')}\n`).join('');
}

export function projectorMetadata(f: Fixture, withLabels = false): string {
  if (!withLabels) return f.words.map((w) => `${w}\n`).join('');
  return `word\tlabel\n${f.words.map((w, i) => `${w}\tgroup${i % 2}\n`).join('')}`;
}

export function write(dir: string, name: string, content: string | Buffer, gzip = false): string {
  const file = path.join(dir, name);
  const data = typeof content === 'string' ? Buffer.from(content) : content;
  fs.writeFileSync(file, gzip ? zlib.gzipSync(data) : data);
  return file;
}

/** Everything that would show a half-written import: models and the row count of every table. */
export function snapshot(db: Db): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  const counts = tables.map((t) => `${t}=${db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number}`);
  const models = db.prepare('SELECT name, dims, word_count, format FROM models ORDER BY id').all();
  return JSON.stringify({ counts, models });
}
