import type { Projection } from '../../../common/contract/contract';
import { ExplorerError } from '../errors';

/** Points put into a map after its projection was saved, in the projection's own coordinates. */
export interface PlacedPoints {
  words: string[];
  /** Row-major words.length × 3. */
  coords: Float32Array;
}

/**
 * The projection as the map shows it: its own points, then the placed ones (a search's
 * neighbours from outside the view), flagged 1 in `placed`. Words the projection already holds,
 * or that repeat, are left out, so every word appears once.
 */
export function withPlacedPoints(projection: Projection, extra?: PlacedPoints): { projection: Projection; placed: Uint8Array } {
  if (!extra || extra.words.length === 0) return { projection, placed: new Uint8Array(projection.words.length) };
  if (extra.coords.length !== extra.words.length * 3) {
    throw new ExplorerError(
      'invalid-request',
      `placed: ${extra.words.length} words need ${extra.words.length * 3} coordinates (got ${extra.coords.length}).`,
    );
  }
  const seen = new Set(projection.words);
  const keep: number[] = [];
  extra.words.forEach((w, i) => {
    if (seen.has(w)) return;
    seen.add(w);
    keep.push(i);
  });
  const n = projection.words.length;
  const coords = new Float32Array((n + keep.length) * 3);
  coords.set(projection.coords);
  keep.forEach((i, k) => coords.set(extra.coords.subarray(i * 3, i * 3 + 3), (n + k) * 3));
  const placed = new Uint8Array(n + keep.length).fill(1, n);
  const words = [...projection.words, ...keep.map((i) => extra.words[i])];
  return { projection: { ...projection, words, coords, pointCount: words.length }, placed };
}
