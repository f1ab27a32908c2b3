/**
 * Seeded pseudo-random numbers for UMAP. Pure arithmetic on 32-bit integers, so the same seed
 * gives the same stream in a browser Web Worker and under Node.
 */
import { detLog } from './det-math';

/** Mixes a 32-bit seed into a well-spread non-zero state (splitmix32-style finaliser). */
export function mixSeed(seed: number, salt = 0): number {
  let z = (seed + 0x9e3779b9 * (salt + 1)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return z === 0 ? 0x6d2b79f5 : z;
}

/**
 * mulberry32: a fast 32-bit generator with a full 2^32 period. Returns floats in [0, 1);
 * `next()` can be handed to umap-js as its `random` option.
 */
export class Prng {
  private state: number;

  constructor(seed: number, salt = 0) {
    this.state = mixSeed(seed >>> 0, salt);
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1). */
  next = (): number => this.nextUint32() / 4294967296;

  /** A standard normal deviate (Marsaglia's polar method; sqrt is exactly rounded, log is detLog). */
  normal(): number {
    for (;;) {
      const u = 2 * this.next() - 1;
      const v = 2 * this.next() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return u * Math.sqrt((-2 * detLog(s)) / s);
    }
  }
}
