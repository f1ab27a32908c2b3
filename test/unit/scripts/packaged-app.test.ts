import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPackagedApp, packageOutputDir } from '../../../scripts/packaged-app.mjs';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A dist folder with the given files (empty), as electron-builder lays out unpacked apps. */
function dist(files: string[]): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-dist-'));
  dirs.push(d);
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
    fs.writeFileSync(path.join(d, f), '');
  }
  return d;
}

describe('finding the unpacked app electron-builder made', () => {
  it('on Linux: the executable beside the libraries and Chromium helpers', () => {
    const d = dist([
      'linux-unpacked/embedding-explorer',
      'linux-unpacked/chrome-sandbox',
      'linux-unpacked/chrome_crashpad_handler',
      'linux-unpacked/libffmpeg.so',
      'linux-unpacked/resources.pak',
      'linux-unpacked/resources/app.asar',
      'Embedding Explorer-0.1.0.AppImage',
    ]);
    expect(findPackagedApp(d, 'linux')).toBe(path.join(d, 'linux-unpacked', 'embedding-explorer'));
  });

  it('on macOS: the binary inside the .app of any architecture folder', () => {
    const d = dist([
      'mac-arm64/Embedding Explorer.app/Contents/MacOS/Embedding Explorer',
      'mac-arm64/Embedding Explorer.app/Contents/Info.plist',
    ]);
    expect(findPackagedApp(d, 'darwin')).toBe(
      path.join(d, 'mac-arm64', 'Embedding Explorer.app', 'Contents', 'MacOS', 'Embedding Explorer'),
    );
  });

  it('on Windows: the one .exe of win-unpacked', () => {
    const d = dist([
      'win-unpacked/Embedding Explorer.exe',
      'win-unpacked/ffmpeg.dll',
      'win-unpacked/resources/app.asar',
      'Embedding Explorer Setup 0.1.0.exe',
    ]);
    expect(findPackagedApp(d, 'win32')).toBe(path.join(d, 'win-unpacked', 'Embedding Explorer.exe'));
  });

  it('says when there is none, and refuses to guess between two', () => {
    expect(findPackagedApp(dist(['Embedding Explorer-0.1.0.AppImage']), 'linux')).toBeNull();
    expect(findPackagedApp(path.join(os.tmpdir(), 'ee-no-such-dist'), 'linux')).toBeNull();
    const two = dist(['linux-unpacked/embedding-explorer', 'linux-arm64-unpacked/embedding-explorer']);
    expect(() => findPackagedApp(two, 'linux')).toThrow(/More than one packaged app/);
  });

  it('reads the output folder from electron-builder.yml, else dist', async () => {
    const project = dist(['package.json']);
    expect(await packageOutputDir(project)).toBe(path.join(project, 'dist'));
    fs.writeFileSync(path.join(project, 'electron-builder.yml'), 'appId: x\ndirectories:\n  output: release/packages\n');
    expect(await packageOutputDir(project)).toBe(path.join(project, 'release', 'packages'));
  });
});
