import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDefaultDb, tempDir } from '../../helpers/temp';
import { write } from '../import/vector-files';
import { runCli } from '../../helpers/cli';

function cli(...args: string[]) {
  return runCli([...args], { EMBEDDING_EXPLORER_DB: sharedDefaultDb() });
}

describe('geometry commands', () => {
  it('analogy man king woman ranks queen first; neighbors "king - man + woman" gives the same list', () => {
    const a = cli('analogy', 'man', 'king', 'woman', '--json');
    expect(a.code, a.stderr).toBe(0);
    const out = JSON.parse(a.stdout);
    expect(out).toMatchObject({ model: 'glove-6b-100d', query: 'king - man + woman', method: 'add' });
    expect(out.neighbors).toHaveLength(10);
    expect(out.neighbors[0].word).toBe('queen');
    const n = cli('neighbors', 'king - man + woman', '--json');
    expect(n.code).toBe(0);
    const [expr] = JSON.parse(n.stdout);
    expect(expr.query).toBe('king - man + woman');
    expect(expr.neighbors).toEqual(out.neighbors);
  });

  it('takes --method mul and --k', () => {
    const r = cli('analogy', 'man', 'king', 'woman', '--method', 'mul', '--k', '3', '--json');
    const out = JSON.parse(r.stdout);
    expect(out.method).toBe('mul');
    expect(out.neighbors.map((x: { word: string }) => x.word)).toEqual(['queen', 'monarch', 'throne']);
    expect(cli('analogy', 'man', 'king', '--json').code).toBe(2);
    expect(cli('analogy', 'man', 'king', 'woman', '--method', 'div').code).toBe(2);
  });

  it('points at the column of an expression error on stderr, exit code 1', () => {
    const r = cli('neighbors', 'king - - ');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"-" needs a word after it.\nking - - \n       ^');
    const j = cli('neighbors', 'kng + woman', '--json');
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout)[0]).toMatchObject({ query: 'kng + woman', column: 1, suggestions: expect.arrayContaining(['king']) });
  });

  it('doesnt-match prints the odd word and each similarity to the mean', () => {
    const r = cli('doesnt-match', 'breakfast', 'cereal', 'dinner', 'lunch', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['model', 'words', 'odd', 'similarities']);
    expect(out.odd).toBe('cereal');
    expect(out.similarities).toHaveLength(4);
    expect(cli('doesnt-match', 'one').code).toBe(2);
  });

  it('evaluate pairs and analogies print gensim’s figures under the issue’s names', () => {
    const dir = tempDir();
    const pairs = write(
      dir,
      'pairs.tsv',
      '# test\nking\tqueen\t9\nking\tcabbage\t0.5\nman\twoman\t8\nQueen\tprincess\t8.5\nxqzv\tking\t1\n',
    );
    const p = cli('evaluate', 'pairs', pairs, '--json');
    expect(p.code, p.stderr).toBe(0);
    const po = JSON.parse(p.stdout);
    expect(Object.keys(po)).toEqual(['model', 'file', 'pairs', 'skipped', 'oov_ratio', 'pearson', 'spearman']);
    expect(po).toMatchObject({ file: 'pairs.tsv', pairs: 4, skipped: 1, oov_ratio: 20 });
    const questions = write(
      dir,
      'q.txt',
      ': family\nman king woman queen\nboy girl man woman\nman king woman xqzv\n: capitals\nathens greece paris france\n',
    );
    const a = cli('evaluate', 'analogies', questions, '--json');
    expect(a.code, a.stderr).toBe(0);
    const ao = JSON.parse(a.stdout);
    expect(Object.keys(ao)).toEqual(['model', 'file', 'questions', 'skipped', 'correct', 'accuracy', 'sections']);
    expect(ao).toMatchObject({ questions: 4, skipped: 1 });
    expect(ao.sections.map((s: { name: string }) => s.name)).toEqual(['family', 'capitals']);
    expect(ao.sections[0]).toMatchObject({ name: 'family', total: 2 });
    expect(cli('evaluate', 'analogies', path.join(dir, 'missing.txt')).code).toBe(1);
    expect(cli('evaluate', 'words', pairs).code).toBe(2);
  });
});
