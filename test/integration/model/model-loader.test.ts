import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largeModelWord, writeLargeBin } from '../../../main/bench/large-model';
import { ModelLoader } from '../../../main/core/model/model-loader';
import { exactScan } from '../../../main/core/search/exact-scan';
import { ExplorerService } from '../../../main/core/service';
import { BLOCK_ROWS } from '../../../main/core/store/model-writer';
import { readModel, type StoredModel } from '../../../main/core/store/vector-blocks';
import { tempDir } from '../../helpers/temp';

/** Several stored blocks, so "only the blocks a map needs" is something a test can see. */
const SPEC = { words: BLOCK_ROWS * 3 + 500, dims: 24, clusters: 30, seed: 3 };
const NAME = 'staged';

let service: ExplorerService;
let reference: StoredModel;

beforeAll(async () => {
  const dir = tempDir('ee-loader-');
  const file = path.join(dir, 'staged.bin');
  writeLargeBin(file, SPEC);
  service = ExplorerService.open({ dbPath: path.join(dir, 'store.db') });
  await service.importModel({ path: file, name: NAME });
  reference = readModel(service.db, NAME);
});
afterAll(() => service?.close());

const rowOf = (v: Float32Array, i: number, d = SPEC.dims) => Array.from(v.subarray(i * d, (i + 1) * d));
const isZero = (v: Float32Array, i: number) => rowOf(v, i).every((x) => x === 0);

describe('a model loaded in stages', () => {
  it('opens with words and norms only, and a map of the top words reads just their blocks', async () => {
    const model = await service.partialModel(NAME);
    expect(model.complete).toBe(false);
    expect(model.words).toEqual(reference.words);
    expect(Array.from(model.norms)).toEqual(Array.from(reference.norms));
    const view = await service.viewData({ model: NAME, view: { kind: 'top', top: 1000 } });
    const first = view.ranks[0];
    expect(rowOf(view.vectors, 0)).toEqual(rowOf(reference.vectors, first));
    // The last block was never needed, so it was never read.
    expect(isZero(model.vectors, SPEC.words - 1)).toBe(true);
    expect(model.complete).toBe(false);
    // Searching a partly read model would see zeros: it refuses instead.
    expect(() => model.neighborsOf(0, 5)).toThrow(/before its vectors were read/);
  });

  it('reads the blocks of words asked for by vectorsOf, wherever they are', async () => {
    const rows = [5, BLOCK_ROWS * 2 + 7, SPEC.words - 1];
    const got = await service.vectorsOf({ model: NAME, words: rows.map(largeModelWord) });
    expect(Array.from(got.ranks)).toEqual(rows);
    rows.forEach((r, i) => expect(rowOf(got.vectors, i)).toEqual(rowOf(reference.vectors, r)));
  });

  it('becomes complete, in one load however many ask, and then searches exactly', async () => {
    const partial = await service.partialModel(NAME);
    const [a, b] = await Promise.all([service.model(NAME), service.model(NAME)]);
    expect(a).toBe(b);
    expect(a).toBe(partial);
    expect(a.complete).toBe(true);
    expect(Array.from(a.vectors)).toEqual(Array.from(reference.vectors));
    for (const q of [0, 4100, SPEC.words - 1]) {
      const want = exactScan(reference.vectors, SPEC.dims, reference.vectors.subarray(q * SPEC.dims, (q + 1) * SPEC.dims), 10, q);
      expect(a.neighborsOf(q, 10).map((h) => h.index)).toEqual(want.map((h) => h.index));
    }
  });

  it('returns to the event loop while it reads, reports progress, and stops when asked', async () => {
    // A yield after every block: an immediate queued before the load runs before the load ends.
    const loader = new ModelLoader(service.db, NAME, undefined, 1);
    let ranBetween = false;
    setImmediate(() => (ranBetween = true));
    const fractions: number[] = [];
    const ranWhenDone = await loader.loadAll((f) => fractions.push(f)).then(() => ranBetween);
    expect(ranWhenDone).toBe(true);
    expect(fractions.length).toBe(4); // one report per block
    expect(fractions.at(-1)).toBe(1);
    expect(loader.model.complete).toBe(true);
    loader.dispose();
    // Without yields the whole load is one synchronous stretch.
    const eager = new ModelLoader(service.db, NAME, undefined, Infinity);
    let ranEager = false;
    setImmediate(() => (ranEager = true));
    expect(await eager.loadAll().then(() => ranEager)).toBe(false);
    eager.dispose();
    const stopped = new ModelLoader(service.db, NAME);
    await expect(stopped.loadAll(undefined, () => true)).rejects.toMatchObject({ code: 'cancelled' });
    expect(stopped.model.complete).toBe(false);
  });

  it('forgets a model that is deleted, and says so plainly', async () => {
    await service.model(NAME);
    expect(service.deleteModel({ name: NAME })).toBe(true);
    await expect(service.model(NAME)).rejects.toThrow(/There is no model named "staged"/);
    await expect(service.partialModel(NAME)).rejects.toThrow(/There is no model named "staged"/);
  });
});
