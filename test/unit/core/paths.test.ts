import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDbPath } from '../../../main/core/paths';

describe('database location', () => {
  it('uses the platform per-user data folder', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/data' }, 'linux')).toBe(path.join('/data', 'embedding-explorer'));
    expect(defaultDataDir({}, 'linux')).toBe(path.join(os.homedir(), '.local', 'share', 'embedding-explorer'));
    expect(defaultDataDir({}, 'darwin')).toBe(path.join(os.homedir(), 'Library', 'Application Support', 'embedding-explorer'));
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain('embedding-explorer');
  });

  it('prefers --db, then EMBEDDING_EXPLORER_DB', () => {
    expect(resolveDbPath('/a/b.db', { EMBEDDING_EXPLORER_DB: '/c/d.db' })).toBe(path.resolve('/a/b.db'));
    expect(resolveDbPath(undefined, { EMBEDDING_EXPLORER_DB: '/c/d.db' })).toBe(path.resolve('/c/d.db'));
    expect(resolveDbPath(undefined, { XDG_DATA_HOME: '/data' })).toBe(path.join('/data', 'embedding-explorer', 'explorer.db'));
  });
});
