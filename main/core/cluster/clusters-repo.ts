/**
 * Stored clusters of a projection (table projection_clusters, one row per projection, deleted with
 * it). Member words are not stored twice: they come back from the projection's own word list.
 */
import type { Cluster, ProjectionClusters } from '../../../common/contract/contract';
import type { Db } from '../store/database';

export interface StoredClusters {
  method: ProjectionClusters['method'];
  clusters: Cluster[];
  assignment: Int32Array;
  /** Unit mean vectors, clusters.length × dims. */
  centres: Float32Array;
}

interface Row {
  method: string;
  clusters: string;
  members: Buffer;
  centres: Buffer;
}

type StoredCluster = Omit<Cluster, 'words'>;

function copyOf<T extends Int32Array | Float32Array>(Kind: { new (n: number): T }, blob: Buffer): T {
  const out = new Kind(blob.byteLength / 4);
  // Byte copy: a BLOB's Buffer need not be 4-byte aligned.
  new Uint8Array(out.buffer).set(blob);
  return out;
}

export function saveClusters(
  db: Db,
  projectionId: number,
  method: ProjectionClusters['method'],
  clusters: Cluster[],
  members: Int32Array,
  centres: Float32Array,
): void {
  const meta: StoredCluster[] = clusters.map(({ id, name, size, anchor, anchorPoint }) => ({ id, name, size, anchor, anchorPoint }));
  db.prepare(
    'INSERT OR REPLACE INTO projection_clusters(projection_id, created_at, method, clusters, members, centres) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(
    projectionId,
    new Date().toISOString(),
    JSON.stringify(method),
    JSON.stringify(meta),
    Buffer.from(members.buffer, members.byteOffset, members.byteLength),
    Buffer.from(centres.buffer, centres.byteOffset, centres.byteLength),
  );
}

/** The stored clusters of a projection of `words`, or null when there are none or they do not fit it. */
export function loadClusters(db: Db, projectionId: number, words: string[]): StoredClusters | null {
  const row = db.prepare('SELECT method, clusters, members, centres FROM projection_clusters WHERE projection_id = ?').get(projectionId) as
    Row | undefined;
  if (!row || row.members.byteLength % 4 !== 0 || row.centres.byteLength % 4 !== 0) return null;
  let method: ProjectionClusters['method'];
  let meta: StoredCluster[];
  try {
    method = JSON.parse(row.method) as ProjectionClusters['method'];
    meta = JSON.parse(row.clusters) as StoredCluster[];
  } catch {
    return null;
  }
  const members = copyOf(Int32Array, row.members);
  const total = meta.reduce((s, c) => s + c.size, 0);
  if (total !== members.length || members.some((p) => p < 0 || p >= words.length)) return null;
  const assignment = new Int32Array(words.length).fill(-1);
  let at = 0;
  const clusters = meta.map((c) => {
    const points = members.subarray(at, at + c.size);
    at += c.size;
    for (const p of points) assignment[p] = c.id;
    return { ...c, words: Array.from(points, (p) => words[p]) };
  });
  return { method, clusters, assignment, centres: copyOf(Float32Array, row.centres) };
}
