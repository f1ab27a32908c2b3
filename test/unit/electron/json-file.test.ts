import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ nativeTheme: {} }));
const { readJsonFile, tryWriteJsonFile, writeJsonFile } = await import('../../../main/electron/json-file');
const { parseThemeChoice } = await import('../../../main/electron/theme');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'json-file-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('remembered state files', () => {
  it('round-trips a value and leaves no temporary file', () => {
    const file = path.join(dir, 'sub', 'state.json');
    writeJsonFile(file, { a: 1 });
    expect(readJsonFile(file)).toEqual({ a: 1 });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['state.json']);
  });

  it('reads a missing or damaged file as nothing', () => {
    const damaged = path.join(dir, 'damaged.json');
    fs.writeFileSync(damaged, '{"bounds": {"x": 1');
    expect(readJsonFile(damaged)).toBeUndefined();
    expect(readJsonFile(path.join(dir, 'missing.json'))).toBeUndefined();
  });

  it('loses only the convenience when the folder cannot be written', () => {
    const blocker = path.join(dir, 'blocker');
    fs.writeFileSync(blocker, 'a file where a folder should be');
    expect(() => tryWriteJsonFile(path.join(blocker, 'state.json'), {})).not.toThrow();
  });

  it('reads the theme choice, defaulting to the system', () => {
    expect(parseThemeChoice('dark')).toBe('dark');
    expect(parseThemeChoice('light')).toBe('light');
    for (const bad of [undefined, 'blue', 1, {}]) expect(parseThemeChoice(bad)).toBe('system');
  });
});
