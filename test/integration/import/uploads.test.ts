import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExplorerService } from '../../../main/core/service';
import { removeLeftoverUploads, UploadStore } from '../../../main/core/import/uploads';
import { tempDir } from '../../helpers/temp';

const bytes = (s: string) => new Uint8Array(Buffer.from(s));
const filesIn = (dir: string) => fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());

/** A pid that belonged to a process which has already exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  return r.pid!;
}

describe('uploads are bounded', () => {
  it('refuses an upload above the size limit, naming the file and the way out', () => {
    const store = new UploadStore({ root: tempDir(), maxBytes: 1000 });
    expect(() => store.begin('big.vec', 1001)).toThrow(
      /big\.vec is 1,001 bytes; an upload may be at most 1,000 bytes.*embedding-explorer import/,
    );
    store.closeAll();
  });

  it('refuses more uploads than the limit at once', () => {
    const store = new UploadStore({ root: tempDir(), maxUploads: 2 });
    store.begin('a.vec', 10);
    store.begin('b.vec', 10);
    expect(() => store.begin('c.vec', 10)).toThrow(expect.objectContaining({ code: 'too-many-uploads' }));
    store.closeAll();
  });

  it('drops uploads idle for too long, and their files', () => {
    const root = tempDir();
    let now = 0;
    const store = new UploadStore({ root, idleMs: 1000, now: () => now });
    const idle = store.begin('idle.vec', 10);
    const busy = store.begin('busy.vec', 10);
    now = 600;
    store.append(busy, bytes('12345'));
    now = 1200;
    expect(store.expireIdle()).toBe(1);
    expect(() => store.append(idle, bytes('x'))).toThrow(/sat idle too long/);
    expect(store.append(busy, bytes('67890'))).toBe(10);
    expect(filesIn(root)).toHaveLength(1);
    store.closeAll();
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it('hands an upload over once; a second import of it is refused', () => {
    const store = new UploadStore({ root: tempDir() });
    const id = store.begin('v.vec', 3);
    store.append(id, bytes('abc'));
    const taken = store.take(id);
    expect(fs.readFileSync(taken.file, 'utf8')).toBe('abc');
    expect(() => store.take(id)).toThrow(expect.objectContaining({ code: 'unknown-upload' }));
    taken.dispose();
    expect(fs.existsSync(taken.file)).toBe(false);
    store.closeAll();
  });

  it('refuses more bytes than announced and an incomplete upload, deleting it', () => {
    const root = tempDir();
    const store = new UploadStore({ root });
    const over = store.begin('v.vec', 3);
    expect(() => store.append(over, bytes('abcd'))).toThrow(/more than the announced 3 bytes/);
    const short = store.begin('w.vec', 3);
    store.append(short, bytes('ab'));
    expect(() => store.take(short)).toThrow(/incomplete \(2 of 3 bytes\)/);
    expect(store.count).toBe(0);
    expect(filesIn(root)).toHaveLength(0);
    store.closeAll();
  });

  it('keeps a hostile file name inside its folder', () => {
    const root = tempDir();
    const store = new UploadStore({ root });
    const id = store.begin('../../../etc/passwd', 1);
    store.append(id, bytes('x'));
    const taken = store.take(id);
    expect(path.dirname(path.dirname(taken.file))).toBe(root);
    expect(taken.fileName).toBe('passwd');
    store.closeAll();
  });

  it('removes folders left by dead processes at start, never those of running ones', () => {
    const root = tempDir();
    const dead = path.join(root, `embedding-explorer-upload-${deadPid()}-abc`);
    const live = path.join(root, `embedding-explorer-upload-${process.pid}-def`);
    const other = path.join(root, 'someone-else');
    for (const d of [dead, live, other]) {
      fs.mkdirSync(d);
      fs.writeFileSync(path.join(d, 'f'), 'x');
    }
    new UploadStore({ root }).closeAll();
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
    expect(fs.existsSync(other)).toBe(true);
    expect(removeLeftoverUploads(root)).toEqual([]);
  });
});

describe('a failed import frees its uploads', () => {
  it('deletes the vectors and metadata uploads when the import fails', async () => {
    const dir = tempDir();
    const service = ExplorerService.open({ dbPath: path.join(dir, 'store.db') });
    try {
      const up = (name: string, content: string) => {
        const { uploadId } = service.beginUpload({ fileName: name, size: Buffer.byteLength(content) });
        service.uploadChunk({ uploadId, data: bytes(content) });
        return uploadId;
      };
      const uploadId = up('vectors.tsv', '0.1\t0.2\n0.3\tx\n');
      const metadataUploadId = up('metadata.tsv', 'a\nb\n');
      expect(service.uploads.count).toBe(2);
      await expect(service.importModel({ uploadId, metadataUploadId })).rejects.toThrow(/vectors\.tsv, line 2: "x" is not a number/);
      expect(service.uploads.count).toBe(0);
      await expect(service.importModel({ uploadId })).rejects.toThrow(expect.objectContaining({ code: 'unknown-upload' }));
      // An import refused before it starts (incomplete vectors) frees the metadata upload too.
      const partial = service.beginUpload({ fileName: 'v.txt', size: 100 }).uploadId;
      const meta = up('metadata.tsv', 'a\n');
      await expect(service.importModel({ uploadId: partial, metadataUploadId: meta })).rejects.toThrow(/incomplete/);
      expect(service.uploads.count).toBe(0);
    } finally {
      service.close();
    }
  });
});
