// Helpers shared by the project scripts (plain Node, no dependencies).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32', ...opts });
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
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
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
