// Runs the app that electron-builder unpacked into its output folder, with the arguments given:
//   node scripts/packaged-app.mjs --self-test
// so that CI (and anyone who built the packages) can self-test the package, not the checkout.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from './lib.mjs';
import { forwardSignals, signalExitCode } from './launcher.mjs';

/** electron-builder's output folder: directories.output of electron-builder.yml, else dist. */
export async function packageOutputDir(projectRoot = root) {
  const config = path.join(projectRoot, 'electron-builder.yml');
  if (fs.existsSync(config)) {
    try {
      const { parse } = await import('yaml');
      const output = parse(fs.readFileSync(config, 'utf8'))?.directories?.output;
      if (typeof output === 'string' && output) return path.resolve(projectRoot, output);
    } catch {
      // Without the yaml package (a production install) the default is all we can use.
    }
  }
  return path.join(projectRoot, 'dist');
}

const HELPERS = new Set(['chrome-sandbox', 'chrome_crashpad_handler', 'elevate.exe']);

/**
 * The executable of the unpacked app in `dist` for a platform: linux-unpacked/<name>,
 * mac*\/<Name>.app/Contents/MacOS/<Name>, win-unpacked/<Name>.exe (any architecture suffix).
 * Null when there is none, and an error when it is ambiguous.
 */
export function findPackagedApp(dist, platform = process.platform, fsImpl = fs) {
  const dirs = (dir) =>
    fsImpl.existsSync(dir)
      ? fsImpl
          .readdirSync(dir, { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => e.name)
      : [];
  const files = (dir) =>
    fsImpl
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
  const found = [];
  if (platform === 'darwin') {
    for (const d of dirs(dist).filter((n) => /^mac(-|$)/.test(n))) {
      for (const app of dirs(path.join(dist, d)).filter((n) => n.endsWith('.app'))) {
        const macos = path.join(dist, d, app, 'Contents', 'MacOS');
        if (fsImpl.existsSync(macos)) found.push(...files(macos).map((f) => path.join(macos, f)));
      }
    }
  } else {
    const prefix = platform === 'win32' ? 'win' : 'linux';
    for (const d of dirs(dist).filter((n) => n.startsWith(`${prefix}-`) && n.endsWith('unpacked'))) {
      // Beside the app: libraries and data files (all with an extension) and Chromium's helpers.
      const candidates = files(path.join(dist, d)).filter((f) =>
        platform === 'win32' ? f.toLowerCase().endsWith('.exe') && !HELPERS.has(f.toLowerCase()) : !f.includes('.') && !HELPERS.has(f),
      );
      found.push(...candidates.map((f) => path.join(dist, d, f)));
    }
  }
  if (found.length > 1) throw new Error(`More than one packaged app in ${dist}: ${found.join(', ')}`);
  return found[0] ?? null;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = await packageOutputDir();
  const exe = findPackagedApp(dist);
  if (!exe) {
    console.error(`No unpacked app in ${dist}: build the packages first ("npx electron-builder --config electron-builder.yml").`);
    process.exit(1);
  }
  console.log(`Running ${exe}`);
  const child = spawn(exe, process.argv.slice(2), { stdio: 'inherit' });
  const signals = forwardSignals(child);
  child.once('error', (e) => {
    console.error(`Could not start ${exe}: ${e.message}`);
    process.exit(1);
  });
  child.once('close', (code, signal) => {
    signals.dispose();
    if (signal) console.error(`The packaged app stopped with signal ${signal}.`);
    process.exit(code ?? signalExitCode(signal));
  });
}
