import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { W2V_KERNEL_WASM_BASE64 } from '../../../main/core/train/w2v-kernel-wasm';
import { createTrainingMemory, layoutFor } from '../../../main/core/train/w2v-memory';

/** Python's bisect_left, the reference gensim uses for its negative draws. */
function bisectLeft(a: Uint32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

describe('negative draws', () => {
  it('the kernel finds the same word as bisect_left over the cumulative table, for any counts', () => {
    const module = new WebAssembly.Module(Buffer.from(W2V_KERNEL_WASM_BASE64, 'base64'));
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 3000 }),
        fc.array(fc.integer({ min: 0, max: 2 ** 31 - 2 }), { minLength: 1, maxLength: 50 }),
        (counts, xs) => {
          counts.sort((a, b) => b - a);
          const layout = layoutFor(counts.length, 8, 1);
          const memory = createTrainingMemory(layout, Float64Array.from(counts), { seed: 1, sample: 1e-3, totalKept: 1e6 });
          const k = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as {
            setup(...a: number[]): void;
            bisect(x: number): number;
          };
          const L = layout;
          k.setup(L.syn0, L.syn1, L.cum, L.vocab, L.sint, L.expT, L.logT, L.rowBytes, 5, 5, 1, L.scratch, 0, 1, L.buckets);
          const cum = new Uint32Array(memory.buffer, L.cum, L.vocab);
          expect(cum[L.vocab - 1]).toBe(2 ** 31 - 1);
          for (const x of xs) {
            const v = x % cum[L.vocab - 1];
            expect(k.bisect(v)).toBe(bisectLeft(cum, v));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
