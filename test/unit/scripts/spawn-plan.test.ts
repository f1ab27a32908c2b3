import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { quoteForCmd, run, spawnPlan } from '../../../scripts/lib.mjs';

const cleanup: string[] = [];
afterAll(() => cleanup.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const NODE_WIN = 'C:\\Program Files\\nodejs\\node.exe';
const NPM_CLI_WIN = 'C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npm-cli.js';

/** cmd.exe's second phase on a line: ^ escapes the next character outside quotes; ^" does not open a quote. */
function cmdUnescape(line: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '^' && !quoted) out += line[++i] ?? '';
    else {
      if (c === '"') quoted = !quoted;
      out += c;
    }
  }
  return out;
}

/** How the C runtime (CommandLineToArgvW) splits a command line into arguments. */
function splitCommandLine(line: string): string[] {
  const args: string[] = [];
  let cur = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < line.length;) {
    const c = line[i];
    if (c === '\\') {
      let n = 0;
      while (line[i] === '\\') {
        n++;
        i++;
      }
      if (line[i] === '"') {
        cur += '\\'.repeat(n >> 1);
        if (n % 2) {
          cur += '"';
          i++;
        }
      } else cur += '\\'.repeat(n);
      started = true;
    } else if (c === '"') {
      quoted = !quoted;
      started = true;
      i++;
    } else if ((c === ' ' || c === '\t') && !quoted) {
      if (started) args.push(cur);
      cur = '';
      started = false;
      i++;
    } else {
      cur += c;
      started = true;
      i++;
    }
  }
  if (started) args.push(cur);
  return args;
}

describe('spawning commands on Windows without a shell', () => {
  const win = { platform: 'win32' as const, execPath: NODE_WIN, env: {}, exists: (f: string) => f === NPM_CLI_WIN };

  it('runs node.exe from "C:\\Program Files" directly, each argument kept whole', () => {
    const plan = spawnPlan(NODE_WIN, ['C:\\My Projects\\explorer\\scripts\\native.mjs', 'node'], win);
    expect(plan).toEqual({ command: NODE_WIN, args: ['C:\\My Projects\\explorer\\scripts\\native.mjs', 'node'] });
    expect(plan).not.toHaveProperty('shell');
  });

  it('runs npm as node + npm-cli.js: from npm_execpath, else the copy beside node.exe', () => {
    const fromEnv = spawnPlan('npm', ['run', 'build'], { ...win, env: { npm_execpath: 'D:\\npm\\bin\\npm-cli.js' }, exists: () => true });
    expect(fromEnv).toEqual({ command: NODE_WIN, args: ['D:\\npm\\bin\\npm-cli.js', 'run', 'build'] });
    expect(spawnPlan('npm', ['rebuild', 'better-sqlite3'], win)).toEqual({
      command: NODE_WIN,
      args: [NPM_CLI_WIN, 'rebuild', 'better-sqlite3'],
    });
  });

  it('falls back to cmd.exe for npm.cmd with every argument quoted', () => {
    const plan = spawnPlan('npm', ['run', '--silent', 'build'], {
      ...win,
      exists: () => false,
      env: { ComSpec: 'C:\\Windows\\system32\\cmd.exe' },
    });
    expect(plan.command).toBe('C:\\Windows\\system32\\cmd.exe');
    expect(plan.args.slice(0, 3)).toEqual(['/d', '/s', '/c']);
    expect(plan.windowsVerbatimArguments).toBe(true);
    const line = plan.args[3].slice(1, -1);
    expect(splitCommandLine(cmdUnescape(cmdUnescape(line)))).toEqual(['npm.cmd', 'run', '--silent', 'build']);
  });

  it('quotes any argument so that cmd.exe and the C runtime give it back unchanged (property)', () => {
    const chars = fc.constantFrom(...'ab \\"^&|<>()!%;,=\t'.split(''), 'C:\\Program Files (x86)\\', 'ü');
    fc.assert(
      fc.property(fc.array(fc.string({ unit: chars, maxLength: 12 }), { maxLength: 5 }), (args) => {
        const plan = spawnPlan('C:\\tools\\x.cmd', args, { platform: 'win32', env: {}, execPath: NODE_WIN });
        const line = plan.args[3];
        expect(line.startsWith('"') && line.endsWith('"')).toBe(true);
        expect(splitCommandLine(cmdUnescape(cmdUnescape(line.slice(1, -1))))).toEqual(['C:\\tools\\x.cmd', ...args]);
        // Passed once through cmd.exe (not a batch file), single escaping is enough.
        const once = args.map((a) => quoteForCmd(a)).join(' ');
        expect(splitCommandLine(cmdUnescape(once))).toEqual(args);
      }),
    );
  });
});

describe('spawning commands elsewhere', () => {
  it('runs npm through npm_execpath when npm gives it, else the npm on PATH', () => {
    const env = { npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js' };
    expect(spawnPlan('npm', ['run', 'build'], { platform: 'linux', env, execPath: '/usr/bin/node', exists: () => true })).toEqual({
      command: '/usr/bin/node',
      args: ['/usr/lib/node_modules/npm/bin/npm-cli.js', 'run', 'build'],
    });
    expect(spawnPlan('npm', ['test'], { platform: 'darwin', env: {}, execPath: '/opt/node/bin/node', exists: () => false })).toEqual({
      command: 'npm',
      args: ['test'],
    });
  });

  it('passes arguments with spaces and quotes intact to a program in a folder with a space', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-run test '));
    cleanup.push(dir);
    const script = path.join(dir, 'echo args.mjs');
    const out = path.join(dir, 'args.json');
    fs.writeFileSync(script, `import fs from 'node:fs'; fs.writeFileSync(process.argv[2], JSON.stringify(process.argv.slice(3)));`);
    const args = ['a b', 'c"d', 'e\\ f\\', '%PATH%', '&& echo no'];
    expect(run(process.execPath, [script, out, ...args], { stdio: 'ignore' })).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual(args);
    expect(run(path.join(dir, 'missing program'), [], { stdio: 'ignore' })).toBe(1);
  });
});
