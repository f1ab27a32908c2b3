import type { NeighborsResult } from '../../../common/contract/contract';

/** The analogy in a result: b - a + c with unit weights, and its first answer. */
export function analogyOf(result: NeighborsResult | null): { a: string; b: string; c: string; answer: string } | null {
  const terms = result?.terms;
  const answer = result?.neighbors?.[0]?.word;
  if (!terms || !answer || terms.length !== 3 || terms.some((t) => t.phrase)) return null;
  const pos = terms.filter((t) => t.weight === 1);
  const neg = terms.filter((t) => t.weight === -1);
  if (pos.length !== 2 || neg.length !== 1) return null;
  return { a: neg[0].matched, b: pos[0].matched, c: pos[1].matched, answer };
}
