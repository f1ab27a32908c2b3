// Keeps better-sqlite3 usable from both runtimes without rebuilding back and forth:
// node_modules/better-sqlite3 always holds the Node build (tests, CLI, browser mode), and the
// Electron build lives in node_modules/.embedding-explorer-native/electron-<version>-<platform>-<arch>/,
// which the Electron shell passes to better-sqlite3 as its nativeBinding.
//   node scripts/native.mjs node      check (and if needed rebuild) the Node build
//   node scripts/native.mjs electron  make the Electron build if it is missing
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { electronVersion, root, run } from './lib.mjs';

const target = process.argv[2];

function nodeBuildWorks() {
  const probe = "const D=require('better-sqlite3');new D(':memory:').prepare('select 1').get()";
  return spawnSync(process.execPath, ['-e', probe], { cwd: root, stdio: 'ignore' }).status === 0;
}

if (target === 'node') {
  if (!nodeBuildWorks()) {
    console.log('embedding-explorer: rebuilding better-sqlite3 for Node.js…');
    if (run('npm', ['rebuild', 'better-sqlite3']) !== 0 || !nodeBuildWorks()) {
      console.error('embedding-explorer: better-sqlite3 could not be built for Node.js (needs python3, make and a C++ compiler).');
      process.exit(1);
    }
  }
} else if (target === 'electron') {
  const version = electronVersion();
  const dest = path.join(root, 'node_modules', '.embedding-explorer-native', `electron-${version}-${process.platform}-${process.arch}`);
  const binding = path.join(dest, 'better_sqlite3.node');
  if (!fs.existsSync(binding)) {
    console.log(`embedding-explorer: building better-sqlite3 for Electron ${version} (once)…`);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-native-'));
    const src = path.join(root, 'node_modules', 'better-sqlite3');
    fs.cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
    const bin = (name) => path.join(root, 'node_modules', '.bin', name);
    // A prebuilt binary when one is published for this Electron, else a source build against its headers.
    let ok =
      fs.existsSync(bin('prebuild-install')) &&
      run(bin('prebuild-install'), ['--runtime=electron', `--target=${version}`], { cwd: work }) === 0;
    if (!ok) {
      const gyp =
        process.env.npm_config_node_gyp ||
        path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
      ok =
        run(
          process.execPath,
          [gyp, 'rebuild', '--release', '--runtime=electron', `--target=${version}`, '--dist-url=https://electronjs.org/headers'],
          { cwd: work },
        ) === 0;
    }
    const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
    if (!ok || !fs.existsSync(built)) {
      console.error(
        'embedding-explorer: could not build better-sqlite3 for Electron (needs the Electron headers from electronjs.org and a C++ toolchain).',
      );
      process.exit(1);
    }
    fs.mkdirSync(dest, { recursive: true });
    fs.copyFileSync(built, binding);
    fs.rmSync(work, { recursive: true, force: true });
  }
} else {
  console.error('usage: node scripts/native.mjs node|electron');
  process.exit(2);
}
