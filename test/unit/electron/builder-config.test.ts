import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

const ROOT = path.resolve(__dirname, '../../..');
const require = createRequire(import.meta.url);
// electron-builder's own schema check (app-builder-lib comes with the electron-builder dev dependency).
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  electronFuses: Record<string, boolean>;
  fileAssociations: { ext: string; name: string }[];
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
}

const read = (): BuilderConfig => YAML.parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder configuration', () => {
  it("passes electron-builder's schema, and a wrong field would not", async () => {
    await expect(validateConfiguration(read(), new DebugLogger(false))).resolves.toBeUndefined();
    const broken = { ...read(), electronFuses: { ...read().electronFuses, runAsNod: false } };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('builds AppImage and deb, dmg, and nsis', () => {
    const c = read();
    expect(c.linux.target).toEqual(['AppImage', 'deb']);
    expect(c.mac.target).toEqual(['dmg']);
    expect(c.win.target).toEqual(['nsis']);
    expect(c.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(c.productName).toBe('Embedding Explorer');
  });

  it('packs the build output into an asar with the SQLite binding unpacked', () => {
    const c = read();
    expect(c.asar).toBe(true);
    expect(c.files).toContain('out/**');
    expect(c.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    // main/core/vocab/samples.ts looks for <resources>/vocabularies in a packaged app.
    expect(c.extraResources).toContainEqual({ from: 'resources/vocabularies', to: 'vocabularies' });
    expect(fs.existsSync(path.join(ROOT, 'resources', 'vocabularies'))).toBe(true);
  });

  it('sets the Electron fuses', () => {
    expect(read().electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('associates .vec, .vec.gz and .bin files with the app', () => {
    expect(read().fileAssociations.map((a) => a.ext)).toEqual(['vec', 'vec.gz', 'bin']);
  });

  it('starts the main bundle the build writes', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/electron.js');
  });
});
