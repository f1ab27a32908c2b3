import type { Model, Searcher } from '../model/model';
import { exactScan } from './exact-scan';
import type { QuantizedBlock } from './quantized-block';
import { QuantizedIndex } from './quantized-index';
import { quantizedSearchAvailable } from './scan-kernel';

const plainScan = (model: Model): Searcher => ({ search: (q, k, ex, limit) => exactScan(model.vectors, model.dims, q, k, ex, limit) });

/** Picks the fastest exact searcher available for a model. */
export function createSearcher(model: Model, stored?: QuantizedBlock[]): Searcher {
  if (quantizedSearchAvailable() && model.size > 1) return new QuantizedIndex(model.vectors, model.dims, stored);
  return plainScan(model);
}

/** Builds a model's searcher from its stored quantisation handed over one block at a time. */
export interface SearcherBuilder {
  add(block: QuantizedBlock): void;
  finish(): Searcher;
}

export function createSearcherBuilder(model: Model): SearcherBuilder {
  if (!quantizedSearchAvailable() || model.size <= 1) return { add: () => {}, finish: () => plainScan(model) };
  const index = new QuantizedIndex(model.vectors, model.dims, 'streamed');
  return {
    add: (block) => index.addStored(block),
    finish: () => {
      index.start();
      return index;
    },
  };
}
