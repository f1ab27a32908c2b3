import type { Projection } from '../../../common/contract/contract';
import type { ExportClusters } from '../cluster/export-clusters';
import type { Model } from '../model/model';
import { SLICE_MS } from './chunks';
import { type CameraSpec, defaultCamera, projectToScreen, type ScreenPoints } from './camera';

/** Everything a writer needs about one projection export, computed once. */
export interface ExportData {
  projection: Projection;
  model: { name: string; dims: number; source: string; words: number };
  /** Category label per point ('' when none), e.g. from a labelled vocabulary. */
  labels: string[];
  /** The query the export is centred on, when there is one. */
  query?: {
    /** As typed. */
    text: string;
    /** The model word it matched. */
    matched: string;
    /** Its point index, or -1 when the query is not among the projection's points. */
    point: number;
  };
  /** Cosine similarity of each point to the query (NaN when unknown); absent without a query. */
  similarity?: Float32Array;
  /** Point indices of the query's nearest points in the projection, nearest first (query excluded). */
  neighbourhood: Int32Array;
  /** Model row per point (-1 for points the model lacks, e.g. composed vocabulary entries). */
  rows: Int32Array;
  /** Frequency rank per point (the model size when unknown): lower ranks get labels first. */
  ranks: Int32Array;
  /** 1 for points placed into the map after the projection was saved (see placed-points.ts). */
  placed: Uint8Array;
  camera: CameraSpec;
  /** Viewport the camera looks through, in pixels. */
  width: number;
  height: number;
  screen: ScreenPoints;
  /** Cluster of each point and the cluster list (cluster/export-clusters.ts); absent when none were made. */
  clusters?: ExportClusters;
  appVersion: string;
  /** ISO-8601 time of the export. */
  exportedAt: string;
}

export interface PrepareOptions {
  projection: Projection;
  model: Model;
  labels: string[];
  query?: { text: string; matched: string; modelIndex: number };
  /** Neighbourhood size highlighted around the query. Default 10. */
  neighbourhoodK?: number;
  camera?: CameraSpec;
  width?: number;
  height?: number;
  appVersion: string;
  source: string;
  /** Unit vectors of points the model does not hold (composed vocabulary entries), by point index. */
  extraVectors?: Map<number, Float32Array>;
  /** 1 per placed point (see ExportData.placed). Default: none placed. */
  placed?: Uint8Array;
}

/** Default viewport for exports made without a window (CLI): 16:10, 1600 × 1000 px. */
export const DEFAULT_VIEWPORT = { width: 1600, height: 1000 } as const;

/**
 * Model row of every point (-1 when the model lacks it). One pass over the model's word list
 * finds exact matches (the lowest row wins, as in look-ups); only the rest (other case, composed
 * vocabulary entries) go through Model.lookup. Runs in time slices that leave the event loop free.
 */
export async function modelRows(model: Model, words: string[]): Promise<Int32Array> {
  const rows = new Int32Array(words.length).fill(-1);
  let start = performance.now();
  const pause = async () => {
    if (performance.now() - start > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      start = performance.now();
    }
  };
  // First point of each word; repeated words (rare) copy its row at the end.
  const first = new Map<string, number>();
  const repeats: number[] = [];
  for (let i = 0; i < words.length; i++) {
    if (first.has(words[i])) repeats.push(i);
    else first.set(words[i], i);
    if ((i & 4095) === 4095) await pause();
  }
  let left = first.size;
  for (let r = 0; r < model.size && left > 0; r++) {
    const i = first.get(model.words[r]);
    if (i !== undefined && rows[i] < 0) {
      rows[i] = r;
      left--;
    }
    if ((r & 4095) === 4095) await pause();
  }
  for (const i of first.values()) {
    if (rows[i] >= 0) continue;
    rows[i] = model.lookup(words[i]);
    await pause();
  }
  for (const i of repeats) rows[i] = rows[first.get(words[i])!];
  return rows;
}

/** Unit vector of point i, from the model or from the extra vectors, or undefined. */
export function pointVector(model: Model, rows: Int32Array, i: number, extra?: Map<number, Float32Array>): Float32Array | undefined {
  return rows[i] >= 0 ? model.row(rows[i]) : extra?.get(i);
}

/** Cosine similarity of every point to the query's unit vector, in time slices. */
export async function similarities(
  model: Model,
  rows: Int32Array,
  queryRow: number,
  extra?: Map<number, Float32Array>,
): Promise<Float32Array> {
  const q = model.row(queryRow);
  const d = model.dims;
  const out = new Float32Array(rows.length);
  let start = performance.now();
  for (let i = 0; i < rows.length; i++) {
    const v = pointVector(model, rows, i, extra);
    if (!v) {
      out[i] = NaN;
      continue;
    }
    let s = 0;
    for (let j = 0; j < d; j++) s += q[j] * v[j];
    out[i] = s;
    if ((i & 1023) === 1023 && performance.now() - start > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      start = performance.now();
    }
  }
  return out;
}

/** The k points most similar to the query (excluding the query point), nearest first, ties by index. */
export function topPoints(sim: Float32Array, k: number, exclude: number): Int32Array {
  const best: number[] = [];
  for (let i = 0; i < sim.length; i++) {
    if (i === exclude || Number.isNaN(sim[i])) continue;
    if (best.length === k && sim[i] <= sim[best[k - 1]]) continue;
    let at = best.length;
    while (at > 0 && sim[best[at - 1]] < sim[i]) at--;
    best.splice(at, 0, i);
    if (best.length > k) best.pop();
  }
  return Int32Array.from(best);
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Everything the writers need, computed in steps that each leave the event loop free. */
export async function prepareExport(o: PrepareOptions): Promise<ExportData> {
  const { projection, model } = o;
  const rows = await modelRows(model, projection.words);
  const ranks = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) ranks[i] = rows[i] >= 0 ? rows[i] : model.size;
  const width = o.width ?? DEFAULT_VIEWPORT.width;
  const height = o.height ?? DEFAULT_VIEWPORT.height;
  await yieldToLoop();
  const camera = o.camera ?? defaultCamera(projection.coords, width / height);
  let query: ExportData['query'];
  let similarity: Float32Array | undefined;
  let neighbourhood: Int32Array = new Int32Array(0);
  if (o.query) {
    const point = rows.indexOf(o.query.modelIndex);
    query = { text: o.query.text, matched: o.query.matched, point };
    similarity = await similarities(model, rows, o.query.modelIndex, o.extraVectors);
    await yieldToLoop();
    neighbourhood = topPoints(similarity, o.neighbourhoodK ?? 10, point);
  }
  await yieldToLoop();
  const screen = projectToScreen(camera, projection.coords, width, height);
  await yieldToLoop();
  return {
    projection,
    model: { name: model.name, dims: model.dims, source: o.source, words: model.size },
    labels: o.labels,
    rows,
    query,
    similarity,
    neighbourhood,
    ranks,
    placed: o.placed ?? new Uint8Array(rows.length),
    camera,
    width,
    height,
    screen,
    appVersion: o.appVersion,
    exportedAt: new Date().toISOString(),
  };
}
