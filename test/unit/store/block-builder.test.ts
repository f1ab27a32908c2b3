import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasQuantizeKernel } from '../../../main/core/search/quantize';
import { BLOCK_ROWS, BlockBuilder, type VectorBlock } from '../../../main/core/store/block-builder';

/** Every block a builder emits for `rows` (each added as `kind` of array), as plain bytes. */
function build(rows: number[][], dims: number, kind: (i: number) => 'f32' | 'f64' | 'array'): { words: string; bytes: number[] }[] {
  const out: VectorBlock[] = [];
  const b = new BlockBuilder(dims, (block) => out.push(block));
  rows.forEach((r, i) => {
    const k = kind(i);
    // Values are float32 either way, so every kind holds the same numbers.
    const f32 = new Float32Array(r);
    const values = k === 'f32' ? f32 : k === 'f64' ? new Float64Array(f32) : Array.from(f32);
    b.add(`w${i}`, values, 0);
  });
  b.flush();
  return out.map((block) => ({
    words: block.words,
    bytes: [block.data, block.norms].flatMap((a) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))),
  }));
}

/** The reference: plain JavaScript normalisation. */
function reference(rows: number[][], dims: number): { data: Float32Array; norms: Float32Array } {
  const n = rows.length;
  const data = new Float32Array(n * dims);
  const norms = new Float32Array(n);
  rows.forEach((r, i) => {
    const f = new Float32Array(r);
    let sq = 0;
    for (let j = 0; j < dims; j++) sq += f[j] * f[j];
    const norm = Math.sqrt(sq);
    const inv = norm > 0 ? 1 / norm : 0;
    for (let j = 0; j < dims; j++) data[i * dims + j] = f[j] * inv;
    norms[i] = norm;
  });
  return { data, norms };
}

const value = fc.oneof(fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.constantFrom(0, -0, 1e-30, -3.5));

describe('BlockBuilder', () => {
  it('stores the same bits whether rows come as float32 (the kernel) or as other arrays, mixed too', () => {
    const input = fc
      .integer({ min: 1, max: 21 })
      .chain((dims) =>
        fc.tuple(fc.constant(dims), fc.array(fc.array(value, { minLength: dims, maxLength: dims }), { minLength: 1, maxLength: 30 })),
      );
    // Float32 rows take the WebAssembly path only where it loads, as it does here.
    expect(hasQuantizeKernel()).toBe(true);
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 40 }), ([dims, rows], switchAt) => {
        const kernel = build(rows, dims, () => 'f32');
        expect(build(rows, dims, () => 'f64')).toEqual(kernel);
        expect(build(rows, dims, () => 'array')).toEqual(kernel);
        expect(build(rows, dims, (i) => (i < switchAt ? 'f32' : 'f64'))).toEqual(kernel);
        const ref = reference(rows, dims);
        const refBytes = [ref.data, ref.norms].flatMap((a) => Array.from(new Uint8Array(a.buffer)));
        expect(kernel).toEqual([{ words: rows.map((_, i) => `w${i}`).join('\n'), bytes: refBytes }]);
      }),
      { numRuns: 200 },
    );
  });

  it('emits full blocks of BLOCK_ROWS rows and the rest on flush, reusing spare buffers', () => {
    const dims = 5;
    const blocks: VectorBlock[] = [];
    const spare: ArrayBuffer[] = [];
    const b = new BlockBuilder(
      dims,
      (block) => {
        blocks.push(block);
        spare.push(block.data.buffer as ArrayBuffer);
      },
      () => spare.pop(),
    );
    const row = new Float32Array(dims);
    for (let i = 0; i < 2 * BLOCK_ROWS + 7; i++) {
      row.fill(0);
      row[i % dims] = 1 + i;
      b.add(`w${i}`, row, 0);
    }
    expect(blocks.map((x) => x.rows)).toEqual([BLOCK_ROWS, BLOCK_ROWS]);
    expect(b.pending).toBe(7);
    b.flush();
    expect(blocks.map((x) => x.rows)).toEqual([BLOCK_ROWS, BLOCK_ROWS, 7]);
    // Each block went into the buffer handed back before it.
    expect(blocks[1].data.buffer).toBe(blocks[0].data.buffer);
    expect(blocks[2].data.buffer).toBe(blocks[1].data.buffer);
    expect(blocks[2].words.split('\n')).toEqual(['w8192', 'w8193', 'w8194', 'w8195', 'w8196', 'w8197', 'w8198']);
    expect(Array.from(blocks[2].data.subarray(0, dims))).toEqual([0, 0, 1, 0, 0]);
    expect(blocks[2].norms[0]).toBe(2 * BLOCK_ROWS + 1);
  });
});
