import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../../../common/contract/contract';
import { ExplorerService, defaultModelFile } from '../../../main/core/service';
import { readModel } from '../../../main/core/store/vector-blocks';
import { sharedDefaultDb, tempDir } from '../../helpers/temp';

const dir = tempDir();
const ROOT = path.resolve(__dirname, '../../..');

function counts(file: string) {
  const db = new Database(file, { readonly: true });
  const c = {
    models: db.prepare('SELECT count(*) FROM models').pluck().get(),
    words: db.prepare('SELECT count(*) FROM words').pluck().get(),
    blocks: db.prepare('SELECT count(*) FROM model_blocks').pluck().get(),
  };
  db.close();
  return c;
}

describe('default model import (real GloVe 6B 100-d)', () => {
  it('stores all 341,479 words in frequency order with unit vectors and original norms', () => {
    const db = new Database(sharedDefaultDb(), { readonly: true });
    const m = readModel(db, DEFAULT_MODEL);
    db.close();
    expect(m.row.word_count).toBe(341479);
    expect(m.row.dims).toBe(100);
    expect(m.words.slice(0, 5)).toEqual(['the', ',', '.', 'of', 'to']);
    // Against the package itself: the stored unit vector times the stored norm is the original.
    const wink = JSON.parse(fs.readFileSync(defaultModelFile(), 'utf8'));
    for (const word of ['the', 'virtue', 'walking', 'zeta', wink.words[341478]]) {
      const i = m.words.indexOf(word);
      expect(i).toBe(wink.words.indexOf(word));
      const original: number[] = wink.vectors[word].slice(0, 100);
      const norm = Math.hypot(...original);
      expect(m.norms[i]).toBeCloseTo(norm, 4);
      for (let j = 0; j < 100; j++) expect(m.vectors[i * 100 + j] * m.norms[i]).toBeCloseTo(Math.fround(original[j]), 5);
    }
  });

  it('leaves nothing behind when cancelled, and imports again afterwards', async () => {
    const file = path.join(dir, 'cancel.db');
    const service = ExplorerService.open({ dbPath: file });
    let cancelled = false;
    service.jobs.on('job', (job) => {
      if (!cancelled && job.state === 'running' && job.fraction > 0.2) {
        cancelled = true;
        service.jobs.cancel(job.id);
      }
    });
    await expect(service.ensureDefaultModel()).rejects.toThrow(/cancelled/i);
    expect(service.jobs.list().at(-1)?.state).toBe('cancelled');
    service.close();
    expect(counts(file)).toEqual({ models: 0, words: 0, blocks: 0 });
  });

  it('survives being killed mid-import: the database opens and simply imports again', async () => {
    const file = path.join(dir, 'killed.db');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/embedding-explorer.mjs'), 'neighbors', 'virtue', '--db', file], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        if (d.toString().includes('Storing vectors')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((r) => child.once('exit', r));
    expect(counts(file)).toEqual({ models: 0, words: 0, blocks: 0 });
    const service = ExplorerService.open({ dbPath: file });
    const [r] = await service.neighbors({ words: ['walked'], k: 10 });
    expect(r.neighbors!.map((n) => n.word)).toContain('walking');
    service.close();
    expect(counts(file).models).toBe(1);
  });

  it('lets two instances start on the same new database: one imports, the other waits and uses it', async () => {
    const file = path.join(dir, 'two.db');
    const a = ExplorerService.open({ dbPath: file });
    const b = ExplorerService.open({ dbPath: file });
    await Promise.all([a.ensureDefaultModel(), b.ensureDefaultModel()]);
    expect(counts(file)).toEqual({ models: 1, words: 341479, blocks: Math.ceil(341479 / 4096) });
    const [ra] = await a.neighbors({ words: ['virtue'] });
    const [rb] = await b.neighbors({ words: ['virtue'] });
    expect(rb.neighbors).toEqual(ra.neighbors);
    a.close();
    b.close();
  });
});
