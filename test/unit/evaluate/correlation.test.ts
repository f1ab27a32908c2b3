import { describe, expect, it } from 'vitest';
import { averageRanks, pearson, spearman } from '../../../main/core/evaluate/correlation';

describe('correlations as scipy computes them', () => {
  // Reference figures from scipy.stats 1.x on the same numbers (pearsonr, spearmanr, rankdata).
  const x = [1, 2, 2, 3, 5, 5, 5, 8];
  const y = [2.5, 1, 4, 4, 3, 9, 9, 7];

  it('ranks ties by their average rank', () => {
    expect(Array.from(averageRanks(x))).toEqual([1, 2.5, 2.5, 4, 6, 6, 6, 8]);
  });

  it('matches scipy’s Pearson and Spearman', () => {
    expect(pearson(x, y)).toBeCloseTo(0.6665771724334348, 12);
    expect(spearman(x, y)).toBeCloseTo(0.6895607149652165, 12);
  });

  it('is null where scipy gives nan: fewer than two values, or a constant list', () => {
    expect(pearson([1], [2])).toBeNull();
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(spearman([3, 3], [1, 2])).toBeNull();
  });
});
