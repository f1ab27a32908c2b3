import type { JobManager } from '../jobs';
import type { Db } from '../store/database';
import { findWordIndex, findWordIndexQuick } from '../store/models-repo';
import type { Model } from './model';
import { ModelLoader } from './model-loader';

/** Models from this size (float32 bytes, ~1 s to read) load as a visible job. */
const JOB_MIN_BYTES = 256 << 20;

/**
 * The service's loaded models, by name. A model opens partial (words and norms, vectors read
 * on demand: model-loader.ts) and becomes complete the first time something needs every row.
 */
export class ModelCache {
  private readonly loaders = new Map<string, ModelLoader>();

  constructor(
    private readonly db: Db,
    /** When given, loads of large models show as jobs (progress, Cancel) in every shell. */
    private readonly jobs?: JobManager,
  ) {}

  private loader(name: string): ModelLoader {
    let l = this.loaders.get(name);
    if (!l) {
      l = new ModelLoader(this.db, name, (id) => ({
        find: (w) => findWordIndex(this.db, id, w),
        findQuick: (w) => findWordIndexQuick(this.db, id, w),
      }));
      this.loaders.set(name, l);
    }
    return l;
  }

  /** The model with its words; rows of `vectors` must be asked for with `ensureRows` before use. */
  partial(name: string): Model {
    return this.loader(name).model;
  }

  /** The model with every row read and its exact searcher built. */
  async full(name: string): Promise<Model> {
    const l = this.loader(name);
    try {
      if (this.jobs && !l.loading && !l.model.complete && l.bytes >= JOB_MIN_BYTES) {
        const words = l.model.size.toLocaleString('en-US');
        return await this.jobs.run('load-model', `Loading ${name} (${words} words)`, (job) =>
          l.loadAll(
            (f) => job.progress('Reading vectors', f),
            () => job.cancelled,
          ),
        );
      }
      return await l.loadAll();
    } catch (e) {
      if (this.loaders.get(name) === l) this.forget(name);
      throw e;
    }
  }

  /** Drops a model (renamed, deleted or replaced): the next use reads it afresh. */
  forget(name: string): void {
    this.loaders.get(name)?.dispose();
    this.loaders.delete(name);
  }

  close(): void {
    for (const name of [...this.loaders.keys()]) this.forget(name);
  }
}
