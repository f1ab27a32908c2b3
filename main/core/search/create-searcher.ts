import type { Model, Searcher } from '../model/model';
import { exactScan } from './exact-scan';
import { type QuantizedBlock, QuantizedIndex, quantizedSearchAvailable } from './quantized-index';

/** Picks the fastest exact searcher available for a model. */
export function createSearcher(model: Model, stored?: QuantizedBlock[]): Searcher {
  if (quantizedSearchAvailable() && model.size > 1) return new QuantizedIndex(model.vectors, model.dims, stored);
  return { search: (q, k, ex, limit) => exactScan(model.vectors, model.dims, q, k, ex, limit) };
}
