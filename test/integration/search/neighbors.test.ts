import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactScan } from '../../../main/core/search/exact-scan';
import type { Model } from '../../../main/core/model/model';
import { ExplorerService } from '../../../main/core/service';
import { sharedDefaultDb } from '../../helpers/temp';

let service: ExplorerService;
let model: Model;

beforeAll(async () => {
  service = ExplorerService.open({ dbPath: sharedDefaultDb() });
  model = await service.model();
});
afterAll(() => service.close());

const top = async (word: string, k = 10) => (await service.neighbors({ words: [word], k }))[0];

describe('exact nearest neighbours on the real default model', () => {
  it("virtue's top 10 contains morality; walked's contains walking", async () => {
    const [virtue, walked] = await service.neighbors({ words: ['virtue', 'walked'], k: 10 });
    expect(virtue.neighbors!.map((n) => n.word)).toContain('morality');
    expect(walked.neighbors!.map((n) => n.word)).toContain('walking');
    expect(virtue.neighbors!.map((n) => n.word)).not.toContain('virtue');
  });

  it('equals a plain reference scan over the whole vocabulary, word for word, to 1e-5', () => {
    // 200 queries spread over the frequency range, frequent to rare, plus punctuation and digits.
    const queries = [0, 1, 2, 7, 100];
    for (let i = 0; i < 195; i++) queries.push(Math.floor(((i * 7919) % 195) * (model.size / 195)) + (i % 13));
    for (const q of queries) {
      const got = model.neighborsOf(q, 10);
      const ref = exactScan(model.vectors, model.dims, model.row(q), 10, q);
      expect(got.map((h) => h.index)).toEqual(ref.map((h) => h.index));
      got.forEach((h, j) => expect(Math.abs(h.score - ref[j].score)).toBeLessThan(1e-5));
    }
  });

  it('orders by similarity, then frequency rank', async () => {
    const r = await top('king', 50);
    const n = r.neighbors!;
    for (let i = 1; i < n.length; i++) {
      expect(n[i - 1].similarity > n[i].similarity || (n[i - 1].similarity === n[i].similarity && n[i - 1].rank < n[i].rank)).toBe(true);
    }
  });

  it('matches exactly first, then lower-case', async () => {
    const r = await top('Virtue');
    expect(r.matched).toBe('virtue');
    expect(r.neighbors!.map((n) => n.word)).toContain('morality');
  });

  it('explains an unknown word and offers close spellings', async () => {
    const r = await top('virtuue');
    expect(r.neighbors).toBeUndefined();
    expect(r.error!.code).toBe('unknown-word');
    expect(r.error!.suggestions).toContain('virtue');
    expect(r.error!.message).toMatch(/"virtuue" is not in glove-6b-100d\. Did you mean: .*virtue/);
  });

  it('explains an empty query', async () => {
    const r = await top('   ');
    expect(r.error!.code).toBe('empty-query');
  });

  it('answers large k with distinct words, and completes prefixes by frequency', async () => {
    const r = await top('virtue', 1000);
    expect(new Set(r.neighbors!.map((n) => n.word)).size).toBe(1000);
    const { words } = await service.complete({ prefix: 'virt', limit: 5 });
    expect(words[0]).toBe('virtually');
    expect(words).toContain('virtue');
    expect(words.every((w) => w.startsWith('virt'))).toBe(true);
  });

  it('refuses an unknown model by name', async () => {
    await expect(service.neighbors({ words: ['virtue'], model: 'nope' })).rejects.toThrow(/no model named "nope"/);
  });
});
