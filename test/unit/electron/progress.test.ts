import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../common/contract/contract';
import { pageProgressJob, ProgressTracker } from '../../../main/electron/progress';

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

describe('progress reported by the page', () => {
  it('runs while a fraction comes and ends on null', () => {
    const p = new ProgressTracker();
    p.update(job('import-1', 0.2));
    expect(p.update(pageProgressJob(0.6))).toBeCloseTo(0.4);
    expect(p.update(pageProgressJob(null))).toBeCloseTo(0.2);
  });

  it('refuses anything but a fraction or null', () => {
    for (const bad of [undefined, -0.1, 1.5, NaN, Infinity, '0.5', {}, [0.5], true]) {
      expect(() => pageProgressJob(bad), String(bad)).toThrow(/between 0 and 1/);
    }
  });
});
