/**
 * "Latest request wins": each `begin()` aborts the previous request's signal, so an answer that
 * arrives after a newer request started (a slow search overtaken by the next keystroke, a
 * placement for a layout already replaced) sees `signal.aborted` and is dropped.
 */
export class Latest {
  private controller: AbortController | null = null;

  /** Starts a new request, aborting the one before it; check `signal.aborted` after every await. */
  begin(): AbortSignal {
    this.controller?.abort();
    this.controller = new AbortController();
    return this.controller.signal;
  }

  /** Aborts the current request, if any (the query was cleared, say). */
  cancel(): void {
    this.controller?.abort();
    this.controller = null;
  }

  /**
   * Starts a request and awaits `task`: resolves to its value, or to `undefined` when a newer
   * request began (or `cancel` was called) before it finished. Errors of a stale request are
   * dropped too; errors of the current one propagate.
   */
  async run<T>(task: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    const signal = this.begin();
    try {
      const value = await task(signal);
      return signal.aborted ? undefined : value;
    } catch (e) {
      if (signal.aborted) return undefined;
      throw e;
    }
  }
}
