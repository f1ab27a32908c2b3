/**
 * npm run bench: figures, not tests. Each figure that has a reference implementation is printed
 * with the reference's own time on this machine in this run, and the ratio between them.
 *   node out/main/bench.js [--json] [--only core,projection,import,export,scene]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchChild, benchCore } from './core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, here.endsWith(`${path.sep}chunks`) ? '../../..' : '../..');

type Section = (root: string) => Promise<Record<string, unknown>>;
const SECTIONS: Record<string, Section> = {
  core: (r) => benchCore(r),
};

function printSection(name: string, figures: Record<string, unknown>): void {
  process.stdout.write(`\n${name}\n`);
  for (const [key, value] of Object.entries(figures)) {
    const shown = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
    process.stdout.write(`  ${key.padEnd(34)} ${shown}\n`);
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return benchChild(argv[1], argv[2]);
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, only: { type: 'string' } } });
  const names = values.only ? values.only.split(',') : Object.keys(SECTIONS);
  const result: Record<string, unknown> = { machine: { cpus: (await import('node:os')).cpus().length, node: process.version } };
  for (const name of names) {
    const section = SECTIONS[name];
    if (!section) throw new Error(`unknown bench section "${name}" (have: ${Object.keys(SECTIONS).join(', ')})`);
    if (!values.json) process.stderr.write(`bench: ${name}…\n`);
    try {
      result[name] = await section(root);
    } catch (e) {
      result[name] = { error: (e as Error).message };
    }
    if (!values.json) printSection(name, result[name] as Record<string, unknown>);
  }
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await main();
