import { describe, expect, it } from 'vitest';
import { chunking } from '../../../main/core/search/chunked-scan';

describe('chunking', () => {
  it.each([
    [341_480, 100],
    [4, 100],
    [2_000_000, 300],
    [10_000_000, 4],
    [60_004, 1],
  ])('cuts %i rows of %i dims into at most 254 chunks of whole 4-row groups covering every row', (rows4, dims) => {
    const { chunkRows, chunks } = chunking(rows4, dims);
    expect(chunkRows % 4).toBe(0);
    expect(chunks).toBeLessThanOrEqual(254);
    expect(chunks).toBeGreaterThanOrEqual(1);
    expect(chunks * chunkRows).toBeGreaterThanOrEqual(rows4);
    expect((chunks - 1) * chunkRows).toBeLessThan(rows4);
  });

  it('keeps chunks near 512 KiB of int8 rows for the default model', () => {
    const { chunkRows, chunks } = chunking(341_480, 100);
    expect(chunkRows * 100).toBeGreaterThan(400_000);
    expect(chunkRows * 100).toBeLessThan(600_000);
    expect(chunks).toBe(66);
  });
});
