import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOUND_SLACK, META_PER_ROW, quantizeRows, quantizeRowsPlain, strideOf } from '../../../main/core/search/quantize';

/** The quantisation as first written (branch on the sign), kept as the reference the fast ones must match. */
function referenceQuantize(vectors: Float32Array, dims: number, rows: number, q8: Int8Array, meta: Float32Array): void {
  const stride = strideOf(dims);
  for (let r = 0; r < rows; r++) {
    const base = r * dims;
    let max = 0;
    for (let j = 0; j < dims; j++) {
      const a = vectors[base + j];
      if (a > max) max = a;
      else if (-a > max) max = -a;
    }
    const s = Math.fround(max > 0 ? max / 127 : 1);
    const inv = 1 / s;
    let err = 0;
    let dq = 0;
    for (let j = 0; j < dims; j++) {
      const v = vectors[base + j];
      const x = v * inv;
      let q = x >= 0 ? (x + 0.5) | 0 : -((0.5 - x) | 0);
      q = q > 127 ? 127 : q < -127 ? -127 : q;
      q8[r * stride + j] = q;
      const deq = s * q;
      err += (v - deq) * (v - deq);
      dq += deq * deq;
    }
    meta[r * META_PER_ROW] = s;
    meta[r * META_PER_ROW + 1] = Math.sqrt(err) * (1 + BOUND_SLACK) + 1e-7;
    meta[r * META_PER_ROW + 2] = Math.sqrt(dq) * (1 + BOUND_SLACK) + 1e-7;
  }
}

function quantizeBoth(vectors: Float32Array, dims: number) {
  const rows = vectors.length / dims;
  const fast = { q8: new Int8Array(rows * strideOf(dims)).fill(99), meta: new Float32Array(rows * META_PER_ROW) };
  const ref = { q8: new Int8Array(rows * strideOf(dims)), meta: new Float32Array(rows * META_PER_ROW) };
  const plain = { q8: new Int8Array(rows * strideOf(dims)).fill(99), meta: new Float32Array(rows * META_PER_ROW) };
  quantizeRows(vectors, dims, 0, rows, fast.q8, fast.meta);
  quantizeRowsPlain(vectors, dims, 0, rows, plain.q8, plain.meta);
  referenceQuantize(vectors, dims, rows, ref.q8, ref.meta);
  // The WebAssembly kernel and the plain version give the reference's bytes exactly.
  expect(Buffer.from(plain.q8.buffer).equals(Buffer.from(ref.q8.buffer))).toBe(true);
  expect(Buffer.from(plain.meta.buffer).equals(Buffer.from(ref.meta.buffer))).toBe(true);
  return { fast, ref };
}

/** Rows scaled to unit length, as the store keeps them (zero rows stay zero). */
function unit(values: number[], dims: number): Float32Array {
  const out = new Float32Array(values);
  for (let r = 0; r < out.length / dims; r++) {
    let sq = 0;
    for (let j = 0; j < dims; j++) sq += out[r * dims + j] ** 2;
    const inv = sq > 0 ? 1 / Math.sqrt(sq) : 0;
    for (let j = 0; j < dims; j++) out[r * dims + j] *= inv;
  }
  return out;
}

describe('quantizeRows', () => {
  it('gives exactly the reference output on random unit rows, ties, signed zeros and zero rows', () => {
    const value = fc.oneof(
      fc.double({ min: -1, max: 1, noNaN: true }),
      fc.constantFrom(0, -0, 0.5, -0.5, 1, -1),
      fc.integer({ min: -254, max: 254 }).map((k) => k / 254),
    );
    const rows = fc
      .integer({ min: 1, max: 40 })
      .chain((dims) =>
        fc.tuple(fc.constant(dims), fc.array(fc.array(value, { minLength: dims, maxLength: dims }), { minLength: 1, maxLength: 6 })),
      );
    fc.assert(
      fc.property(rows, ([dims, rs]) => {
        for (const vectors of [unit(rs.flat(), dims), new Float32Array(rs.flat())]) {
          const { fast, ref } = quantizeBoth(vectors, dims);
          expect(Array.from(fast.q8)).toEqual(Array.from(ref.q8));
          expect(Array.from(fast.meta)).toEqual(Array.from(ref.meta));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('matches the reference on rows so small that the scale rounds to zero', () => {
    // Not unit rows (the store never has these), but the kernel must not trap or differ.
    for (const row of [
      [0, -7e-46],
      [1e-44, 0, -1e-45, 3e-45],
      [1e-40, -2e-41, 0, 0, 5e-42],
    ]) {
      const { fast, ref } = quantizeBoth(new Float32Array(row), row.length);
      expect(Array.from(fast.q8)).toEqual(Array.from(ref.q8));
      expect(Array.from(fast.meta)).toEqual(Array.from(ref.meta));
    }
  });

  it('quantises more rows than the kernel takes at once, in order', () => {
    let seed = 3;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const dims = 2000; // 4 MB of float32 is 524 rows: three calls
    const vectors = unit(
      Array.from({ length: 1200 * dims }, () => rnd()),
      dims,
    );
    const { fast, ref } = quantizeBoth(vectors, dims);
    expect(Buffer.from(fast.q8.buffer).equals(Buffer.from(ref.q8.buffer))).toBe(true);
    expect(Buffer.from(fast.meta.buffer).equals(Buffer.from(ref.meta.buffer))).toBe(true);
  });

  it('matches the reference on 300-dimensional rows and writes at the given row offset', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const dims = 300;
    const vectors = unit(
      Array.from({ length: 50 * dims }, () => rnd()),
      dims,
    );
    const { fast, ref } = quantizeBoth(vectors, dims);
    expect(Buffer.from(fast.q8.buffer).equals(Buffer.from(ref.q8.buffer))).toBe(true);
    expect(Buffer.from(fast.meta.buffer).equals(Buffer.from(ref.meta.buffer))).toBe(true);
    // Rows 10..19 quantised into rows 3..12 of the output.
    const q8 = new Int8Array(20 * strideOf(dims));
    const meta = new Float32Array(20 * META_PER_ROW);
    quantizeRows(vectors, dims, 10, 10, q8, meta, 3);
    const stride = strideOf(dims);
    expect(Array.from(q8.subarray(3 * stride, 13 * stride))).toEqual(Array.from(ref.q8.subarray(10 * stride, 20 * stride)));
    expect(Array.from(meta.subarray(3 * META_PER_ROW, 13 * META_PER_ROW))).toEqual(
      Array.from(ref.meta.subarray(10 * META_PER_ROW, 20 * META_PER_ROW)),
    );
    // The same rows given as a view that starts inside its buffer.
    const q8b = new Int8Array(10 * stride);
    quantizeRows(vectors.subarray(10 * dims, 20 * dims), dims, 0, 10, q8b, new Float32Array(10 * META_PER_ROW));
    expect(Array.from(q8b)).toEqual(Array.from(ref.q8.subarray(10 * stride, 20 * stride)));
  });
});
