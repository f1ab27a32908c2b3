/**
 * Layout parts on worker threads, the same for Node's worker_threads and the browser's Web
 * Workers: each platform only says how to start a worker (a PartPort). For every slice the
 * coordinator posts the snapshot to each worker, runs its own parts meanwhile and merges what
 * comes back; workers hold their parts' state (sample schedules, generators) between slices, so
 * only coordinates cross threads.
 */
import { InThreadParts, LayoutPart, type PartHost, type PartResult, type PartSpec } from './layout-parts';

export type ToPartWorker = { type: 'start'; specs: PartSpec[] } | { type: 'epoch'; epoch: number; slice: number; snapshot: Float32Array };
export type FromPartWorker =
  { type: 'started' } | { type: 'epoch'; results: PartResult[]; snapshot: Float32Array } | { type: 'error'; message: string };

/** One worker as the coordinator sees it. */
export interface PartPort {
  post(message: ToPartWorker, transfer?: ArrayBuffer[]): void;
  /** Registers the one listener for the worker's messages and failures. */
  listen(onMessage: (m: FromPartWorker) => void, onFailure: (message: string) => void): void;
  terminate(): void;
}

/** The worker side: answers one message. Errors become messages, never an unhandled throw. */
export function partWorkerServer(): (m: ToPartWorker) => { reply: FromPartWorker; transfer: ArrayBuffer[] } {
  let parts: LayoutPart[] = [];
  return (m) => {
    try {
      if (m.type === 'start') {
        parts = m.specs.map((s) => new LayoutPart(s));
        return { reply: { type: 'started' }, transfer: [] };
      }
      const results = parts.map((p) => p.runEpoch(m.epoch, m.snapshot, m.slice));
      // Every part has read the snapshot: its buffer now carries the owned points back (so no
      // buffer is allocated per slice; fresh pages cost more than the copying here).
      const snap = m.snapshot;
      results.forEach((r, i) => {
        const at = parts[i].spec.first * 3;
        snap.set(r.own, at);
        r.own = snap.subarray(at, at + r.own.length);
      });
      const transfer = [snap.buffer as ArrayBuffer, ...results.flatMap((r) => [r.moved.buffer, r.moves.buffer] as ArrayBuffer[])];
      return { reply: { type: 'epoch', results, snapshot: snap }, transfer };
    } catch (e) {
      return { reply: { type: 'error', message: e instanceof Error ? e.message : String(e) }, transfer: [] };
    }
  };
}

/** Raised when a worker fails; the runner then starts the layout over on its own thread. */
export class PartWorkersFailed extends Error {
  constructor(message: string) {
    super(`A layout worker failed: ${message}`);
    this.name = 'PartWorkersFailed';
  }
}

/** Longest wait for workers to start, and for one slice's replies, before giving up on them. */
const START_TIMEOUT_MS = 15_000;
const SLICE_TIMEOUT_MS = 120_000;

/**
 * Spreads the parts over `threads` threads, the calling thread included (contiguous groups, so
 * each thread's parts are next to each other in the layout): the caller runs the first group
 * itself while the workers run theirs, instead of waiting idle.
 */
export class WorkerParts implements PartHost {
  private ports: PartPort[] = [];
  private waiting: { resolve(m: FromPartWorker): void; reject(e: Error): void }[] = [];
  private failure: Error | null = null;
  /** Each worker's snapshot buffer, back from its last slice: reused for its next one. */
  private buffers: (Float32Array | undefined)[] = [];
  private readonly local = new InThreadParts();

  constructor(
    private readonly spawn: () => PartPort,
    private readonly threads: number,
  ) {}

  async start(specs: PartSpec[]): Promise<void> {
    const threads = Math.max(1, Math.min(this.threads, specs.length));
    const groups: PartSpec[][] = Array.from({ length: threads }, () => []);
    specs.forEach((s, i) => groups[Math.floor((i * threads) / specs.length)].push(s));
    this.local.start(groups[0]);
    this.ports = groups.slice(1).map((_, w) => {
      const port = this.spawn();
      port.listen(
        (m) => this.receive(w, m),
        (message) => this.fail(new PartWorkersFailed(message)),
      );
      return port;
    });
    await this.all(
      groups.slice(1).map((g) => ({ type: 'start', specs: g }) as ToPartWorker),
      START_TIMEOUT_MS,
    );
  }

  async epoch(epoch: number, snapshot: Float32Array, slice: number): Promise<PartResult[]> {
    const copies = this.ports.map((_, w) => {
      const b = this.buffers[w]?.length === snapshot.length ? this.buffers[w]! : new Float32Array(snapshot.length);
      this.buffers[w] = undefined;
      b.set(snapshot);
      return b;
    });
    const pending = this.all(
      copies.map((copy) => ({ type: 'epoch', epoch, slice, snapshot: copy }) as ToPartWorker),
      SLICE_TIMEOUT_MS,
    );
    // The caller's own parts read `snapshot`, which stays as it is until the merge.
    const own = this.local.epoch(epoch, snapshot, slice);
    const replies = await pending;
    // The results' `own` arrays are views of these buffers: the caller merges them before the
    // next slice, which is when the buffers are filled again.
    replies.forEach((r, w) => r.type === 'epoch' && (this.buffers[w] = r.snapshot));
    return [...own, ...replies.flatMap((r) => (r.type === 'epoch' ? r.results : []))];
  }

  dispose(): void {
    for (const p of this.ports) p.terminate();
    this.ports = [];
  }

  /** Posts one message to each worker (at once) and waits for every reply (a worker silent for `timeoutMs` has failed). */
  private all(messages: ToPartWorker[], timeoutMs: number): Promise<FromPartWorker[]> {
    if (this.failure) return Promise.reject(this.failure);
    const timer = setTimeout(() => this.fail(new PartWorkersFailed(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    const done = Promise.all(
      messages.map(
        (_, w) =>
          new Promise<FromPartWorker>((resolve, reject) => {
            this.waiting[w] = { resolve, reject };
          }),
      ),
    );
    messages.forEach((m, w) => this.ports[w].post(m, m.type === 'epoch' ? [m.snapshot.buffer as ArrayBuffer] : []));
    return done.finally(() => clearTimeout(timer));
  }

  private receive(w: number, m: FromPartWorker): void {
    if (m.type === 'error') {
      this.fail(new PartWorkersFailed(m.message));
      return;
    }
    this.waiting[w]?.resolve(m);
  }

  private fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    for (const w of this.waiting) w?.reject(e);
    this.dispose();
  }
}
