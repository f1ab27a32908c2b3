// Helpers shared by the project scripts (plain Node, no dependencies).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * npm's own JavaScript entry, so npm runs as `node npm-cli.js …` with no shell in between: npm
 * sets npm_execpath for the scripts it runs; otherwise npm ships beside node (lib/node_modules
 * on Unix, node_modules next to node.exe on Windows).
 */
export function npmCliScript({ env = process.env, execPath = process.execPath, platform = process.platform, exists = fs.existsSync } = {}) {
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (env.npm_execpath && /\.[cm]?js$/i.test(env.npm_execpath) && exists(env.npm_execpath)) return env.npm_execpath;
  const beside =
    platform === 'win32'
      ? p.join(p.dirname(execPath), 'node_modules', 'npm', 'bin', 'npm-cli.js')
      : p.join(p.dirname(execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  return exists(beside) ? beside : null;
}

/**
 * One argument for a `cmd.exe /d /s /c "…"` line: quoted the way the C runtime splits a command
 * line (backslashes doubled before a quote and at the end), then every character cmd.exe treats
 * specially escaped with ^. A batch file (npm.cmd) hands its arguments through cmd.exe a second
 * time, so they are escaped twice.
 */
export function quoteForCmd(arg, { batch = false } = {}) {
  let quoted = '"';
  let slashes = 0;
  for (const ch of String(arg)) {
    if (ch === '\\') {
      slashes++;
      continue;
    }
    quoted += ch === '"' ? '\\'.repeat(slashes * 2 + 1) + '"' : '\\'.repeat(slashes) + ch;
    slashes = 0;
  }
  quoted += '\\'.repeat(slashes * 2) + '"';
  const caret = (s) => s.replace(/[\^&|<>()%!"]/g, '^$&');
  return batch ? caret(caret(quoted)) : caret(quoted);
}

/**
 * How to spawn `cmd args` without `shell: true` (Node joins shell arguments unquoted, so a
 * space in the path of node.exe or of the checkout broke every step on Windows):
 *  - npm runs as node + npm-cli.js;
 *  - other programs are spawned directly (libuv quotes each argument for CreateProcess);
 *  - only a Windows batch file with no JavaScript entry goes through cmd.exe, with every
 *    argument quoted by quoteForCmd.
 */
export function spawnPlan(
  cmd,
  args,
  { platform = process.platform, env = process.env, execPath = process.execPath, exists = fs.existsSync } = {},
) {
  if (cmd === 'npm') {
    const cli = npmCliScript({ env, execPath, platform, exists });
    if (cli) return { command: execPath, args: [cli, ...args] };
    if (platform === 'win32') cmd = 'npm.cmd';
  }
  if (platform === 'win32' && /\.(cmd|bat)$/i.test(cmd)) {
    const line = [cmd, ...args].map((a) => quoteForCmd(a, { batch: true })).join(' ');
    return { command: env.ComSpec || 'cmd.exe', args: ['/d', '/s', '/c', `"${line}"`], windowsVerbatimArguments: true };
  }
  return { command: cmd, args: [...args] };
}

/** Runs a command to completion with inherited output; its exit status (1 when it could not start). */
export function run(cmd, args, opts = {}) {
  const plan = spawnPlan(cmd, args);
  const r = spawnSync(plan.command, plan.args, {
    cwd: root,
    stdio: 'inherit',
    ...opts,
    shell: false,
    windowsVerbatimArguments: plan.windowsVerbatimArguments ?? false,
  });
  if (r.error) console.error(`embedding-explorer: could not run ${cmd}: ${r.error.message}`);
  return r.status ?? 1;
}

/** True when out/ is missing or older than any source file. */
export function needsBuild() {
  const marker = path.join(root, 'out', 'main', 'cli.js');
  if (!fs.existsSync(marker) || !fs.existsSync(path.join(root, 'out', 'renderer', 'index.html'))) return true;
  const built = fs.statSync(marker).mtimeMs;
  const newer = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory() ? newer(rel) : fs.statSync(path.join(root, rel)).mtimeMs > built) return true;
    }
    return false;
  };
  return ['main', 'preload', 'renderer', 'resources'].some((d) => fs.existsSync(path.join(root, d)) && newer(d));
}

/** The same build as `npm run build` (app bundles and the standalone export viewer). */
export function build() {
  return run('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Path of the Electron executable, or null when its binary is not installed. */
export function electronBinary() {
  try {
    const pkg = path.join(root, 'node_modules', 'electron');
    const pathFile = path.join(pkg, 'path.txt');
    if (!fs.existsSync(pathFile)) return null;
    const exe = path.join(pkg, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
    return fs.existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

export function electronVersion() {
  return packageVersion('electron');
}

/** Version of an installed package in the project's node_modules. */
export function packageVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** Tries Electron's own binary download once; false when it cannot reach the download host. */
export function downloadElectron(quiet = true) {
  const script = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!fs.existsSync(script)) return false;
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const r = spawnSync(process.execPath, [script], {
    cwd: path.dirname(script),
    env,
    stdio: quiet ? 'ignore' : 'inherit',
    timeout: 300_000,
  });
  return r.status === 0 && electronBinary() !== null;
}
