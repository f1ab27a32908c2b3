import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWordSet } from '../../../main/core/import/byte-word-set';

describe('ByteWordSet', () => {
  it('keeps the same words as a Set of their bytes, through growth and whatever it expected', () => {
    const word = fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 6 }),
      fc.nat(3000).map((k) => new TextEncoder().encode(`w${k}`)),
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 3000, maxLength: 12_000 }), fc.nat(20_000), (words, expected) => {
        const set = new ByteWordSet(expected);
        const ref = new Set<string>();
        // Words at varying offsets of one buffer, as they sit in a file's chunk.
        const buf = Buffer.concat(words.flatMap((w) => [Buffer.from([0x20]), Buffer.from(w)]));
        let at = 0;
        for (const w of words) {
          at += 1;
          const key = Buffer.from(w).toString('hex');
          expect(set.add(buf, at, at + w.length)).toBe(!ref.has(key));
          ref.add(key);
          at += w.length;
        }
        expect(set.size).toBe(ref.size);
      }),
      { numRuns: 60 },
    );
  });
});
