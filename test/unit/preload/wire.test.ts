import { describe, expect, it } from 'vitest';
import { decodeWire, encodeWire } from '../../../preload/wire';

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
    const a = new Float32Array(200_000).map((_, i) => i / 7);
    expect(decodeWire<Float32Array>(encodeWire(a))).toEqual(a);
  });
});
