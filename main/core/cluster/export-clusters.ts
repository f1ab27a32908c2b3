/**
 * Clusters as exports carry them: a cluster per exported point (points placed into the map after
 * it was saved join the cluster whose mean vector is nearest theirs) and the list for legends.
 */
import type { Projection } from '../../../common/contract/contract';
import type { Model } from '../model/model';
import { type ClusterHost, storedClustersOf } from './cluster-service';

export interface ExportClusters {
  /** Cluster id per exported point, -1 for none. */
  assignment: Int32Array;
  /** In id order. */
  list: { id: number; name: string; size: number; anchor: [number, number, number] }[];
}

/**
 * `saved` is the stored projection, `exported` the same with placed points appended; `rows` are
 * the exported points' model rows (-1 when the model lacks the word).
 */
export async function exportClusters(
  host: ClusterHost,
  saved: Projection,
  exported: Projection,
  model: Model,
  rows: Int32Array,
): Promise<ExportClusters> {
  const stored = await storedClustersOf(host, saved);
  const n = exported.words.length;
  const assignment = new Int32Array(n).fill(-1);
  assignment.set(stored.assignment.subarray(0, Math.min(n, stored.assignment.length)));
  const d = model.dims;
  const k = stored.clusters.length;
  if (stored.centres.length === k * d) {
    for (let i = saved.words.length; i < n; i++) {
      if (rows[i] < 0) continue;
      const v = model.row(rows[i]);
      let best = -1;
      let bestScore = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += v[j] * stored.centres[c * d + j];
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      assignment[i] = best;
    }
  }
  return { assignment, list: stored.clusters.map(({ id, name, size, anchor }) => ({ id, name, size, anchor })) };
}
