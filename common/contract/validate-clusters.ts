/**
 * Validators for the clusters and token lens members of the contract (spread into `validators`
 * in validate.ts).
 */
import * as check from './check';
import { ValidationError } from './check';
import type { ClustersRequest } from './contract';

function clusters(req: unknown): ClustersRequest {
  const r = check.object(req, 'clusters', ['id', 'model']);
  if (r.id === undefined || r.id === null) throw new ValidationError('clusters: give a projection id or "latest"');
  return { id: r.id === 'latest' ? 'latest' : check.id(r.id), model: check.model(r.model) };
}

export const clusterValidators = { clusters };
