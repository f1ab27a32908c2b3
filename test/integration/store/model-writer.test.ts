import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/core/store/database';
import { BlockBuilder, type VectorBlock } from '../../../main/core/store/block-builder';
import { BLOCK_ROWS, ModelWriter } from '../../../main/core/store/model-writer';
import { findWordIndex, WORDS_BY_WORD_INDEX } from '../../../main/core/store/models-repo';
import type { Db } from '../../../main/core/store/database';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();

function write(db: Db, name: string, words: string[], failAtEnd = false): number {
  const w = new ModelWriter(db, { name, dims: 3, source: 'test', format: 'test' });
  words.forEach((word, i) => w.add(word, [1 + i, 2, 3]));
  w.finish();
  if (failAtEnd) throw new Error('the file ends badly');
  return w.modelId;
}

const indexSql = (db: Db) => db.prepare("SELECT sql FROM sqlite_master WHERE name = 'words_by_word'").pluck().get();
const words = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('ModelWriter words table', () => {
  it('fills the words table whether it rebuilds the index (large model) or updates it (small one)', () => {
    const { db } = openDatabase(path.join(dir, 'words.db'));
    const fresh = indexSql(db);
    expect(fresh).toBe(WORDS_BY_WORD_INDEX);
    // Into an empty store: the index is dropped and rebuilt.
    const big = db.transaction(() => write(db, 'big', words('w', 5000)))();
    expect(indexSql(db)).toBe(fresh);
    // A model a tenth the size: the index is updated in place.
    const small = db.transaction(() => write(db, 'small', ['w1', 'Zebra', 'w4999x']))();
    expect(indexSql(db)).toBe(fresh);
    expect(findWordIndex(db, big, 'w1234')).toBe(1234);
    expect(findWordIndex(db, big, 'w4999')).toBe(4999);
    expect(findWordIndex(db, small, 'w1')).toBe(0);
    expect(findWordIndex(db, small, 'zebra')).toBe(1);
    expect(findWordIndex(db, small, 'w4999x')).toBe(2);
    expect(findWordIndex(db, small, 'w2')).toBe(-1);
    // The index is used for look-ups, not a scan.
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT idx FROM words WHERE model_id = ? AND word = 'w2'").all(big) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/words_by_word/);
    db.close();
  });

  it('leaves the index as it was when an import that rebuilt it rolls back', () => {
    const { db } = openDatabase(path.join(dir, 'rollback.db'));
    const first = db.transaction(() => write(db, 'first', words('a', 100)))();
    expect(() => db.transaction(() => write(db, 'second', words('b', 1000), true))()).toThrow(/ends badly/);
    expect(indexSql(db)).toBe(WORDS_BY_WORD_INDEX);
    expect(db.prepare('SELECT count(*) FROM words').pluck().get()).toBe(100);
    expect(findWordIndex(db, first, 'a42')).toBe(42);
    db.close();
  });

  it('fills the words table block by block from ready blocks, whichever way the expected size picks', () => {
    const { db } = openDatabase(path.join(dir, 'blocks.db'));
    const base = db.transaction(() => write(db, 'base', words('b', 20_000)))();
    /** Stores `list` as ready blocks, telling the writer to expect `expected` words. */
    const viaBlocks = (name: string, list: string[], expected: number, failAtEnd = false) => {
      const w = new ModelWriter(db, { name, dims: 3, source: 'test', format: 'test' });
      const blocks: VectorBlock[] = [];
      const builder = new BlockBuilder(3, (b) => blocks.push(b));
      let indexDuring: unknown;
      list.forEach((word, i) => {
        builder.add(word, new Float32Array([1 + i, 2, 3]), 0);
        // Stored as they come, so the words table fills while "parsing" goes on.
        for (const b of blocks.splice(0)) {
          w.addBlock(b, expected);
          indexDuring ??= indexSql(db) ?? null;
        }
      });
      builder.flush();
      for (const b of blocks.splice(0)) w.addBlock(b, expected);
      w.finish();
      if (failAtEnd) throw new Error('the file ends badly');
      return { id: w.modelId, indexDuring };
    };
    // Expected to be small next to the store: the index is kept and updated.
    const small = db.transaction(() => viaBlocks('small', words('s', BLOCK_ROWS + 10), 10))();
    expect(small.indexDuring).toBe(WORDS_BY_WORD_INDEX);
    // Expected to be large: the index is dropped at the first block and rebuilt by finish().
    const large = db.transaction(() => viaBlocks('large', words('l', 2 * BLOCK_ROWS + 5), 1_000_000))();
    expect(large.indexDuring).toBe(null);
    expect(indexSql(db)).toBe(WORDS_BY_WORD_INDEX);
    expect(findWordIndex(db, small.id, `s${BLOCK_ROWS + 9}`)).toBe(BLOCK_ROWS + 9);
    expect(findWordIndex(db, large.id, 'l0')).toBe(0);
    expect(findWordIndex(db, large.id, `l${2 * BLOCK_ROWS + 4}`)).toBe(2 * BLOCK_ROWS + 4);
    expect(findWordIndex(db, base, 'b19999')).toBe(19999);
    const count = (id: number) => db.prepare('SELECT count(*) FROM words WHERE model_id = ?').pluck().get(id);
    expect([count(small.id), count(large.id)]).toEqual([BLOCK_ROWS + 10, 2 * BLOCK_ROWS + 5]);
    // A failure after the index was dropped leaves it, and the words, as they were.
    const before = db.prepare('SELECT count(*) FROM words').pluck().get();
    expect(() => db.transaction(() => viaBlocks('failed', words('f', BLOCK_ROWS + 1), 1_000_000, true))()).toThrow(/ends badly/);
    expect(indexSql(db)).toBe(WORDS_BY_WORD_INDEX);
    expect(db.prepare('SELECT count(*) FROM words').pluck().get()).toBe(before);
    db.close();
  });

  it('stores every word as SQLite stores it bound alone, whatever its characters (JSON-special, surrogates, numbers)', () => {
    const { db } = openDatabase(path.join(dir, 'any-words.db'));
    const roundTrip = db.prepare('SELECT ?').pluck();
    const word = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }),
      fc.constantFrom(
        '"',
        '\\',
        '\t',
        '\u0000',
        '\u0001',
        'null',
        'true',
        '12',
        '1e5',
        '[]',
        '{"a":1}',
        '\uD83D\uDE00',
        '\uD800',
        'x\uDC00',
      ),
    );
    let n = 0;
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 60 }), (list) => {
        const kept = list.filter((w) => !w.includes('\n'));
        fc.pre(kept.length > 0);
        const id = db.transaction(() => {
          const w = new ModelWriter(db, { name: `m${n++}`, dims: 2, source: 'test', format: 'test' });
          kept.forEach((x, i) => w.add(x, [1, i + 1]));
          w.finish();
          return w.modelId;
        })();
        const stored = db.prepare('SELECT word FROM words WHERE model_id = ? ORDER BY idx').pluck().all(id);
        expect(stored).toEqual(kept.map((x) => roundTrip.get(x)));
      }),
      { numRuns: 200 },
    );
    db.close();
  });
});
