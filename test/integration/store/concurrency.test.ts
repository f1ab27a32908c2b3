/**
 * Two processes on one database at once: the CLI importing (a long write transaction) while the
 * app's service and other CLI processes read and write. Readers work throughout; a second writer
 * either waits its turn and succeeds or gets a clear "busy" error; nothing is corrupted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExplorerService } from '../../../main/core/service';
import { tempDir } from '../../helpers/temp';
import { integrity, makeBaseStore, runCli, snapshotDb, startCli, waitForWrites, writeVectorFile } from './cli-process';

describe('the CLI and the app on one database', () => {
  it('reads during a long import, waits or says "busy" for writes, and ends intact', async () => {
    const dir = tempDir('ee-concurrent-');
    const { base, bigFile } = await makeBaseStore(dir);
    const db = base;
    const importer = startCli(['import', bigFile, '--db', db]);
    await importer.waitFor(/Reading vectors/);
    await waitForWrites(db, 1 << 20);
    // Frozen mid-transaction: it holds the write lock for as long as the checks below take.
    importer.child.kill('SIGSTOP');
    const service = ExplorerService.open({ dbPath: db });
    try {
      // Another CLI process reads.
      const reader = await runCli(['neighbors', 'w5', '--k', '3', '--db', db, '--json']);
      expect(reader.code, reader.output).toBe(0);
      expect((JSON.parse(reader.output) as { neighbors: unknown[] }[])[0].neighbors).toHaveLength(3);
      // The app reads.
      const [hit] = await service.neighbors({ words: ['w7'], k: 3 });
      expect(hit.neighbors).toHaveLength(3);
      expect(service.status().models.map((m) => m.name)).toEqual(['small']);
      // The app writes: after its busy timeout it gets a clear error and nothing changes.
      const before = snapshotDb(db);
      expect(() => service.renameModel({ name: 'small', newName: 'renamed' })).toThrow(
        expect.objectContaining({
          code: 'db-busy',
          message: expect.stringMatching(/is busy: another Embedding Explorer is writing/) as unknown,
        }),
      );
      // A second CLI import queues behind the first.
      const second = startCli(['import', writeVectorFile(path.join(dir, 'second.txt'), 500, 8, { prefix: 's', varied: true }), '--db', db]);
      await new Promise((r) => setTimeout(r, 500));
      expect(second.child.exitCode).toBeNull();
      importer.child.kill('SIGCONT');
      const first = await importer.exited;
      expect(first.code, importer.output()).toBe(0);
      const queued = await second.exited;
      expect(queued.code, second.output()).toBe(0);
      expect(snapshotDb(db).counts.models).toBe(before.counts.models + 2);
      // And the app's write works once the lock is free.
      service.renameModel({ name: 'small', newName: 'renamed' });
    } finally {
      if (importer.child.exitCode === null) importer.child.kill('SIGKILL');
      service.close();
    }
    expect(integrity(db)).toBe('ok');
    expect(fs.existsSync(db)).toBe(true);
    const names = (await runCli(['models', '--db', db, '--json'])).output;
    expect(names).toMatch(/renamed/);
    expect(names).toMatch(/"big"/);
    expect(names).toMatch(/"second"/);
    // Its vectors file outlived every start during the import (each sweeps orphans, but only
    // when no import holds the write lock).
    const big = await runCli(['neighbors', 'big7', '--model', 'big', '--k', '3', '--db', db, '--json']);
    expect(big.code, big.output).toBe(0);
    expect((JSON.parse(big.output) as { neighbors: unknown[] }[])[0].neighbors).toHaveLength(3);
  });
});
