import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExplorerService } from '../../../main/core/service';
import { copyOfDefaultDb, tempDir } from '../../helpers/temp';
import { runCli } from '../../helpers/cli';

let db: string;
let dir: string;

beforeAll(() => {
  db = copyOfDefaultDb();
  dir = tempDir();
});

function cli(...args: string[]) {
  return runCli(['project', '--db', db, ...args]);
}

interface Doc {
  id: number;
  model: string;
  params: { nNeighbors: number; minDist: number; nEpochs: number; seed: number };
  seed: number;
  points: { word: string; x: number; y: number; z: number }[];
}

describe('embedding-explorer project', () => {
  it('runs headless twice with the same seed to the same coordinates, stores both, writes the file and stdout', async () => {
    const out = path.join(dir, 'layout.json');
    const a = cli('--top', '1000', '--seed', '7', '--epochs', '60', '--out', out, '--json');
    expect(a.code, a.stderr).toBe(0);
    expect(a.stderr).toMatch(/Optimising layout: epoch 60 of 60/);
    const fromStdout = JSON.parse(a.stdout) as Doc;
    const fromFile = JSON.parse(fs.readFileSync(out, 'utf8')) as Doc;
    expect(fromFile).toEqual(fromStdout);
    expect(fromFile.model).toBe('glove-6b-100d');
    expect(fromFile.seed).toBe(7);
    expect(fromFile.params).toEqual({ nNeighbors: 15, minDist: 0.1, nEpochs: 60, seed: 7 });
    expect(fromFile.points.length).toBeGreaterThanOrEqual(1000);
    expect(fromFile.points.map((p) => p.word)).toContain('walking');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const b = cli('--top', '1000', '--seed', '7', '--epochs', '60', '--json');
    expect(b.code, b.stderr).toBe(0);
    const again = JSON.parse(b.stdout) as Doc;
    expect(again.id).toBeGreaterThan(fromFile.id);
    let maxDiff = 0;
    again.points.forEach((p, i) => {
      const q = fromFile.points[i];
      expect(p.word).toBe(q.word);
      maxDiff = Math.max(maxDiff, Math.abs(p.x - q.x), Math.abs(p.y - q.y), Math.abs(p.z - q.z));
    });
    expect(maxDiff).toBeLessThanOrEqual(1e-6);

    // Stored like the app stores it.
    const service = ExplorerService.open({ dbPath: db });
    try {
      const stored = await service.getProjection({ id: fromFile.id });
      expect(stored?.words).toEqual(fromFile.points.map((p) => p.word));
      expect(stored?.coords[0]).toBe(Math.fround(fromFile.points[0].x));
      expect(stored?.view).toEqual({ kind: 'top', top: 1000 });
      expect((await service.getProjection({ id: 'latest' }))?.id).toBe(again.id);
    } finally {
      service.close();
    }
  });

  it('projects the words of a file', () => {
    const file = path.join(dir, 'words.txt');
    fs.writeFileSync(
      file,
      '# the chapter\nvirtue\nmorality\n\nwalked\nwalking\nking\nqueen\nman\nwoman\nparis\nfrance\nlondon\nengland\nrome\nitaly\nberlin\ngermany\nmadrid\nspain\n',
    );
    const r = cli('--words', file, '--epochs', '50', '--neighbors', '5');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Saved projection \d+ "18 words · seed 42": 18 points of glove-6b-100d/);
  });

  it('names unknown words in --words FILE with their line numbers, and stores nothing', async () => {
    const file = path.join(dir, 'bad.txt');
    fs.writeFileSync(file, 'virtue\nmorality\nqqzzxxq\n\nwalked\nzzqqxxzz\n');
    const service = ExplorerService.open({ dbPath: db });
    const before = (await service.listProjections({})).length;
    service.close();
    const r = cli('--words', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`2 words in ${file} are not in glove-6b-100d; nothing was projected`);
    expect(r.stderr).toContain(`${file}:3: "qqzzxxq" is not in glove-6b-100d`);
    expect(r.stderr).toContain(`${file}:6: "zzqqxxzz" is not in glove-6b-100d`);
    const after = ExplorerService.open({ dbPath: db });
    expect((await after.listProjections({})).length).toBe(before);
    after.close();
  });

  it('refuses an empty or missing word file and bad options with clear messages', () => {
    const empty = path.join(dir, 'empty.txt');
    fs.writeFileSync(empty, '\n# nothing\n\n');
    let r = cli('--words', empty);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`The word list ${empty} is empty: give one word per line.`);
    r = cli('--words', path.join(dir, 'nope.txt'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot read the word list .*nope\.txt: no such file/);
    r = cli('--min-dist', 'abc');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--min-dist must be a number (got "abc")');
    r = cli('--top', '50');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--top must be between 1000 and 200000 (got 50)');
    r = cli('--top', '1000', '--words', empty);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('give either --top or --words, not both');
    r = cli('--neighbors', '1');
    expect(r.code).toBe(2);
  });
});
