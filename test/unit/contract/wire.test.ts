import { describe, expect, it } from 'vitest';
import { decodeWire, decodeWireBinary, encodeWire, encodeWireBinary } from '../../../common/contract/wire';

describe('wire encoding', () => {
  it('round-trips typed arrays inside plain JSON', () => {
    const value = {
      coords: new Float32Array([1.5, -2.25, 3.1e-7, Number.MAX_VALUE > 1 ? 1e30 : 0]),
      ids: new Int32Array([-1, 0, 2 ** 31 - 1]),
      nested: [{ bytes: new Uint8Array([0, 255, 7]) }],
      text: 'virtue',
    };
    const back = decodeWire<typeof value>(encodeWire(value));
    expect(back.coords).toBeInstanceOf(Float32Array);
    expect([...back.coords]).toEqual([...value.coords]);
    expect(back.ids).toBeInstanceOf(Int32Array);
    expect([...back.ids]).toEqual([-1, 0, 2 ** 31 - 1]);
    expect([...back.nested[0].bytes]).toEqual([0, 255, 7]);
    expect(back.text).toBe('virtue');
  });

  it('encodes a sub-array view, not its whole buffer', () => {
    const big = new Float32Array([1, 2, 3, 4, 5]);
    const back = decodeWire<Float32Array>(encodeWire(big.subarray(1, 3)));
    expect([...back]).toEqual([2, 3]);
  });

  it('round-trips a large array', () => {
    const a = new Float32Array(50_000).map((_, i) => i / 7);
    expect(decodeWire<Float32Array>(encodeWire(a))).toEqual(a);
  });
});

describe('binary wire framing', () => {
  it('round-trips typed arrays as views onto the message, at aligned offsets', () => {
    const value = {
      coords: new Float32Array([1.5, -2.25, 3]),
      rows: new Float64Array([Math.PI]),
      ids: new Int32Array([7, -1]),
      bytes: new Uint8Array([1, 2, 3]),
      words: ['virtue', 'morality'],
    };
    const msg = encodeWireBinary(value);
    const back = decodeWireBinary<typeof value>(msg);
    expect([...back.coords]).toEqual([1.5, -2.25, 3]);
    expect(back.rows[0]).toBe(Math.PI);
    expect([...back.ids]).toEqual([7, -1]);
    expect([...back.bytes]).toEqual([1, 2, 3]);
    expect(back.words).toEqual(['virtue', 'morality']);
    expect(back.coords.buffer).toBe(back.ids.buffer);
  });

  it('decodes a message handed over at an unaligned offset', () => {
    const msg = encodeWireBinary({ a: new Float64Array([1, 2]) });
    const shifted = new Uint8Array(msg.length + 3);
    shifted.set(msg, 3);
    expect([...decodeWireBinary<{ a: Float64Array }>(shifted.subarray(3)).a]).toEqual([1, 2]);
  });

  it('refuses truncated or lying messages', () => {
    const msg = encodeWireBinary({ a: new Float32Array(4) });
    expect(() => decodeWireBinary(msg.subarray(0, 2))).toThrow(/truncated/);
    expect(() => decodeWireBinary(msg.subarray(0, msg.length - 8))).toThrow(/outside the message/);
  });
});
