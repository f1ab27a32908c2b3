import type { ProjectionAxis, UmapParams, ViewSpec } from '../../../common/contract/contract';

/** The layout on screen: words, raw UMAP coordinates, and what the scene needs beside them. */
export interface LayoutState {
  model: string;
  view: ViewSpec;
  params: UmapParams;
  words: string[];
  /** Raw layout coordinates, row-major n × 3 (the scene normalises its own copy). */
  coords: Float32Array;
  /** Frequency rank of each word (smaller = more frequent). */
  ranks: Int32Array;
  /** 1 for words placed into the layout from outside the view. */
  added: Uint8Array;
  /** Unit vectors n × dims when known (hover similarity, placement). */
  vectors?: Float32Array;
  dims?: number;
  /** Saved projection id, once stored. */
  id?: number;
  /** Set for a semantic-axes projection: coordinates are cosines with these axes. */
  axes?: ProjectionAxis[];
  index: Map<string, number>;
}

export function makeLayout(base: Omit<LayoutState, 'index' | 'added'> & { added?: Uint8Array }): LayoutState {
  // A plain loop: building [word, i] pairs first costs twice as much at 200,000 words.
  const index = new Map<string, number>();
  for (let i = 0; i < base.words.length; i++) index.set(base.words[i], i);
  return { ...base, added: base.added ?? new Uint8Array(base.words.length), index };
}

/** A new layout with extra points appended (placed neighbours), marked as added. */
export function appendPoints(
  layout: LayoutState,
  words: string[],
  coords: Float32Array,
  ranks: number[],
  vectors?: Float32Array,
): LayoutState {
  const n = layout.words.length;
  const m = words.length;
  const allCoords = new Float32Array((n + m) * 3);
  allCoords.set(layout.coords);
  allCoords.set(coords.subarray(0, m * 3), n * 3);
  const allRanks = new Int32Array(n + m);
  allRanks.set(layout.ranks);
  allRanks.set(ranks, n);
  const added = new Uint8Array(n + m);
  added.set(layout.added);
  added.fill(1, n);
  let allVectors: Float32Array | undefined;
  if (layout.vectors && vectors && layout.dims) {
    allVectors = new Float32Array((n + m) * layout.dims);
    allVectors.set(layout.vectors);
    allVectors.set(vectors, n * layout.dims);
  }
  return makeLayout({ ...layout, words: [...layout.words, ...words], coords: allCoords, ranks: allRanks, added, vectors: allVectors });
}

/** Cosine similarity of two points of the layout (vectors are unit length). */
export function similarity(layout: Readonly<LayoutState>, a: number, b: number): number | null {
  const v = layout.vectors;
  const d = layout.dims;
  if (!v || !d || a < 0 || b < 0) return null;
  let s = 0;
  for (let j = 0; j < d; j++) s += v[a * d + j] * v[b * d + j];
  return s;
}

/** Short human name for a view, e.g. "5,000 most frequent words". */
export function describeView(view: ViewSpec): string {
  switch (view.kind) {
    case 'top':
      return `${view.top.toLocaleString('en-US')} most frequent words`;
    case 'neighbourhood':
      return `neighbourhood of “${view.query}” (k = ${view.k})`;
    case 'words':
      return `${view.words.length.toLocaleString('en-US')} chosen words`;
    case 'vocabulary':
      return 'a vocabulary';
  }
}
