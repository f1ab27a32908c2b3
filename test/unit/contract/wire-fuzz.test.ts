/**
 * The HTTP framings of the contract, generated: any text or bytes decode to a value or throw an
 * Error with a message (the server answers 400 with it), never anything else and never a hang;
 * and every value the contract can carry survives encode → decode in both framings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWire, decodeWireBinary, encodeWire, encodeWireBinary } from '../../../common/contract/wire';

const RUNS = 1000;

/** Decoding ends in a value or an Error with a non-empty message. */
function decodes(decode: () => unknown): void {
  try {
    decode();
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).message.length).toBeGreaterThan(0);
  }
}

const typed = fc.oneof(
  fc.float32Array({ maxLength: 8, noDefaultInfinity: true, noNaN: true }),
  fc.float64Array({ maxLength: 8, noDefaultInfinity: true, noNaN: true }),
  fc.int32Array({ maxLength: 8 }),
  fc.uint32Array({ maxLength: 8 }),
  fc.uint8Array({ maxLength: 8 }),
);
const leaf = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  typed,
);
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('node'), { maxKeys: 4 }),
  ),
})).node;

/** Frames that look like ours: a header of typed-array references with arbitrary offsets. */
const typedRef = fc.record({
  $typed: fc.constantFrom('f32', 'f64', 'i32', 'u32', 'u8', 'toString', '__proto__', 'x'),
  at: fc.oneof(fc.integer({ min: -16, max: 64 }), fc.double()),
  bytes: fc.oneof(fc.integer({ min: -8, max: 64 }), fc.double()),
});
const binaryFrame = fc
  .tuple(fc.array(typedRef, { maxLength: 3 }), fc.uint8Array({ maxLength: 80 }), fc.integer({ min: -4, max: 4 }))
  .map(([refs, payload, skew]) => {
    const header = Buffer.from(JSON.stringify({ refs }));
    const len = Buffer.alloc(4);
    len.writeUInt32LE(Math.max(0, header.length + skew));
    return new Uint8Array(Buffer.concat([len, header, Buffer.alloc(8), Buffer.from(payload)]));
  });
const jsonFrame = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc
    .tuple(fc.constantFrom('f32', 'f64', 'i32', 'u32', 'u8', 'toString', 'constructor'), fc.string({ unit: 'binary-ascii', maxLength: 16 }))
    .map(([kind, b64]) => JSON.stringify({ a: [{ $typed: kind, b64 }] })),
  fc.json({ maxDepth: 3 }),
);

describe('wire frames', () => {
  it('JSON framing: any text decodes or fails with an Error', () => {
    fc.assert(
      fc.property(jsonFrame, (text) => decodes(() => decodeWire(text))),
      { numRuns: RUNS },
    );
  });

  it('binary framing: any bytes decode or fail with an Error', () => {
    fc.assert(
      fc.property(fc.oneof(binaryFrame, fc.uint8Array({ maxLength: 64 })), fc.nat(7), (bytes, shift) => {
        // Also at an unaligned offset inside a larger buffer, as a received body may be.
        const host = new Uint8Array(bytes.length + shift);
        host.set(bytes, shift);
        decodes(() => decodeWireBinary(bytes));
        decodes(() => decodeWireBinary(host.subarray(shift)));
      }),
      { numRuns: RUNS },
    );
  });

  it('typed arrays that would straddle or leave the frame are refused with a message', () => {
    const frame = encodeWireBinary({ v: new Float64Array([1, 2]) });
    const header = JSON.parse(Buffer.from(frame.subarray(4, 4 + new DataView(frame.buffer).getUint32(0, true))).toString()) as unknown;
    expect(header).toEqual({ v: { $typed: 'f64', at: 0, bytes: 16 } });
    const forge = (ref: object) => {
      const h = Buffer.from(JSON.stringify({ v: ref }));
      const len = Buffer.alloc(4);
      len.writeUInt32LE(h.length);
      return new Uint8Array(Buffer.concat([len, h, Buffer.alloc(64)]));
    };
    expect(() => decodeWireBinary(forge({ $typed: 'f64', at: 4, bytes: 8 }))).toThrow(/unaligned/);
    expect(() => decodeWireBinary(forge({ $typed: 'f32', at: 0, bytes: 6 }))).toThrow(/not a whole number/);
    expect(() => decodeWireBinary(forge({ $typed: 'u8', at: 0, bytes: 4096 }))).toThrow(/outside the message/);
    expect(() => decodeWire('{"v":{"$typed":"i32","b64":"AAA="}}')).toThrow(/not a whole number/);
    expect(() => decodeWire('{"v":{"$typed":"u8","b64":"%%%"}}')).toThrow(/not valid base64/);
    // A name of Object.prototype is not a kind of typed array.
    expect(decodeWire('{"v":{"$typed":"toString","b64":""}}')).toEqual({ v: { $typed: 'toString', b64: '' } });
  });

  it('every value round-trips through both framings', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(decodeWire(encodeWire(v))).toEqual(normalise(v));
        expect(decodeWireBinary(encodeWireBinary(v))).toEqual(normalise(v));
      }),
      { numRuns: RUNS },
    );
  });
});

/** What JSON keeps of a value: -0 becomes 0; typed arrays stay as they are. */
function normalise(v: unknown): unknown {
  if (ArrayBuffer.isView(v)) return v;
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x)]));
  return Object.is(v, -0) ? 0 : v;
}
