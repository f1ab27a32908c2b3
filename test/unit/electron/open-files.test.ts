import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExplorerEvent, ImportModelRequest } from '../../../common/contract/contract';
import { checkOpenPath } from '../../../main/electron/file-kinds';
import { openFile, type OpenContext } from '../../../main/electron/open-files';
import type { RecentFile } from '../../../main/electron/recent-files';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open-files-'));
  fs.writeFileSync(path.join(dir, 'animals.csv'), 'word,label\ncat,animal\ndog,animal\n');
  fs.writeFileSync(path.join(dir, 'wiki.vec'), '1 2\na 1 2\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function context(importModel: (r: ImportModelRequest) => Promise<never> | Promise<{ name: string }>) {
  const sent: ExplorerEvent[] = [];
  const remembered: RecentFile[] = [];
  const imports: ImportModelRequest[] = [];
  const ctx = {
    service: {
      importModel: (r: ImportModelRequest) => {
        imports.push(r);
        return importModel(r);
      },
    },
    send: (e: ExplorerEvent) => sent.push(e),
    remember: (r: RecentFile) => remembered.push(r),
  } as unknown as OpenContext;
  return { ctx, sent, remembered, imports };
}

describe('opening a validated file', () => {
  it('hands a vocabulary to the page with its name and text', async () => {
    const c = context(() => Promise.resolve({ name: 'x' }));
    await openFile(checkOpenPath(path.join(dir, 'animals.csv')), c.ctx);
    expect(c.sent).toEqual([
      { type: 'menu', action: 'open-vocabulary', fileName: 'animals.csv', content: 'word,label\ncat,animal\ndog,animal\n' },
    ]);
    expect(c.remembered).toEqual([{ path: path.join(dir, 'animals.csv'), kind: 'vocabulary' }]);
    expect(c.imports).toEqual([]);
  });

  it('imports a model from its path in the main process and makes it active', async () => {
    const c = context(() => Promise.resolve({ name: 'wiki' }));
    await openFile(checkOpenPath(path.join(dir, 'wiki.vec')), c.ctx);
    expect(c.imports).toEqual([{ path: path.join(dir, 'wiki.vec'), activate: true }]);
    expect(c.sent).toEqual([]);
  });

  it('tells the page when an import fails, naming the file', async () => {
    const c = context(() => Promise.reject(new Error('line 2: expected 2 numbers')));
    await openFile(checkOpenPath(path.join(dir, 'wiki.vec')), c.ctx);
    expect(c.sent).toEqual([{ type: 'menu', action: 'open-failed', message: 'wiki.vec: line 2: expected 2 numbers' }]);
  });

  it('refuses a vocabulary beyond the size limit without reading it', async () => {
    const c = context(() => Promise.resolve({ name: 'x' }));
    const file = { ...checkOpenPath(path.join(dir, 'animals.csv')), size: 5 * 1024 * 1024 };
    await openFile(file, c.ctx);
    expect(c.sent).toEqual([
      { type: 'menu', action: 'open-failed', message: '"animals.csv" is too large for a vocabulary (at most 4 MiB).' },
    ]);
    expect(c.remembered).toEqual([]);
  });
});
