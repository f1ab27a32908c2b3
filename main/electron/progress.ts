import type { JobProgress } from '../../common/contract/contract';

/**
 * The taskbar/dock progress for the jobs running now: their mean fraction, between 0 and 1, or
 * -1 (no bar) when none is running. Jobs arrive as events; a finished, failed or cancelled job
 * leaves the set.
 */
export class ProgressTracker {
  private readonly running = new Map<string, number>();

  update(job: JobProgress): number {
    if (job.state === 'running') this.running.set(job.id, Number.isFinite(job.fraction) ? Math.min(1, Math.max(0, job.fraction)) : 0);
    else this.running.delete(job.id);
    return this.value();
  }

  value(): number {
    if (this.running.size === 0) return -1;
    let sum = 0;
    for (const f of this.running.values()) sum += f;
    return sum / this.running.size;
  }
}

/** Job id under which the page's own work (a projection in its worker) is tracked. */
export const PAGE_JOB_ID = 'page';

/**
 * The page's progress report as a job update: a number in 0..1 keeps the page's job running,
 * null ends it. Anything else is refused (the page is untrusted).
 */
export function pageProgressJob(raw: unknown): JobProgress {
  const base = { id: PAGE_JOB_ID, kind: 'projection', phase: '', title: 'Projection' };
  if (raw === null) return { ...base, fraction: 1, state: 'done' };
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0 || raw > 1) {
    throw new Error('Progress must be a number between 0 and 1, or null.');
  }
  return { ...base, fraction: raw, state: 'running' };
}
