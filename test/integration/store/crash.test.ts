/**
 * SIGKILL of the real CLI in the middle of writing: the database then opens, passes
 * `PRAGMA integrity_check`, and holds exactly what it held before (row counts and a hash of
 * every row), or, for a kill that lands after a commit, exactly one more complete projection.
 * A training run is killed both while it trains and while it stores the trained model.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/core/store/database';
import { tempDir } from '../../helpers/temp';
import { copyStore } from '../../../main/core/store/vectors-file';
import { integrity, makeBaseStore, runCli, snapshotDb, startCli, vectorFiles, waitForWrites } from './cli-process';

let dir: string;
let base: string;
let wordsFile: string;
let bigFile: string;

/** A private copy of the base store (it is closed, so the main file is all of it). */
function copyBase(name: string): string {
  const file = path.join(dir, name);
  copyStore(base, file);
  return file;
}

beforeAll(async () => {
  dir = tempDir('ee-crash-');
  ({ base, wordsFile, bigFile } = await makeBaseStore(dir));
  expect(fs.existsSync(`${base}-wal`)).toBe(false);
});

describe('a killed import leaves the database as it was', () => {
  it('SIGKILL while the import transaction is open', async () => {
    const db = copyBase('import-kill.db');
    const before = snapshotDb(db);
    const filesBefore = vectorFiles(db);
    expect(before.counts.models).toBe(1);
    const run = startCli(['import', bigFile, '--db', db]);
    await run.waitFor(/Reading vectors/);
    // Uncommitted pages on disk: the kill lands in the middle of writing, not before it.
    await waitForWrites(db, 4 << 20);
    run.child.kill('SIGKILL');
    const end = await run.exited;
    expect(end.signal).toBe('SIGKILL');
    expect(run.output()).not.toMatch(/Imported/);
    expect(integrity(db)).toBe('ok');
    expect(snapshotDb(db)).toEqual(before);
    expect(vectorFiles(db)).toHaveLength(filesBefore.length + 1);
    // The app opens it and can write again: the dead writer's lock went with it, and its
    // half-written vectors file goes at that start.
    openDatabase(db).db.close();
    expect(vectorFiles(db)).toEqual(filesBefore);
    const again = await runCli(['import', bigFile, '--db', db, '--limit', '10']);
    expect(again.code, again.output).toBe(0);
    expect(integrity(db)).toBe('ok');
    expect(snapshotDb(db).counts.models).toBe(2);
  });
});

describe('a killed projection save leaves the database as it was, or with the whole projection', () => {
  it('SIGKILL while the save waits for the write lock', async () => {
    const db = copyBase('save-wait.db');
    const before = snapshotDb(db);
    // Another writer holds the lock, so the CLI's save is caught between its start and its commit.
    const holder = new Database(db);
    holder.exec('BEGIN IMMEDIATE');
    const run = startCli(['project', '--words', wordsFile, '--epochs', '30', '--db', db]);
    try {
      await run.waitFor(/Done \(100%\)/);
      await new Promise((r) => setTimeout(r, 500));
      expect(run.child.exitCode).toBeNull();
      run.child.kill('SIGKILL');
      expect((await run.exited).signal).toBe('SIGKILL');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(run.output()).not.toMatch(/Saved projection/);
    expect(integrity(db)).toBe('ok');
    expect(snapshotDb(db)).toEqual(before);
  });

  it('SIGKILL at staggered moments around the save: all of the projection or none of it', async () => {
    const db = copyBase('save-sweep.db');
    const others = snapshotDb(db, ['projections']);
    let projections = snapshotDb(db).counts.projections;
    const outcomes: string[] = [];
    for (const delay of [0, 1, 2, 4, 8, 16, 32]) {
      const run = startCli(['project', '--words', wordsFile, '--epochs', '30', '--db', db]);
      await run.waitFor(/Done \(100%\)/);
      if (delay) await new Promise((r) => setTimeout(r, delay));
      run.child.kill('SIGKILL');
      await run.exited;
      expect(integrity(db), `kill ${delay} ms after the layout`).toBe('ok');
      expect(snapshotDb(db, ['projections'])).toEqual(others);
      const now = snapshotDb(db).counts.projections;
      expect(now - projections).toBeGreaterThanOrEqual(0);
      expect(now - projections).toBeLessThanOrEqual(1);
      outcomes.push(now > projections ? 'saved' : 'not saved');
      projections = now;
    }
    // Every stored projection is whole: its words and coordinates agree with its point count.
    const check = new Database(db, { readonly: true });
    const rows = check.prepare('SELECT point_count, words, coords FROM projections').all() as {
      point_count: number;
      words: string;
      coords: Buffer;
    }[];
    check.close();
    for (const r of rows) {
      expect(r.point_count).toBe(300);
      expect((JSON.parse(r.words) as string[]).length).toBe(300);
      expect(r.coords.length).toBe(300 * 3 * 4);
    }
    expect(outcomes).toHaveLength(7);
  });
});

describe('a killed training run leaves the database as it was', () => {
  /** A corpus with many distinct words, so storing the model writes megabytes (the kill lands inside it). */
  function corpus(): string {
    const file = path.join(dir, 'corpus.txt');
    if (fs.existsSync(file)) return file;
    const lines: string[] = [];
    for (let s = 0; s < 6000; s++) {
      const words: string[] = [];
      for (let w = 0; w < 12; w++) words.push(`w${(s * 7 + w * 1031) % 24000}`);
      lines.push(words.join(' '));
    }
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  }

  it.each([
    ['while it trains', ['--epochs', '200'], (run: ReturnType<typeof startCli>) => run.waitFor(/Corpus: 1 file/)],
    ['while it stores the model', ['--epochs', '1'], (_run: ReturnType<typeof startCli>, db: string) => waitForWrites(db, 4 << 20)],
  ] as const)('SIGKILL %s', async (stage, extra, reached) => {
    const db = copyBase(`train-kill-${stage.replace(/\W+/g, '-')}.db`);
    const before = snapshotDb(db);
    const filesBefore = vectorFiles(db);
    const run = startCli([
      'train',
      corpus(),
      '--name',
      'mine',
      '--db',
      db,
      '--min-count',
      '1',
      '--dims',
      '300',
      '--threads',
      '1',
      ...extra,
    ]);
    await reached(run, db);
    run.child.kill('SIGKILL');
    const end = await run.exited;
    expect(end.signal).toBe('SIGKILL');
    expect(run.output()).not.toMatch(/Trained/);
    expect(integrity(db)).toBe('ok');
    expect(snapshotDb(db)).toEqual(before);
    openDatabase(db).db.close();
    expect(vectorFiles(db)).toEqual(filesBefore);
  });
});
