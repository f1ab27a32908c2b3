import { describe, expect, it } from 'vitest';
import { targetsOf } from '../../../main/bench/targets';

describe('bench targets', () => {
  it('says which of the issue 2 figures are met, and which were not measured', () => {
    const t = targetsOf('core', {
      firstRunImportSeconds: 'not measured (store existed)',
      firstRunImportPeakRssMB: null,
      warmModelLoadSeconds: 1.7,
      knnMedianRatioToNumpy: 0.164,
      knnExactAgainstPlainScan: true,
    })!;
    expect(t.knnMedianRatioToNumpy).toBe('met (0.164 ≤ 0.25)');
    expect(t.warmModelLoadSeconds).toBe('NOT met (1.7 ≤ 1.5)');
    expect(t.firstRunImportSeconds).toBe('not measured');
    expect(t.knnExactAgainstPlainScan).toBe('met');
  });

  it('reads nested figures and treats a strict bound strictly', () => {
    expect(targetsOf('import', { ratioToGensim: 0.5, oursPeakRssMB: 300 })).toEqual({
      ratioToGensim: 'NOT met (0.5 < 0.5)',
      oursPeakRssMB: 'met (300 < 1024)',
    });
    const p = targetsOf('projection', {
      top_5000: { time_ratio_ours_over_baseline: 0.22, trustworthiness_gap: -0.0008, neighbours_kept_gap: -0.02 },
    })!;
    expect(p.top_5000_time_ratio).toBe('met (0.22 ≤ 1)');
    expect(p.top_5000_neighbours_kept_gap).toBe('NOT met (-0.02 ≥ -0.01)');
    expect(p.top_20000_time_ratio).toBe('not measured');
    const bigMaps = targetsOf('projection', { top_50000: { time_ratio_ours_over_umap_learn: 0.45, trustworthiness_gap: -0.012 } })!;
    expect(bigMaps.top_50000_time_ratio).toBe('met (0.45 ≤ 0.5)');
    expect(bigMaps.top_50000_trustworthiness_gap).toBe('NOT met (-0.012 ≥ -0.01)');
    expect(bigMaps.top_100000_time_ratio).toBe('not measured');
    expect(targetsOf('scene', { longTasks: { count: 1, maxMs: 50 } })).toEqual({
      longestTaskDuringProjectionMs: 'met (50 ≤ 50)',
      bigMapPageWorkP95Ms: 'not measured',
      bigMapLongestTaskWhileOrbitingMs: 'not measured',
      bigMapPickMeanMs: 'not measured',
    });
    const big = targetsOf('scene', { bigMap: { orbit: { pageWorkP95Ms: 5.7, longestTaskMs: 84 }, picking: { meanMs: 0.016 } } })!;
    expect(big.bigMapPageWorkP95Ms).toBe('met (5.7 ≤ 16)');
    expect(big.bigMapLongestTaskWhileOrbitingMs).toBe('NOT met (84 ≤ 50)');
    expect(big.bigMapPickMeanMs).toBe('met (0.016 ≤ 1)');
    const exports = targetsOf('export', { large: { svg: { seconds: 0.39, longestBlockMs: 25, peakAddedRssMB: 12 } } })!;
    expect(exports.large_svg_seconds).toBe('met (0.39 ≤ 8)');
    expect(exports.large_svg_peakAddedRssMB).toBe('met (12 ≤ 256)');
    expect(exports.large_csv_seconds).toBe('not measured');
    expect(targetsOf('nothing', {})).toBeUndefined();
  });
});
