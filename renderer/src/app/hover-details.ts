import type { NeighborsResult } from '../../../common/contract/contract';
import { type LayoutState, similarity } from './layout-state';

/** Vocabulary label of a word on the map (set by the vocabularies controller), or null. */
export type LabelSource = (word: string) => { label: string; colour: string } | null;

/** What the hover card says about point i: cosine to the query, rank, placed or not, label. */
export function hoverDetails(
  layout: Readonly<LayoutState>,
  i: number,
  query: { word: string; result: NeighborsResult } | null,
  labelOf: LabelSource | null,
) {
  const word = layout.words[i];
  let sim: number | null = null;
  if (query) {
    const n = query.result.neighbors?.find((m) => m.word === word);
    if (n) sim = n.similarity;
    else if (word === query.word) sim = 1;
    else sim = similarity(layout, i, layout.index.get(query.word) ?? -1);
  }
  return {
    query: query?.word,
    similarity: sim,
    rank: layout.vectors ? layout.ranks[i] : undefined,
    added: layout.added[i] === 1,
    label: labelOf?.(word),
  };
}
