import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../common/contract/contract';
import { ProgressTracker } from '../../../main/electron/progress';

const job = (id: string, fraction: number, state: JobProgress['state'] = 'running'): JobProgress => ({
  id,
  kind: 'import',
  phase: 'Reading',
  fraction,
  state,
  title: id,
});

describe('taskbar progress', () => {
  it('shows the mean of the running jobs and clears when none runs', () => {
    const p = new ProgressTracker();
    expect(p.value()).toBe(-1);
    expect(p.update(job('a', 0.2))).toBeCloseTo(0.2);
    expect(p.update(job('b', 0.6))).toBeCloseTo(0.4);
    expect(p.update(job('a', 1, 'done'))).toBeCloseTo(0.6);
    expect(p.update(job('b', 0.7, 'failed'))).toBe(-1);
    expect(p.update(job('c', 0.1, 'cancelled'))).toBe(-1);
  });

  it('keeps odd fractions within 0..1', () => {
    const p = new ProgressTracker();
    expect(p.update(job('a', 7))).toBe(1);
    expect(p.update(job('a', NaN))).toBe(0);
    expect(p.update(job('a', -3))).toBe(0);
  });
});
