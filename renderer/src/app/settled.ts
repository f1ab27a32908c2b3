/** Name of the DOM event `#stage` fires each time the map becomes settled. */
export const SETTLED_EVENT = 'explorer:settled';

/**
 * Whether the map has come to rest: no frame, fly-to or label repack queued in the scene, and no
 * tracked work (a projection run streaming layouts, neighbours being placed, vectors loading)
 * that will change it. The scene renders on demand, so this is the moment a screenshot or a
 * label check sees the final picture. Shown as `data-settled` on the stage, announced by a
 * `explorer:settled` event, and awaited by `whenSettled()` (the test probe's `settled()`).
 */
export class Settled {
  private pending = 0;
  private sceneBusy = false;

  constructor(private readonly stage: HTMLElement) {
    this.update();
  }

  /** The scene reports whether it still has work queued. */
  sceneActivity(busy: boolean): void {
    this.sceneBusy = busy;
    this.update();
  }

  /** Holds the map unsettled until `work` ends (either way); returns `work` itself. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending++;
    this.update();
    const done = () => {
      this.pending--;
      this.update();
    };
    void work.then(done, done);
    return work;
  }

  get settled(): boolean {
    return this.pending === 0 && !this.sceneBusy;
  }

  /** Resolves at once when settled, else at the next settled event. */
  whenSettled(): Promise<void> {
    if (this.settled) return Promise.resolve();
    return new Promise((resolve) => this.stage.addEventListener(SETTLED_EVENT, () => resolve(), { once: true }));
  }

  private update(): void {
    const now = this.settled;
    if (now === (this.stage.dataset.settled === 'true')) return;
    if (now) {
      this.stage.dataset.settled = 'true';
      this.stage.dispatchEvent(new Event(SETTLED_EVENT));
    } else delete this.stage.dataset.settled;
  }
}
