/**
 * Saved projections: everything needed to reproduce a layout (model, words, parameters with the
 * seed, the view it came from) plus its coordinates as one float32 BLOB. Each write is one
 * transaction.
 */
import type { Projection, ProjectionSummary, UmapParams, ViewSpec } from '../../../common/contract/contract';
import { ExplorerError } from '../errors';
import type { Db } from '../store/database';

interface Row {
  id: number;
  model_id: number;
  model: string;
  name: string;
  created_at: string;
  params: string;
  point_count: number;
  meta: string;
}

interface FullRow extends Row {
  words: string;
  coords: Buffer;
}

const SUMMARY_COLUMNS = 'p.id, p.model_id, m.name AS model, p.name, p.created_at, p.params, p.point_count, p.meta';

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toSummary(r: Row): ProjectionSummary {
  const params = parseJson<UmapParams & { view?: ViewSpec }>(r.params, { nNeighbors: 15, minDist: 0.1, nEpochs: 200, seed: 42 });
  const meta = parseJson<{ view?: ViewSpec }>(r.meta, {});
  const view = meta.view ?? { kind: 'words', words: [] };
  return {
    id: r.id,
    name: r.name,
    model: r.model,
    createdAt: r.created_at,
    pointCount: r.point_count,
    view,
    params: {
      nNeighbors: params.nNeighbors,
      minDist: params.minDist,
      nEpochs: params.nEpochs,
      seed: params.seed,
      ...(params.engine ? { engine: params.engine } : {}),
    },
  };
}

/** A readable default name, e.g. "Top 5,000 words · seed 42". */
export function defaultProjectionName(view: ViewSpec, pointCount: number, params: UmapParams): string {
  const n = pointCount.toLocaleString('en-US');
  const what =
    view.kind === 'top'
      ? `Top ${view.top.toLocaleString('en-US')} words`
      : view.kind === 'neighbourhood'
        ? `Neighbourhood of “${view.query}” (${n})`
        : view.kind === 'vocabulary'
          ? `Vocabulary ${view.vocabularyId} (${n})`
          : `${n} words`;
  return `${what} · seed ${params.seed}${params.engine === 'umap-js' ? ' · umap-js' : ''}`;
}

export interface NewProjection {
  modelId: number;
  view: ViewSpec;
  params: UmapParams;
  words: string[];
  coords: Float32Array;
  name?: string;
  meta?: Record<string, unknown>;
}

export function saveProjection(db: Db, p: NewProjection): number {
  if (p.coords.length !== p.words.length * 3) {
    throw new ExplorerError('invalid-request', `coords must hold 3 numbers per word (${p.words.length * 3}), got ${p.coords.length}.`);
  }
  const name = p.name ?? defaultProjectionName(p.view, p.words.length, p.params);
  // Words views keep their list in `words`; storing it twice in meta would double the row.
  const view: ViewSpec = p.view.kind === 'words' ? { kind: 'words', words: [] } : p.view;
  const meta = { ...(p.meta ?? {}), view };
  const coords = Buffer.from(p.coords.buffer, p.coords.byteOffset, p.coords.byteLength);
  return db
    .transaction(() => {
      const info = db
        .prepare(
          'INSERT INTO projections(model_id, name, created_at, params, words, point_count, coords, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          p.modelId,
          name,
          new Date().toISOString(),
          JSON.stringify(p.params),
          JSON.stringify(p.words),
          p.words.length,
          coords,
          JSON.stringify(meta),
        );
      return Number(info.lastInsertRowid);
    })
    .immediate();
}

export function listProjections(db: Db, modelId: number): ProjectionSummary[] {
  const rows = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM projections p JOIN models m ON m.id = p.model_id WHERE p.model_id = ? ORDER BY p.id DESC`)
    .all(modelId) as Row[];
  return rows.map(toSummary);
}

export function getProjectionSummary(db: Db, id: number): ProjectionSummary | null {
  const row = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM projections p JOIN models m ON m.id = p.model_id WHERE p.id = ?`).get(id) as
    Row | undefined;
  return row ? toSummary(row) : null;
}

/** One projection by id, or the newest of a model when id is "latest"; null when there is none. */
export function getProjection(db: Db, id: number | 'latest', modelId: number): Projection | null {
  const row = (
    id === 'latest'
      ? db
          .prepare(
            `SELECT ${SUMMARY_COLUMNS}, p.words, p.coords FROM projections p JOIN models m ON m.id = p.model_id WHERE p.model_id = ? ORDER BY p.id DESC LIMIT 1`,
          )
          .get(modelId)
      : db
          .prepare(`SELECT ${SUMMARY_COLUMNS}, p.words, p.coords FROM projections p JOIN models m ON m.id = p.model_id WHERE p.id = ?`)
          .get(id)
  ) as FullRow | undefined;
  if (!row) return null;
  const summary = toSummary(row);
  const words = parseJson<string[]>(row.words, []);
  if (row.coords.byteLength !== row.point_count * 12 || words.length !== row.point_count) {
    throw new ExplorerError(
      'db-corrupt',
      `The saved projection ${row.id} ("${row.name}") is damaged: it has ${words.length} words and ${row.coords.byteLength / 12} points for ${row.point_count}.`,
    );
  }
  const coords = new Float32Array(row.point_count * 3);
  // Byte copy: a BLOB's Buffer need not be 4-byte aligned.
  new Uint8Array(coords.buffer).set(row.coords);
  const meta = parseJson<Record<string, unknown>>(row.meta, {});
  delete meta.view;
  if (summary.view.kind === 'words') summary.view = { kind: 'words', words };
  return { ...summary, words, coords, meta };
}

export function renameProjection(db: Db, id: number, name: string): ProjectionSummary {
  const info = db.prepare('UPDATE projections SET name = ? WHERE id = ?').run(name, id);
  if (info.changes === 0) throw new ExplorerError('unknown-projection', `There is no saved projection with id ${id}.`);
  return getProjectionSummary(db, id)!;
}

export function deleteProjection(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM projections WHERE id = ?').run(id).changes > 0;
}
