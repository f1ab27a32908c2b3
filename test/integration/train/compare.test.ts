import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExplorerService } from '../../../main/core/service';
import { copyOfDefaultDb, tempDir } from '../../helpers/temp';
import { plantedCorpus, TOPIC_A, TOPIC_B, writeFile } from './corpora';
import { runCli } from '../../helpers/cli';

const dir = tempDir('ee-compare-');
const corpus = writeFile(dir, 'topics.txt', plantedCorpus(6000));
let dbPath: string;

function cli(...args: string[]) {
  return runCli([...args, '--db', dbPath]);
}

beforeAll(() => {
  dbPath = copyOfDefaultDb();
});

describe('train and compare on the command line', () => {
  it('train --json prints the model, its size, the time and the parameters; progress and counts go to stderr', () => {
    const r = cli('train', corpus, '--name', 'topics', '--dims', '24', '--min-count', '1', '--threads', '1', '--seed', '3', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['dims', 'model', 'params', 'seconds', 'tokens', 'words', 'words_per_s']);
    expect(out).toMatchObject({ model: 'topics', words: 60, dims: 24 });
    expect(out.params).toMatchObject({ dims: 24, window: 5, minCount: 1, negative: 5, sample: 0.001, epochs: 5, threads: 1, seed: 3 });
    expect(out.words_per_s).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/Corpus: 1 file, 6,000 sentences/);
    expect(r.stderr).toMatch(/Training topics: done/);
  });

  it('refuses bad usage with exit code 2 and a bad corpus with exit code 1', () => {
    expect(cli('train', corpus).code).toBe(2);
    expect(cli('train', corpus, '--name', 'x', '--dims', '0').code).toBe(2);
    const missing = cli('train', path.join(dir, 'nope.txt'), '--name', 'x');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.txt: no such file or folder/);
  });

  it('compare --json lists words least overlap first with both neighbour lists', () => {
    const words = writeFile(dir, 'words.txt', [...TOPIC_A.slice(0, 5), 'notaword', ...TOPIC_B.slice(0, 5)].join('\n'));
    const r = cli('compare', 'topics', 'glove-6b-100d', '--words', words, '--k', '5', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ a: 'topics', b: 'glove-6b-100d', shared: 60, k: 5, missing: ['notaword'] });
    expect(out.words).toHaveLength(10);
    for (const w of out.words) {
      expect(Object.keys(w).sort()).toEqual(['a', 'b', 'jaccard', 'word']);
      expect(w.a).toHaveLength(5);
      expect(w.b).toHaveLength(5);
      const inter = w.a.filter((x: string) => w.b.includes(x)).length;
      expect(w.jaccard).toBeCloseTo(inter / (10 - inter), 4);
    }
    const js = out.words.map((w: { jaccard: number }) => w.jaccard);
    expect(js).toEqual([...js].sort((x, y) => x - y));
    expect(out.mean_jaccard).toBeCloseTo(js.reduce((s: number, x: number) => s + x, 0) / js.length, 3);
    // Neighbours come from the shared words only, and both models keep animals apart from money.
    let sameTopic = 0;
    for (const w of out.words) {
      const own = TOPIC_A.includes(w.word) ? TOPIC_A : TOPIC_B;
      expect(w.a.every((x: string) => own.includes(x))).toBe(true);
      sameTopic += w.b.filter((x: string) => own.includes(x)).length;
    }
    expect(sameTopic / 50).toBeGreaterThan(0.8);
  });
});

describe('compareModels', () => {
  it('a model compared with itself overlaps fully; the default is the most frequent shared words', async () => {
    const service = ExplorerService.open({ dbPath });
    try {
      const self = await service.compareModels({ a: 'topics', b: 'topics', k: 5 });
      expect(self.shared).toBe(60);
      expect(self.words).toHaveLength(60);
      expect(self.meanJaccard).toBe(1);
      const top = await service.compareModels({ a: 'topics', b: 'glove-6b-100d', top: 7, k: 3 });
      expect(top.words).toHaveLength(7);
      await expect(service.compareModels({ a: 'topics', b: 'nope' })).rejects.toMatchObject({ code: 'unknown-model' });
    } finally {
      service.close();
    }
  });
});
