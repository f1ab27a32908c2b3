import type { ExplorerApi } from '../../../common/contract/contract';
import { ModelsPanel } from '../ui/models-panel';
import { StatusBar } from '../ui/status-bar';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export interface StatusHooks {
  /** The active model (or null while none is ready); called on every status refresh. */
  modelChanged(active: string | null): void;
  /** The first time a model is active: open the map. */
  firstModelReady(): void;
}

/**
 * The app core's state: the status bar (model, background jobs, point count), the Models panel,
 * and the core's events (job progress, models changed).
 */
export class StatusController {
  private readonly bar: StatusBar;
  private readonly models: ModelsPanel;
  private started = false;

  constructor(
    private readonly api: ExplorerApi,
    sidebar: HTMLElement,
    private readonly hooks: StatusHooks,
  ) {
    this.bar = new StatusBar(
      $('status-model'),
      $('status-job'),
      $('status-job-text'),
      $<HTMLProgressElement>('status-job-progress'),
      $('status-layout'),
    );
    this.models = new ModelsPanel(api, sidebar, () => void this.refresh());
    api.onEvent((event) => {
      if (event.type === 'job') {
        this.bar.showJob(event.job);
        this.models.onJob(event.job);
      }
      if (event.type === 'models-changed') void this.refresh();
    });
  }

  /** A message the user must read, in the status bar (e.g. a file the desktop app could not open). */
  showError(message: string): void {
    this.bar.showError(message);
  }

  /** What the map shows, for the status line ("5,002 points"). */
  showLayout(text: string): void {
    this.bar.showLayout(text);
  }

  async refresh(): Promise<void> {
    try {
      const s = await this.api.status();
      this.bar.showStatus(s);
      this.models.show(s.models);
      this.hooks.modelChanged(s.activeModel);
      for (const job of s.jobs) this.bar.showJob(job);
      if (s.activeModel && !this.started) {
        this.started = true;
        this.hooks.firstModelReady();
      } else if (!s.activeModel) {
        $('stage-message').textContent = 'Preparing the default model (first start only)…';
      }
    } catch (e) {
      this.bar.showError(`Cannot reach the app core: ${(e as Error).message}`);
    }
  }
}
