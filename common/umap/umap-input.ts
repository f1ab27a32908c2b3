import type { UmapParams } from '../contract/contract';

/** What a run needs: the view's kNN graph (self excluded) and, for the PCA start, its vectors. */
export interface UmapInput {
  /** n × knnK neighbour indices, nearest first, self excluded. */
  knnIndices: Int32Array;
  /** Cosine distances matching knnIndices. */
  knnDistances: Float32Array;
  knnK: number;
  /** Unit vectors, row-major n × dims (optional: without them the start is seeded noise). */
  vectors?: Float32Array;
  dims?: number;
}

/** Checks an input/params pair; returns the number of points. Throws plain Errors with readable text. */
export function checkInput(input: UmapInput, params: UmapParams): number {
  const { knnIndices, knnDistances, knnK } = input;
  if (!Number.isInteger(knnK) || knnK < 1) throw new Error(`knnK must be a positive whole number (got ${knnK}).`);
  if (knnIndices.length !== knnDistances.length || knnIndices.length % knnK !== 0) {
    throw new Error('The kNN graph is malformed: indices and distances must both hold n × knnK entries.');
  }
  const n = knnIndices.length / knnK;
  if (n < 3) throw new Error(`A projection needs at least 3 points (got ${n}).`);
  if (input.vectors && input.dims && input.vectors.length !== n * input.dims) {
    throw new Error(`vectors must hold n × dims = ${n * input.dims} numbers (got ${input.vectors.length}).`);
  }
  if (!Number.isInteger(params.nNeighbors) || params.nNeighbors < 2)
    throw new Error(`nNeighbors must be at least 2 (got ${params.nNeighbors}).`);
  if (!(params.minDist >= 0 && params.minDist < 1)) throw new Error(`minDist must be in 0..0.99 (got ${params.minDist}).`);
  if (!Number.isInteger(params.nEpochs) || params.nEpochs < 1)
    throw new Error(`nEpochs must be a positive whole number (got ${params.nEpochs}).`);
  if (!Number.isInteger(params.seed) || params.seed < 0 || params.seed > 0xffffffff)
    throw new Error(`seed must be a whole number 0..4294967295 (got ${params.seed}).`);
  if (knnK < Math.min(params.nNeighbors - 1, n - 1)) {
    throw new Error(
      `The kNN graph holds ${knnK} neighbours per point; nNeighbors ${params.nNeighbors} needs ${params.nNeighbors - 1}. Request viewData with knnK ≥ ${params.nNeighbors - 1}.`,
    );
  }
  return n;
}
