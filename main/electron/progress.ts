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
