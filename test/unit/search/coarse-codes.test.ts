import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  coarseBias,
  coarseBounds,
  coarseFullBytes,
  coarseQuery8,
  coarseQueryLength,
  coarseRowBytes,
} from '../../../main/core/search/coarse-codes';
import { coarseKernelModule } from '../../../main/core/search/coarse-kernel';
import { KERNEL_WASM_BASE64 } from '../../../main/core/search/kernel-wasm';
import { BOUND_SLACK, META_PER_ROW, quantizeRows, strideOf } from '../../../main/core/search/quantize';

interface Kernel {
  pack4(m8: number, rows: number, dims: number, codes: number, row4: number, a: number, b: number, c: number): void;
  coarse(...args: number[]): number;
}

const align = (x: number) => (x + 63) & ~63;

/** The real kernel over its own memory, laid out as QuantizedIndex lays it out. */
function build(vectors: Float32Array, dims: number) {
  const n = vectors.length / dims;
  const rows4 = Math.ceil(n / 4) * 4;
  const stride = strideOf(dims);
  const row4 = coarseRowBytes(dims);
  const full = coarseFullBytes(dims);
  const q = align(rows4 * dims + 16);
  const s8 = align(q + Math.max(stride, coarseQueryLength(dims)) * 2);
  const res8 = align(s8 + rows4 * 4);
  const qn8 = align(res8 + rows4 * 4);
  const m4 = align(qn8 + rows4 * 4);
  const s4 = align(m4 + rows4 * row4);
  const res4 = align(s4 + rows4 * 4);
  const qn4 = align(res4 + rows4 * 4);
  const out = align(qn4 + rows4 * 4);
  const pages = Math.ceil((out + rows4 * 8) / 65536) + 1;
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  const mod = new WebAssembly.Module(Buffer.from(KERNEL_WASM_BASE64, 'base64'));
  const kernel = new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as Kernel;
  // coarse-kernel.wat's pass over the same memory (the relaxed-SIMD one the index prefers).
  const relaxed = new WebAssembly.Instance(coarseKernelModule()!, { env: { memory } }).exports as unknown as Pick<Kernel, 'coarse'>;
  const buf = memory.buffer as ArrayBuffer;
  const q8 = new Int8Array(n * stride);
  const meta = new Float32Array(n * META_PER_ROW);
  quantizeRows(vectors, dims, 0, n, q8, meta);
  const packed = new Int8Array(buf, 0, rows4 * dims);
  const f32 = (at: number) => new Float32Array(buf, at, rows4);
  const v = { s8: f32(s8), res8: f32(res8), qn8: f32(qn8), s4: f32(s4), res4: f32(res4), qn4: f32(qn4) };
  for (let i = 0; i < n; i++) {
    packed.set(q8.subarray(i * stride, i * stride + dims), i * dims);
    v.s8[i] = meta[i * 3];
    v.res8[i] = meta[i * 3 + 1];
    v.qn8[i] = meta[i * 3 + 2];
  }
  kernel.pack4(0, n, dims, m4, row4, s4, res4, qn4);
  coarseBounds(v.s8, v.res8, n, v.s4, v.res4, v.qn4);
  const codes = new Uint8Array(buf, m4, rows4 * row4);
  return {
    n,
    rows4,
    dims,
    stride,
    row4,
    full,
    kernel,
    relaxed,
    buf,
    packed,
    codes,
    ptr: { q, s8, res8, qn8, m4, s4, res4, qn4, out },
    ...v,
  };
}

/** q4 of row i from the layout coarse-codes.ts documents (the test's own reading of it). */
function decode(codes: Uint8Array, row4: number, full: number, i: number): number[] {
  const q4: number[] = [];
  for (let g = 0; g < row4; g += 16) {
    const group = new Array<number>(32);
    if (g >= full) {
      // A half group: byte i holds dimensions i and 8 + i; its last 8 bytes are zero.
      for (let lane = 0; lane < 8; lane++) {
        const b = codes[i * row4 + g + lane];
        group[lane] = (b & 15) - 8;
        group[8 + lane] = (b >> 4) - 8;
        expect(codes[i * row4 + g + 8 + lane]).toBe(0);
      }
      q4.push(...group.slice(0, 16), ...new Array<number>(16).fill(0));
      continue;
    }
    for (let lane = 0; lane < 8; lane++) {
      const lo = codes[i * row4 + g + 2 * lane];
      const hi = codes[i * row4 + g + 2 * lane + 1];
      group[lane] = (lo & 15) - 8;
      group[8 + lane] = (lo >> 4) - 8;
      group[16 + lane] = (hi & 15) - 8;
      group[24 + lane] = (hi >> 4) - 8;
    }
    q4.push(...group);
  }
  return q4;
}

/** A query quantised as QuantizedIndex does it: t, p (int16, zero past dims), ‖x‖ and ‖f‖ rounded up. */
function quantizeQuery(x: Float32Array, len: number) {
  let max = 0;
  let x2 = 0;
  for (const v of x) {
    max = Math.max(max, Math.abs(v));
    x2 += v * v;
  }
  const t = Math.fround(max > 0 ? max / 127 : 1);
  const p = new Int16Array(len);
  let f2 = 0;
  x.forEach((v, j) => {
    p[j] = Math.max(-127, Math.min(127, Math.round(v / t)));
    f2 += (v - t * p[j]) ** 2;
  });
  return { t, p, xn: Math.fround(Math.sqrt(x2) * (1 + BOUND_SLACK)), fn: Math.fround(Math.sqrt(f2) * (1 + BOUND_SLACK) + 1e-7) };
}

const kinds = ['gauss', 'sparse', 'flat', 'spiky', 'zero'] as const;

/** Unit rows of several shapes: the bound must hold for all, including the quantiser's corner cases. */
function rows(n: number, dims: number, seed: number, kind: (typeof kinds)[number]): Float32Array {
  let s = seed >>> 0 || 1;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const m = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let j = 0; j < dims; j++) {
      const g = Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
      const v =
        kind === 'sparse'
          ? rnd() < 0.05
            ? g
            : 0
          : kind === 'flat'
            ? rnd() < 0.5
              ? 1
              : -1
            : kind === 'spiky'
              ? g ** 3
              : kind === 'zero' && i % 3 === 0
                ? 0
                : g;
      m[i * dims + j] = v;
      norm += v * v;
    }
    if (norm > 0) for (let j = 0; j < dims; j++) m[i * dims + j] /= Math.sqrt(norm);
  }
  return m;
}

const dimsArb = fc.constantFrom(1, 5, 16, 31, 32, 33, 100, 300);

describe('coarse codes (kernel.wat pack4 and coarse)', () => {
  it('hold |q4| ≤ 7 in the documented layout, with a residual bound that holds', () => {
    fc.assert(
      fc.property(dimsArb, fc.integer({ min: 1, max: 24 }), fc.integer(), fc.constantFrom(...kinds), (dims, n, seed, kind) => {
        const m = rows(n, dims, seed, kind);
        const h = build(m, dims);
        for (let i = 0; i < n; i++) {
          const q4 = decode(h.codes, h.row4, h.full, i);
          expect(q4).toHaveLength(coarseQueryLength(dims));
          let e2 = 0;
          for (let j = 0; j < q4.length; j++) {
            expect(Math.abs(q4[j])).toBeLessThanOrEqual(7);
            if (j >= dims) expect(q4[j]).toBe(0);
            else e2 += (m[i * dims + j] - h.s4[i] * q4[j]) ** 2;
          }
          expect(Math.sqrt(e2)).toBeLessThanOrEqual(h.res4[i]);
          // The bound is useful, not merely true: codes round to within about half a 4-bit step.
          expect(h.res4[i]).toBeLessThanOrEqual(h.res8[i] + 0.51 * h.s4[i] * Math.sqrt(dims) + 3e-6);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('bound every row’s true score around its 4-bit estimate, for any query', () => {
    fc.assert(
      fc.property(
        dimsArb,
        fc.integer({ min: 1, max: 16 }),
        fc.integer(),
        fc.integer(),
        fc.constantFrom(...kinds),
        (dims, n, seed, qseed, kind) => {
          const m = rows(n, dims, seed, kind);
          const h = build(m, dims);
          const x = rows(1, dims, qseed, 'gauss');
          const { t, p, xn, fn } = quantizeQuery(x, coarseQueryLength(dims));
          for (let i = 0; i < n; i++) {
            const q4 = decode(h.codes, h.row4, h.full, i);
            let dot = 0;
            let exact = 0;
            for (let j = 0; j < dims; j++) {
              dot += q4[j] * p[j];
              exact += m[i * dims + j] * x[j];
            }
            expect(Math.abs(exact - h.s4[i] * t * dot)).toBeLessThanOrEqual(h.res4[i] * xn + h.qn4[i] * fn);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('has the relaxed-SIMD pass on this host (Node 20 behind the flag coarse-kernel.ts sets)', () => {
    expect(coarseKernelModule()).not.toBeNull();
  });

  it.each(['kernel.wat', 'coarse-kernel.wat'] as const)(
    'the coarse pass of %s keeps exactly the rows its bound lets through, with their 4-bit dot products',
    (pass) => {
      fc.assert(
        fc.property(
          dimsArb,
          fc.integer({ min: 1, max: 40 }),
          fc.integer(),
          fc.integer(),
          fc.constantFrom(...kinds),
          fc.double({ min: -0.6, max: 0.9, noNaN: true }),
          (dims, n, seed, qseed, kind, c0) => {
            const m = rows(n, dims, seed, kind);
            const h = build(m, dims);
            const x = rows(1, dims, qseed, 'gauss');
            const { t, p, xn, fn } = quantizeQuery(x, Math.max(h.stride, coarseQueryLength(dims)));
            // kernel.wat reads the int16 query, coarse-kernel.wat its int8 layout (coarseQuery8).
            if (pass === 'kernel.wat') new Int16Array(h.buf, h.ptr.q, p.length).set(p);
            else coarseQuery8(p, dims, new Int8Array(h.buf, h.ptr.q, coarseQueryLength(dims)));
            const { ptr } = h;
            const coarse = pass === 'kernel.wat' ? h.kernel.coarse : h.relaxed.coarse;
            const scan = (c: number) => {
              const count = coarse(ptr.m4, ptr.q, ptr.s4, ptr.res4, ptr.qn4, h.rows4, h.row4, h.full, coarseBias(p), t, xn, fn, c, ptr.out);
              const pairs = new Int32Array(h.buf, ptr.out, count * 2);
              return new Map(Array.from({ length: count }, (_, c2) => [pairs[2 * c2], pairs[2 * c2 + 1]]));
            };
            const dot4 = (i: number) => {
              const q4 = decode(h.codes, h.row4, h.full, i);
              let d = 0;
              for (let j = 0; j < dims; j++) d += q4[j] * p[j];
              return d;
            };
            // c0 = −∞: every row (padding rows too), each with its 4-bit dot product.
            const all = scan(-Infinity);
            expect(all.size).toBe(h.rows4);
            for (let i = 0; i < n; i++) expect(all.get(i)).toBe(dot4(i));
            // A finite c0: the rows whose 4-bit upper bound reaches it (f32 rounding aside).
            const kept = scan(c0);
            for (let i = 0; i < n; i++) {
              const u4 = dot4(i) * h.s4[i] * t + h.res4[i] * xn + h.qn4[i] * fn;
              if (Math.abs(u4 - c0) < 1e-5) continue;
              expect(kept.has(i)).toBe(u4 >= c0);
              if (kept.has(i)) expect(kept.get(i)).toBe(dot4(i));
            }
          },
        ),
        { numRuns: 80 },
      );
    },
  );
});
