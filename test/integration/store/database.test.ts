import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/core/store/database';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../main/core/store/migrations';
import { ExplorerService } from '../../../main/core/service';
import { readModel } from '../../../main/core/store/vector-blocks';
import { writeLegacyModel } from '../../helpers/legacy-store';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('store', () => {
  it('creates a fresh database in WAL mode at the current schema version, creating folders', () => {
    const file = path.join(dir, 'nested', 'deeper', 'fresh.db');
    const { db, readOnly } = openDatabase(file);
    expect(readOnly).toBe(false);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining(['models', 'words', 'vector_blocks', 'model_blocks', 'settings', 'vocabularies', 'projections']),
    );
    db.close();
  });

  it('migrates a version-1 database forward without losing its models', () => {
    const file = path.join(dir, 'v1.db');
    const raw = new Database(file);
    // Exactly what migration 1 created, then stamped as version 1.
    MIGRATIONS[0](raw);
    raw.pragma('user_version = 1');
    writeLegacyModel(raw, 'tiny', 2, ['a', 'b'], [1, 0, 0, 2]);
    raw.close();
    const { db } = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT name, word_count FROM models').all()).toEqual([{ name: 'tiny', word_count: 2 }]);
    expect(Array.from(readModel(db, 'tiny').vectors)).toEqual([1, 0, 0, 1]);
    db.close();
  });

  it('refuses a file that is not a database, without touching it', () => {
    const file = path.join(dir, 'not-a-db.db');
    const junk = Buffer.from('this is a shopping list, not SQLite\n'.repeat(200));
    fs.writeFileSync(file, junk);
    expect(() => openDatabase(file)).toThrow(/not a valid Embedding Explorer database.*--db/);
    expect(fs.readFileSync(file).equals(junk)).toBe(true);
  });

  it('refuses a folder given as the database path', () => {
    expect(() => openDatabase(dir)).toThrow(/is a folder, not a file/);
  });

  it('refuses a database written by a newer version', () => {
    const file = path.join(dir, 'newer.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(/newer Embedding Explorer/);
  });

  it('opens a read-only file read-only and explains why writes fail', async () => {
    if (process.getuid?.() === 0) {
      // root ignores file permissions; exercise the read-only path through a read-only open instead.
      const file = path.join(dir, 'ro-root.db');
      openDatabase(file).db.close();
      const db = new Database(file, { readonly: true });
      expect(() => db.prepare("INSERT INTO settings VALUES ('a','b')").run()).toThrow(/readonly/);
      db.close();
      return;
    }
    const file = path.join(dir, 'ro.db');
    openDatabase(file).db.close();
    fs.chmodSync(file, 0o444);
    const service = ExplorerService.open({ dbPath: file });
    expect(service.readOnly).toBe(true);
    await expect(service.ensureDefaultModel()).rejects.toThrow(/read-only/);
    service.close();
  });

  it('lets a second connection read while another holds the write lock, and reports a busy writer clearly', () => {
    const file = path.join(dir, 'busy.db');
    const a = openDatabase(file).db;
    const b = openDatabase(file, { busyTimeoutMs: 50 });
    a.prepare('BEGIN IMMEDIATE').run();
    a.prepare("INSERT INTO settings VALUES ('k', 'v')").run();
    expect(b.db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(0);
    const service = ExplorerService.open({ dbPath: file });
    (service.db as unknown as { pragma: (s: string) => void }).pragma('busy_timeout = 50');
    expect(() => service.setActiveModel('missing')).toThrow(/no model named/);
    expect(() => service.guardWrite(() => service.db.prepare("INSERT INTO settings VALUES ('x', 'y')").run())).toThrow(
      /busy: another Embedding Explorer is writing/,
    );
    a.prepare('COMMIT').run();
    expect(b.db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(1);
    service.close();
    a.close();
    b.db.close();
  });
});
