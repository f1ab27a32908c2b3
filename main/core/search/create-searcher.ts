import type { Model, Searcher } from '../model/model';
import { exactScan } from './exact-scan';

/** Picks the fastest exact searcher available for a model. */
export function createSearcher(model: Model): Searcher {
  return { search: (q, k, ex) => exactScan(model.vectors, model.dims, q, k, ex) };
}
