import { beforeAll, describe, expect, it } from 'vitest';
import { copyOfDefaultDb, tempDir } from '../../helpers/temp';
import { fixture, gloveText, word2vecBinary, write } from '../import/vector-files';
import { runCli } from '../../helpers/cli';

let db: string;
let dir: string;

function cli(...args: string[]) {
  return runCli([...args, '--db', db]);
}

beforeAll(() => {
  db = copyOfDefaultDb();
  dir = tempDir('ee-cli-import-');
});

describe('embedding-explorer import', () => {
  it('prints name, words, dimensions and the detected format (text and JSON)', () => {
    const F = fixture(
      Array.from({ length: 50 }, (_, i) => `word${i}`),
      6,
    );
    const text = cli('import', write(dir, 'mini.txt.gz', gloveText(F), true), '--limit', '20');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Imported mini: 20 words, 6 dimensions\n\s+format\s+glove-text \(gzip\) \(stopped at --limit\)/);
    const json = cli('import', write(dir, 'mini.bin', word2vecBinary(F)), '--name', 'mini-bin', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ name: 'mini-bin', words: 50, dims: 6, format: 'word2vec-binary', compressed: false });
    const models = JSON.parse(cli('models', '--json').stdout) as { name: string; format: string }[];
    expect(models.map((m) => [m.name, m.format])).toEqual(
      expect.arrayContaining([
        ['mini', 'glove-text+gzip'],
        ['mini-bin', 'word2vec-binary'],
      ]),
    );
  });

  it('fails with exit code 1 and the file and line on stderr for a bad file', () => {
    const file = write(dir, 'broken.txt', 'a 1 2\nb 1 oops\n');
    const r = cli('import', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}, line 2: "oops" is not a number (value 2 of "b").`);
    expect(r.stdout).toBe('');
  });

  it('rejects a wrong --format with usage exit code 2', () => {
    expect(cli('import', 'x.txt', '--format', 'csv').code).toBe(2);
  });

  it('uses, renames and deletes models (delete needs --yes)', () => {
    expect(cli('models', 'use', 'mini').code).toBe(0);
    expect(cli('models').stdout).toMatch(/^\* mini\s/m);
    expect(cli('models', 'rename', 'mini', 'tiny').code).toBe(0);
    expect(cli('models', 'delete', 'tiny').code).toBe(2);
    expect(cli('models', 'delete', 'tiny', '--yes').code).toBe(0);
    expect(cli('models', '--json').stdout).not.toContain('"tiny"');
  });
});

describe('embedding-explorer vocab', () => {
  it('adds a file, reporting what is missing with suggestions; lists, shows and removes', () => {
    const file = write(dir, 'ethics.csv', 'word,label\nvirtue,good\nmorality,good\nvice,bad\nmoralty,good\n');
    const add = cli('vocab', 'add', file, '--model', 'glove-6b-100d');
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/^Saved ethics \(id (\d+)\) for glove-6b-100d: 4 entries, 3 found\./);
    expect(add.stdout).toMatch(/not found: moralty \(did you mean: .*morality.*\?\)/);
    const id = /id (\d+)/.exec(add.stdout)![1];
    const list = JSON.parse(cli('vocab', 'list', '--json').stdout) as { id: number; name: string; labels: string[] }[];
    expect(list.find((v) => v.id === Number(id))).toMatchObject({ name: 'ethics', labels: ['good', 'bad'] });
    const show = cli('vocab', 'show', id);
    expect(show.stdout).toMatch(/moralty\s+good\s+not found/);
    expect(cli('vocab', 'remove', id).code).toBe(0);
    expect(cli('vocab', 'show', id).code).toBe(1);
  });

  it('lists and adds the shipped samples', () => {
    expect(cli('vocab', 'samples').stdout).toContain('countries-capitals');
    const r = cli('vocab', 'add-sample', 'verb-tenses', '--json');
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'Verbs in several tenses', counts: { notFound: 0 } });
  });
});
