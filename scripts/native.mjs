// Keeps better-sqlite3 usable from both runtimes without rebuilding back and forth:
// node_modules/better-sqlite3 always holds the Node build (tests, CLI, browser mode), and the
// Electron build lives in node_modules/.embedding-explorer-native/<nativeFolderName>/,
// which the Electron shell passes to better-sqlite3 as its nativeBinding.
//   node scripts/native.mjs node      check (and if needed rebuild) the Node build
//   node scripts/native.mjs electron  make the Electron build if it is missing
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronVersion, packageVersion, root, run } from './lib.mjs';

export const NATIVE_DIR = '.embedding-explorer-native';

/**
 * One folder per Electron version, better-sqlite3 version, platform and architecture: upgrading
 * either package makes a new build instead of loading a stale one. Mirrored by
 * main/electron/native-binding.ts (a test keeps the two in step).
 */
export function nativeFolderName({ electron, betterSqlite3, platform, arch }) {
  return `electron-${electron}-better-sqlite3-${betterSqlite3}-${platform}-${arch}`;
}

export function electronBindingPath(projectRoot, versions) {
  return path.join(projectRoot, 'node_modules', NATIVE_DIR, nativeFolderName(versions), 'better_sqlite3.node');
}

/**
 * Copy filter for better-sqlite3's sources: leaves out the package's own build/ folder (the Node
 * build) and nothing else. It looks at the path relative to the package, so a checkout that
 * sits under a folder named "build" is still copied.
 */
export function sourceCopyFilter(srcRoot) {
  return (p) => path.relative(srcRoot, p).split(/[\\/]/)[0] !== 'build';
}

/** node-gyp's script: npm's configured one, the project's own, or the one bundled with npm. */
export function nodeGypScript({
  env = process.env,
  execPath = process.execPath,
  platform = process.platform,
  projectRoot = root,
  exists = fs.existsSync,
} = {}) {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const bundled =
    platform === 'win32'
      ? p.join(p.dirname(execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')
      : p.join(p.dirname(execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const candidates = [env.npm_config_node_gyp, p.join(projectRoot, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'), bundled];
  return candidates.find((c) => c && /\.[cm]?js$/i.test(c) && exists(c)) ?? null;
}

/**
 * Builds better-sqlite3 for Electron in a temporary copy of its sources and installs the result
 * at `dest` (written under another name, then renamed, so a half-copied file is never taken for
 * a build). The temporary copy is removed whatever happens. True when `dest` now exists.
 */
export function buildElectronBinding({ source, dest, electron, prebuildScript, gypScript, runNode, tmpRoot = os.tmpdir() }) {
  const work = fs.mkdtempSync(path.join(tmpRoot, 'ee-native-'));
  try {
    fs.cpSync(source, work, { recursive: true, filter: sourceCopyFilter(source) });
    // A prebuilt binary when one is published for this Electron, else a source build against its headers.
    let ok = Boolean(prebuildScript) && runNode([prebuildScript, '--runtime=electron', `--target=${electron}`], work) === 0;
    if (!ok && gypScript) {
      const args = [
        gypScript,
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${electron}`,
        '--dist-url=https://electronjs.org/headers',
      ];
      ok = runNode(args, work) === 0;
    }
    const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
    if (!ok || !fs.existsSync(built)) return false;
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    const partial = `${dest}.partial-${process.pid}`;
    fs.copyFileSync(built, partial);
    fs.renameSync(partial, dest);
    return true;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Removes the builds for other versions (each is a few MB and is never loaded again). */
export function pruneOtherBuilds(nativeRoot, keep) {
  if (!fs.existsSync(nativeRoot)) return;
  for (const name of fs.readdirSync(nativeRoot)) {
    if (name !== keep && name.startsWith('electron-')) fs.rmSync(path.join(nativeRoot, name), { recursive: true, force: true });
  }
}

function nodeBuildWorks() {
  const probe = "const D=require('better-sqlite3');new D(':memory:').prepare('select 1').get()";
  return spawnSync(process.execPath, ['-e', probe], { cwd: root, stdio: 'ignore' }).status === 0;
}

function ensureNodeBuild() {
  if (nodeBuildWorks()) return 0;
  console.log('embedding-explorer: rebuilding better-sqlite3 for Node.js…');
  if (run('npm', ['rebuild', 'better-sqlite3']) !== 0 || !nodeBuildWorks()) {
    console.error('embedding-explorer: better-sqlite3 could not be built for Node.js (needs Python 3, make and a C++ compiler).');
    return 1;
  }
  return 0;
}

function ensureElectronBuild() {
  const versions = {
    electron: electronVersion(),
    betterSqlite3: packageVersion('better-sqlite3'),
    platform: process.platform,
    arch: process.arch,
  };
  const dest = electronBindingPath(root, versions);
  if (fs.existsSync(dest)) return 0;
  console.log(`embedding-explorer: building better-sqlite3 for Electron ${versions.electron} (once)…`);
  const source = path.join(root, 'node_modules', 'better-sqlite3');
  let prebuildScript = null;
  try {
    prebuildScript = createRequire(path.join(source, 'package.json')).resolve('prebuild-install/bin.js');
  } catch {
    // No prebuild-install: go straight to the source build.
  }
  const ok = buildElectronBinding({
    source,
    dest,
    electron: versions.electron,
    prebuildScript,
    gypScript: nodeGypScript(),
    runNode: (args, cwd) => run(process.execPath, args, { cwd }),
  });
  if (!ok) {
    console.error(
      `embedding-explorer: could not build better-sqlite3 for Electron ${versions.electron}: no prebuilt binary could be downloaded and the source build failed (it needs the Electron headers from electronjs.org and a C++ toolchain).`,
    );
    return 1;
  }
  pruneOtherBuilds(path.dirname(path.dirname(dest)), path.basename(path.dirname(dest)));
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = process.argv[2];
  if (target === 'node') process.exitCode = ensureNodeBuild();
  else if (target === 'electron') process.exitCode = ensureElectronBuild();
  else {
    console.error('usage: node scripts/native.mjs node|electron');
    process.exitCode = 2;
  }
}
