import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_VOCABULARY_CHARS } from '../../../common/contract/contract';
import { checkOpenPath, checkOpenPaths, filesFromArgv, kindOf, MAX_OPEN_PATHS } from '../../../main/electron/file-kinds';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'file-kinds-'));
  fs.writeFileSync(path.join(dir, 'wiki.vec'), '2 3\na 1 2 3\nb 4 5 6\n');
  fs.writeFileSync(path.join(dir, 'words.csv'), 'word,label\ncat,animal\n');
  fs.writeFileSync(path.join(dir, 'notes.pdf'), '%PDF');
  fs.mkdirSync(path.join(dir, 'folder.vec'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('files opened from the OS, dialogs and drops', () => {
  it('tells models from vocabularies by name and size', () => {
    expect(kindOf('wiki.en.vec', 10)).toBe('model');
    expect(kindOf('cc.en.300.VEC.GZ', 10)).toBe('model');
    expect(kindOf('GoogleNews.bin', 10)).toBe('model');
    expect(kindOf('animals.csv', 10)).toBe('vocabulary');
    expect(kindOf('list.txt', 100)).toBe('vocabulary');
    expect(kindOf('glove.6B.100d.txt', MAX_VOCABULARY_CHARS + 1)).toBe('model');
    expect(kindOf('report.pdf', 10)).toBeNull();
    expect(kindOf('archive.tar', 10)).toBeNull();
  });

  it('accepts existing files of a known kind', () => {
    expect(checkOpenPath(path.join(dir, 'wiki.vec'))).toMatchObject({ kind: 'model', path: path.join(dir, 'wiki.vec') });
    expect(checkOpenPath(path.join(dir, 'words.csv')).kind).toBe('vocabulary');
  });

  it('refuses anything else with a message naming the file', () => {
    const cases: [unknown, RegExp][] = [
      [undefined, /missing/],
      [42, /missing/],
      ['', /missing/],
      ['relative/wiki.vec', /not an absolute path/],
      [path.join(dir, 'nope.vec'), /"nope\.vec" cannot be found/],
      [path.join(dir, 'folder.vec'), /"folder\.vec" is not a file/],
      [path.join(dir, 'notes.pdf'), /"notes\.pdf" is neither/],
      [`${dir}/wiki.vec\0.csv`, /not valid/],
      ['/' + 'a'.repeat(5000), /not valid/],
    ];
    for (const [input, message] of cases) expect(() => checkOpenPath(input), String(input).slice(0, 40)).toThrow(message);
  });

  it('checks a list: not a list or too long is refused, bad entries are reported one by one', () => {
    expect(() => checkOpenPaths('x')).toThrow(/list/);
    expect(() => checkOpenPaths(Array(MAX_OPEN_PATHS + 1).fill(path.join(dir, 'wiki.vec')))).toThrow(/At most/);
    const r = checkOpenPaths([path.join(dir, 'wiki.vec'), path.join(dir, 'notes.pdf'), 7]);
    expect(r.ok.map((f) => f.kind)).toEqual(['model']);
    expect(r.errors).toHaveLength(2);
  });

  it('ends every generated input in a result or an Error, never anything else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.string(),
          fc.string().map((s) => path.join(dir, s)),
        ),
        (input) => {
          try {
            const r = checkOpenPath(input);
            expect(fs.statSync(r.path).isFile()).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(Error);
            expect((e as Error).message.length).toBeGreaterThan(5);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('finds files on a command line, skipping options and the app itself', () => {
    expect(
      filesFromArgv(
        ['/opt/app/embedding-explorer', '--db', '/x/e.db', 'wiki.vec', '/data/a.csv', 'out/main/electron.js', '--inspect'],
        '/home/u',
      ),
    ).toEqual([path.resolve('/home/u', 'wiki.vec'), '/data/a.csv']);
  });
});
