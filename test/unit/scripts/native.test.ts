import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeFolderName as shellFolderName } from '../../../main/electron/native-binding';
import { buildElectronBinding, nativeFolderName, nodeGypScript, pruneOtherBuilds, sourceCopyFilter } from '../../../scripts/native.mjs';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function temp(prefix = 'ee-native-test-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** A better-sqlite3-like package inside a checkout that sits under a folder named "build". */
function fakePackage(): string {
  const pkg = path.join(temp(), 'build', 'my checkout', 'node_modules', 'better-sqlite3');
  const files: Record<string, string> = {
    'package.json': '{"name":"better-sqlite3","version":"12.11.1"}',
    'binding.gyp': '{}',
    'src/better_sqlite3.cpp': '// source',
    'deps/sqlite3/sqlite3.c': '// amalgamation',
    'lib/index.js': 'module.exports = {}',
    'build/Release/better_sqlite3.node': 'node build',
    'build/Makefile': 'all:',
  };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(pkg, rel)), { recursive: true });
    fs.writeFileSync(path.join(pkg, rel), text);
  }
  return pkg;
}

function listFiles(dir: string, base = dir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? listFiles(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name)).split(path.sep).join('/')],
    )
    .sort();
}

describe('the Electron build of better-sqlite3', () => {
  it('copies the sources of a checkout under a folder named "build", leaving out only the package build folder', () => {
    const src = fakePackage();
    const dest = path.join(temp(), 'copy');
    fs.cpSync(src, dest, { recursive: true, filter: sourceCopyFilter(src) });
    expect(listFiles(dest)).toEqual(['binding.gyp', 'deps/sqlite3/sqlite3.c', 'lib/index.js', 'package.json', 'src/better_sqlite3.cpp']);
  });

  it('keys the cache on the Electron and the better-sqlite3 versions, the same way as the Electron shell', () => {
    const v = { electron: '41.7.1', betterSqlite3: '12.11.1', platform: 'linux', arch: 'x64' };
    expect(nativeFolderName(v)).toBe('electron-41.7.1-better-sqlite3-12.11.1-linux-x64');
    expect(nativeFolderName({ ...v, betterSqlite3: '12.12.0' })).not.toBe(nativeFolderName(v));
    const version = fc.stringMatching(/^\d{1,3}\.\d{1,3}\.\d{1,3}(-[a-z0-9.]{1,8})?$/);
    fc.assert(
      fc.property(
        version,
        version,
        fc.constantFrom('linux', 'darwin', 'win32'),
        fc.constantFrom('x64', 'arm64'),
        (electron, betterSqlite3, platform, arch) => {
          const versions = { electron, betterSqlite3, platform, arch };
          expect(nativeFolderName(versions)).toBe(shellFolderName(versions));
        },
      ),
    );
  });

  it('removes its temporary copy when the build fails, and when the builder throws', () => {
    const tmpRoot = temp('ee-native-tmp-');
    const source = fakePackage();
    const dest = path.join(temp(), 'out', 'better_sqlite3.node');
    const failing = buildElectronBinding({
      source,
      dest,
      electron: '41.7.1',
      prebuildScript: 'prebuild.js',
      gypScript: 'gyp.js',
      runNode: () => 1,
      tmpRoot,
    });
    expect(failing).toBe(false);
    expect(fs.readdirSync(tmpRoot)).toEqual([]);
    expect(fs.existsSync(dest)).toBe(false);
    const throwing = () =>
      buildElectronBinding({
        source,
        dest,
        electron: '41.7.1',
        prebuildScript: null,
        gypScript: 'gyp.js',
        runNode: () => {
          throw new Error('spawn failed');
        },
        tmpRoot,
      });
    expect(throwing).toThrow('spawn failed');
    expect(fs.readdirSync(tmpRoot)).toEqual([]);
  });

  it('falls back from the prebuilt binary to the source build, installs the result and cleans up', () => {
    const tmpRoot = temp('ee-native-tmp-');
    const source = fakePackage();
    const dest = path.join(temp(), 'out', 'better_sqlite3.node');
    const calls: string[] = [];
    const ok = buildElectronBinding({
      source,
      dest,
      electron: '41.7.1',
      prebuildScript: 'prebuild.js',
      gypScript: 'gyp.js',
      tmpRoot,
      runNode: (args, cwd) => {
        calls.push(path.basename(args[0]));
        if (args[0] === 'prebuild.js') return 1; // nothing published for this Electron
        // The "source build" sees the copied sources in its working folder, and not the Node build.
        expect(fs.existsSync(path.join(cwd, 'binding.gyp'))).toBe(true);
        expect(fs.existsSync(path.join(cwd, 'build'))).toBe(false);
        fs.mkdirSync(path.join(cwd, 'build', 'Release'), { recursive: true });
        fs.writeFileSync(path.join(cwd, 'build', 'Release', 'better_sqlite3.node'), 'electron build');
        return 0;
      },
    });
    expect(ok).toBe(true);
    expect(calls).toEqual(['prebuild.js', 'gyp.js']);
    expect(fs.readFileSync(dest, 'utf8')).toBe('electron build');
    expect(fs.readdirSync(path.dirname(dest))).toEqual(['better_sqlite3.node']);
    expect(fs.readdirSync(tmpRoot)).toEqual([]);
  });

  it('finds node-gyp beside node.exe on Windows and under lib/ elsewhere', () => {
    const winNode = 'C:\\Program Files\\nodejs\\node.exe';
    const winGyp = 'C:\\Program Files\\nodejs\\node_modules\\npm\\node_modules\\node-gyp\\bin\\node-gyp.js';
    expect(nodeGypScript({ platform: 'win32', execPath: winNode, env: {}, projectRoot: 'C:\\p', exists: (f) => f === winGyp })).toBe(
      winGyp,
    );
    const unixGyp = '/opt/node/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js';
    expect(
      nodeGypScript({ platform: 'linux', execPath: '/opt/node/bin/node', env: {}, projectRoot: '/p', exists: (f) => f === unixGyp }),
    ).toBe(unixGyp);
    expect(
      nodeGypScript({
        platform: 'linux',
        execPath: '/x/node',
        env: { npm_config_node_gyp: '/y/node-gyp.js' },
        projectRoot: '/p',
        exists: () => true,
      }),
    ).toBe('/y/node-gyp.js');
    expect(nodeGypScript({ platform: 'linux', execPath: '/x/node', env: {}, projectRoot: '/p', exists: () => false })).toBeNull();
  });

  it('removes the builds of other versions once a new one is made', () => {
    const dir = temp();
    for (const name of [
      'electron-40.0.0-better-sqlite3-12.0.0-linux-x64',
      'electron-41.7.1-linux-x64',
      'electron-41.7.1-better-sqlite3-12.11.1-linux-x64',
      'README',
    ]) {
      fs.mkdirSync(path.join(dir, name));
    }
    pruneOtherBuilds(dir, 'electron-41.7.1-better-sqlite3-12.11.1-linux-x64');
    expect(fs.readdirSync(dir).sort()).toEqual(['README', 'electron-41.7.1-better-sqlite3-12.11.1-linux-x64']);
  });
});
