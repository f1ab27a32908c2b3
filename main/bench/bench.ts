/**
 * npm run bench: figures, not tests. Each figure that has a reference implementation is printed
 * with the reference's own time on this machine in this run, and the ratio between them.
 *   node out/main/bench.js [--json] [--only core,projection,import,export,scene,geometry,clusters,train,startup,large]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import { ExplorerService } from '../core/service';
import { benchClusters } from './clusters';
import { benchChild, benchCore } from './core';
import { benchExport } from './export';
import { benchImport } from './import';
import { benchLarge } from './large';
import { benchProjection } from './projection';
import { benchScene } from './scene';
import { benchGeometry } from './geometry';
import { benchStartup } from './startup';
import { benchTrain } from './train';
import { targetsOf } from './targets';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, here.endsWith(`${path.sep}chunks`) ? '../../..' : '../..');

/** Every section after `core` reuses one store with the default model, imported once. */
type Section = (root: string, dbPath: string) => Promise<Record<string, unknown>>;
const SECTIONS: Record<string, Section> = {
  core: (r, db) => benchCore(r, 200, db),
  import: async (r, db) => ({ ...(await benchImport({ root: r, dbPath: db })) }),
  projection: (r, db) => benchProjection({ root: r, dbPath: db }),
  export: (r, db) => benchExport(r, { dbPath: db }),
  scene: async (r, db) => ({ ...(await benchScene(r, { dbPath: db })) }),
  geometry: (r, db) => benchGeometry(r, db),
  clusters: (_r, db) => benchClusters({ dbPath: db }),
  // Its own store and corpus: word2vec against gensim.
  train: (r) => benchTrain(r),
  // Its own stores: launch to an interactive map, first run and warm.
  startup: (r) => benchStartup(r),
  // Last: it writes and imports several gigabytes (EMBEDDING_EXPLORER_LARGE sets its size).
  large: (r) => benchLarge(r),
};

/** Sections after `core` expect the default model in the shared store (run alone, they import it). */
async function ensureDefaultModel(dbPath: string): Promise<void> {
  const service = ExplorerService.open({ dbPath });
  try {
    await service.ensureDefaultModel();
  } finally {
    service.close();
  }
}

function printSection(name: string, figures: Record<string, unknown>): void {
  process.stdout.write(`\n${name}\n`);
  const { targets, ...rest } = figures;
  for (const [key, value] of Object.entries(rest)) {
    const shown = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
    process.stdout.write(`  ${key.padEnd(34)} ${shown}\n`);
  }
  if (targets && typeof targets === 'object') {
    process.stdout.write(`  targets\n`);
    for (const [key, value] of Object.entries(targets)) process.stdout.write(`    ${key.padEnd(32)} ${String(value)}\n`);
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return benchChild(argv[1], argv[2], argv[3]);
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, only: { type: 'string' } } });
  const names = values.only ? values.only.split(',') : Object.keys(SECTIONS);
  const result: Record<string, unknown> = { machine: { cpus: os.cpus().length, node: process.version } };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-bench-'));
  const dbPath = path.join(tmp, 'bench.db');
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  for (const name of names) {
    const section = SECTIONS[name];
    if (!section) throw new Error(`unknown bench section "${name}" (have: ${Object.keys(SECTIONS).join(', ')})`);
    if (!values.json) process.stderr.write(`bench: ${name}…\n`);
    try {
      if (!['core', 'large', 'startup', 'train'].includes(name)) await ensureDefaultModel(dbPath);
      const figures = await section(root, dbPath);
      result[name] = { ...figures, targets: targetsOf(name, figures) };
    } catch (e) {
      result[name] = { error: (e as Error).message };
    }
    if (!values.json) printSection(name, result[name] as Record<string, unknown>);
  }
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await main();
