import { EventEmitter } from 'node:events';
import type { JobProgress } from '../../common/contract/contract';
import { ExplorerError } from './errors';

export type ProgressFn = (phase: string, fraction: number) => void;

/** A running job as its owner sees it: report progress, learn about cancellation. */
export interface JobHandle {
  readonly id: string;
  progress: ProgressFn;
  readonly cancelled: boolean;
  /** Called when the user cancels; owners hook their own stop mechanism here. */
  onCancel(fn: () => void): void;
}

let counter = 0;

/**
 * Tracks long-running work so every shell can show "what and how far" and offer Cancel.
 * Emits 'job' with a JobProgress snapshot whenever anything changes (throttled to ~20/s).
 */
export class JobManager extends EventEmitter {
  private readonly jobs = new Map<string, JobProgress>();
  private readonly cancels = new Map<string, () => void>();
  private readonly lastEmit = new Map<string, number>();

  list(): JobProgress[] {
    return [...this.jobs.values()];
  }

  get(id: string): JobProgress | undefined {
    return this.jobs.get(id);
  }

  private emitJob(job: JobProgress, force: boolean): void {
    const now = Date.now();
    if (!force && now - (this.lastEmit.get(job.id) ?? 0) < 50) return;
    this.lastEmit.set(job.id, now);
    this.emit('job', { ...job });
  }

  async run<T>(kind: string, title: string, work: (job: JobHandle) => Promise<T>): Promise<T> {
    const id = `${kind}-${++counter}-${Date.now().toString(36)}`;
    const job: JobProgress = { id, kind, title, phase: 'Starting', fraction: 0, state: 'running' };
    this.jobs.set(id, job);
    let cancelled = false;
    const cancelHooks: (() => void)[] = [];
    this.cancels.set(id, () => {
      cancelled = true;
      for (const fn of cancelHooks) fn();
    });
    const handle: JobHandle = {
      id,
      get cancelled() {
        return cancelled;
      },
      progress: (phase, fraction) => {
        job.phase = phase;
        job.fraction = Math.max(0, Math.min(1, fraction));
        this.emitJob(job, false);
      },
      onCancel: (fn) => {
        cancelHooks.push(fn);
      },
    };
    this.emitJob(job, true);
    try {
      const value = await work(handle);
      job.state = cancelled ? 'cancelled' : 'done';
      job.fraction = cancelled ? job.fraction : 1;
      job.phase = cancelled ? 'Cancelled' : 'Done';
      return value;
    } catch (e) {
      job.state = cancelled ? 'cancelled' : 'failed';
      job.phase = cancelled ? 'Cancelled' : 'Failed';
      if (!cancelled) job.error = e instanceof Error ? e.message : String(e);
      throw e;
    } finally {
      this.cancels.delete(id);
      this.emitJob(job, true);
    }
  }

  cancel(id: string): void {
    const fn = this.cancels.get(id);
    if (!fn) throw new ExplorerError('unknown-job', `No running job with id ${id}.`);
    fn();
  }
}
