import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../common/contract/contract';
import { dispatch } from '../../../main/core/dispatch';
import { ExplorerService } from '../../../main/core/service';
import { readModel } from '../../../main/core/store/vector-blocks';
import { tempDir } from '../../helpers/temp';
import { fixture, gloveText, projectorMetadata, projectorVectors, snapshot, word2vecText, write } from './vector-files';

let dir: string;
let service: ExplorerService;
const F = fixture(['king', 'queen', 'man', 'woman'], 5);

beforeAll(() => {
  dir = tempDir('ee-service-import-');
  service = ExplorerService.open({ dbPath: path.join(dir, 'store.db') });
});
afterAll(() => service.close());

describe('importModel through the service (worker thread, job, events)', () => {
  it('imports a path as a job with progress, lists it, and can make it active', async () => {
    const jobs: JobProgress[] = [];
    service.jobs.on('job', (j: JobProgress) => jobs.push(j));
    const file = write(dir, 'royal.vec.gz', word2vecText(F), true);
    const r = await service.importModel({ path: file, activate: true });
    expect(r).toMatchObject({ name: 'royal', words: 4, dims: 5, format: 'fasttext-vec', compressed: true });
    expect(jobs.at(-1)).toMatchObject({ kind: 'import', state: 'done' });
    const status = service.status();
    expect(status.activeModel).toBe('royal');
    expect(status.models.find((m) => m.name === 'royal')).toMatchObject({ words: 4, dims: 5, format: 'fasttext-vec+gzip', source: file });
    const n = await service.neighbors({ words: ['king'], k: 2 });
    expect(n[0].neighbors).toHaveLength(2);
  });

  it('reports a bad file with file and line, storing nothing', async () => {
    const before = snapshot(service.db);
    const file = write(dir, 'bad.txt', 'a 1 2\nb 1\n');
    await expect(service.importModel({ path: file })).rejects.toThrow(
      `${file}, line 2: "b" has 1 values, expected 2 like the rows before it.`,
    );
    expect(snapshot(service.db)).toBe(before);
  });

  it('refuses file paths from the page: only uploads cross the IPC/HTTP boundary', async () => {
    const file = write(dir, 'secret.txt', gloveText(F));
    const env = await dispatch(service, 'importModel', { path: file });
    expect(env).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await dispatch(service, 'importModel', { uploadId: 'x', metadataPath: file })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(service.status().models.some((m) => m.name === 'secret')).toBe(false);
  });

  it('imports an upload sent in chunks (browser mode) and deletes the temporary file', async () => {
    const bytes = Buffer.from(
      gloveText(
        fixture(
          Array.from({ length: 500 }, (_, i) => `u${i}`),
          8,
        ),
      ),
    );
    const begin = await dispatch(service, 'beginUpload', { fileName: 'my vectors.txt', size: bytes.length });
    expect(begin.ok).toBe(true);
    const { uploadId } = (begin as { value: { uploadId: string } }).value;
    for (let at = 0; at < bytes.length; at += 4000) {
      const env = await dispatch(service, 'uploadChunk', { uploadId, data: new Uint8Array(bytes.subarray(at, at + 4000)) });
      expect(env.ok).toBe(true);
    }
    const env = await dispatch(service, 'importModel', { uploadId, name: 'uploaded', limit: 100 });
    expect(env).toMatchObject({ ok: true, value: { name: 'uploaded', words: 100, dims: 8, source: 'my vectors.txt', limited: true } });
    const again = await dispatch(service, 'importModel', { uploadId });
    expect(again).toMatchObject({ ok: false, error: { code: 'unknown-upload' } });
  });

  it('imports an uploaded Projector pair (vectors.tsv + metadata.tsv); upload errors name the file as chosen', async () => {
    const P = fixture(['alpha', 'beta', 'gamma'], 3);
    const send = (fileName: string, text: string) => {
      const bytes = Buffer.from(text);
      const { uploadId } = service.beginUpload({ fileName, size: bytes.length });
      service.uploadChunk({ uploadId, data: new Uint8Array(bytes) });
      return uploadId;
    };
    const metadataUploadId = send('metadata.tsv', projectorMetadata(P, true));
    const uploadId = send('vectors.tsv', projectorVectors(P));
    const r = await service.importModel({ uploadId, metadataUploadId, name: 'pair' });
    expect(r).toMatchObject({ format: 'projector-tsv', words: 3, dims: 3 });
    expect(readModel(service.db, 'pair').words).toEqual(['alpha', 'beta', 'gamma']);
    const bad = send('my vectors.txt', 'a 1 2\nb 1 x\n');
    await expect(service.importModel({ uploadId: bad })).rejects.toThrow('my vectors.txt, line 2: "x" is not a number');
  });

  it('refuses an incomplete upload', async () => {
    const { uploadId } = service.beginUpload({ fileName: 'x.txt', size: 100 });
    service.uploadChunk({ uploadId, data: new Uint8Array(10) });
    await expect(service.importModel({ uploadId })).rejects.toThrow(/incomplete \(10 of 100 bytes\)/);
  });

  it('renames and deletes models; the active choice follows', async () => {
    await service.importModel({ path: write(dir, 'second.txt', gloveText(F)) });
    service.renameModel({ name: 'royal', newName: 'royalty' });
    expect(service.status().activeModel).toBe('royalty');
    expect(readModel(service.db, 'royalty').words).toEqual(F.words);
    expect(() => service.renameModel({ name: 'royalty', newName: 'second' })).toThrow(/already exists/);
    expect(service.deleteModel({ name: 'royalty' })).toBe(true);
    expect(service.deleteModel({ name: 'royalty' })).toBe(false);
    const counts = service.db.prepare('SELECT count(*) FROM words w JOIN models m ON m.id = w.model_id').pluck().get();
    const total = service.db.prepare('SELECT count(*) FROM words').pluck().get();
    expect(counts).toBe(total); // no orphan rows
    expect(service.status().models.map((m) => m.name)).toEqual(['uploaded', 'pair', 'second']);
  });

  it('cancelling a running import leaves nothing behind', async () => {
    const big = write(
      dir,
      'big.txt',
      gloveText(
        fixture(
          Array.from({ length: 200_000 }, (_, i) => `b${i}`),
          20,
        ),
      ),
    );
    const before = snapshot(service.db);
    const started = service.importModel({ path: big });
    const cancelSoon = (j: JobProgress) => {
      if (j.state === 'running' && j.fraction > 0.05) service.jobs.cancel(j.id);
    };
    service.jobs.on('job', cancelSoon);
    await expect(started).rejects.toThrow(/cancelled/i);
    service.jobs.off('job', cancelSoon);
    expect(snapshot(service.db)).toBe(before);
    expect(fs.existsSync(big)).toBe(true);
  });
});
