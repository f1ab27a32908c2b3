import type { AppStatus, JobProgress } from '../../../common/contract/contract';
import { formatCount, formatPercent } from './format';

/** Bottom line: the active model and its size, and what any running job is doing. */
export class StatusBar {
  constructor(
    private readonly model: HTMLElement,
    private readonly job: HTMLElement,
    private readonly jobText: HTMLElement,
    private readonly jobProgress: HTMLProgressElement,
    private readonly layout?: HTMLElement,
  ) {}

  /** What the map shows, e.g. "5,000 points" (after the model part of the line). */
  showLayout(text: string): void {
    if (this.layout) this.layout.textContent = text ? ` · ${text}` : '';
  }

  showStatus(status: AppStatus, extra = ''): void {
    const active = status.models.find((m) => m.active);
    this.model.textContent = active
      ? `${active.name} · ${formatCount(active.words)} words · ${active.dims} dimensions${extra}${status.readOnly ? ' · read-only database' : ''}`
      : 'No model yet: the default model is being prepared';
  }

  showJob(job: JobProgress): void {
    if (job.state === 'running') {
      this.job.hidden = false;
      this.jobText.textContent = `${job.title}: ${job.phase} · ${formatPercent(job.fraction)}`;
      this.jobProgress.value = job.fraction;
    } else if (job.state === 'failed') {
      this.job.hidden = false;
      this.jobText.textContent = `${job.title} failed: ${job.error ?? 'unknown error'}`;
      this.jobProgress.value = 0;
    } else {
      this.job.hidden = true;
    }
  }

  showError(message: string): void {
    this.model.textContent = message;
  }
}
