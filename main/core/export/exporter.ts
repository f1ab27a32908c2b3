import fs from 'node:fs';
import path from 'node:path';
import type { GetProjectionRequest, NeighborsRequest, NeighborsResult, Projection } from '../../../common/contract/contract';
import { ExplorerError } from '../errors';
import type { Model } from '../model/model';
import { suggestSpellings } from '../search/spelling';
import type { Db } from '../store/database';
import { APP_VERSION } from '../version';
import { writeFilesAtomic, type WrittenFile } from './atomic-write';
import type { CameraSpec } from './camera';
import { type Chunks, collectText } from './chunks';
import { neighboursCsv, projectionCsv } from './csv-writer';
import { prepareExport } from './export-data';
import { type PlacedPoints, withPlacedPoints } from './placed-points';
import { projectionHtml } from './html-writer';
import { projectionJson } from './json-writer';
import { neighboursMarkdown } from './markdown-writer';
import { projectorMetadata, projectorVectors, type VectorKind } from './projector-writer';
import { projectionSvg } from './svg-writer';
import { vocabularyExtras } from './vocabulary-labels';
import { type ClusterHost } from '../cluster/cluster-service';
import { exportClusters } from '../cluster/export-clusters';

import { EXPORT_FORMATS, type ExportFormat } from '../../../common/contract/contract';

export type ProjectionFormat = ExportFormat;
export const PROJECTION_FORMATS = EXPORT_FORMATS;

/** What the exporter needs from the core; ExplorerService provides it. */
export interface ExportSource extends ClusterHost {
  readonly db: Db;
  model(name?: string): Promise<Model>;
  getProjection(req: GetProjectionRequest): Promise<Projection | null>;
  neighbors(req: NeighborsRequest): Promise<NeighborsResult[]>;
}

export interface ProjectionExportOptions {
  /** Saved projection id, or "latest" (the newest of the model). */
  id: number | 'latest';
  /** Model for "latest". Default: the active model. */
  model?: string;
  format: ProjectionFormat;
  /** Query word: fills `similarity`/`is_query` and highlights its neighbourhood. */
  query?: string;
  /** Camera for in_view and the SVG; default: one framing every point. */
  camera?: CameraSpec;
  /** Viewport in pixels for the SVG (and in_view). Default 1600 × 1000. */
  width?: number;
  height?: number;
  theme?: 'dark' | 'light';
  /** SVG without a background. Default false. */
  transparent?: boolean;
  /** Text labels in the SVG. Default true. */
  labels?: boolean;
  /** Vectors in the Projector pair. Default "original" (unit vector × the model's stored norm). */
  vectors?: VectorKind;
  /** Points placed into the map after saving, exported after the projection's own. Default none. */
  placed?: PlacedPoints;
  /** CSV: leave fields that start like a spreadsheet formula as they are. Default false (neutralised). */
  keepFormulas?: boolean;
}

/** One file of an export, not yet written. */
export interface ExportPiece {
  /** Suggested file name, e.g. "glove-6b-100d-12.csv". */
  name: string;
  mimeType: string;
  content: Chunks;
}

const MIME: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  tsv: 'text/tab-separated-values; charset=utf-8',
  svg: 'image/svg+xml',
  html: 'text/html; charset=utf-8',
};

export async function loadProjection(source: ExportSource, id: number | 'latest', model?: string): Promise<Projection> {
  const p = await source.getProjection({ id, model });
  if (!p) {
    throw new ExplorerError(
      'unknown-projection',
      id === 'latest'
        ? 'There is no saved projection yet: open the app or run "embedding-explorer project" first.'
        : `There is no projection with id ${id}.`,
    );
  }
  return p;
}

function safeStem(p: Projection): string {
  return `${p.model}-projection-${p.id}`.replace(/[^\w.-]+/g, '_');
}

/** Builds the files of a projection export (two for the Projector pair, one otherwise). */
export async function buildProjectionExport(source: ExportSource, o: ProjectionExportOptions): Promise<ExportPiece[]> {
  const saved = await loadProjection(source, o.id, o.model);
  const { projection, placed } = withPlacedPoints(saved, o.placed);
  const model = await source.model(projection.model);
  let query: { text: string; matched: string; modelIndex: number } | undefined;
  if (o.query !== undefined && o.query.trim() !== '') {
    const i = model.lookup(o.query.trim());
    if (i < 0) {
      const suggestions = suggestSpellings(o.query.trim(), model.words);
      const hint = suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : '';
      throw new ExplorerError('unknown-word', `"${o.query.trim()}" is not in ${model.name}.${hint}`, { suggestions });
    }
    query = { text: o.query, matched: model.words[i], modelIndex: i };
  }
  const extras = vocabularyExtras(source.db, saved);
  const row = source.db.prepare('SELECT source FROM models WHERE name = ?').get(model.name) as { source: string } | undefined;
  const data = await prepareExport({
    projection,
    model,
    labels: extras.labels,
    query,
    camera: o.camera,
    width: o.width,
    height: o.height,
    appVersion: APP_VERSION,
    source: row?.source ?? '',
    extraVectors: extras.vectors,
    placed,
  });
  data.clusters = await exportClusters(source, saved, projection, model, data.rows);
  const stem = safeStem(projection);
  switch (o.format) {
    case 'csv':
      return [{ name: `${stem}.csv`, mimeType: MIME.csv, content: projectionCsv(data, o) }];
    case 'json':
      return [{ name: `${stem}.json`, mimeType: MIME.json, content: projectionJson(data) }];
    case 'svg':
      return [{ name: `${stem}.svg`, mimeType: MIME.svg, content: projectionSvg(data, o) }];
    case 'html':
      return [{ name: `${stem}.html`, mimeType: MIME.html, content: projectionHtml(data, o) }];
    case 'tsv': {
      return [
        {
          name: 'vectors.tsv',
          mimeType: MIME.tsv,
          content: projectorVectors(data, model, data.rows, o.vectors ?? 'original', extras.vectors),
        },
        { name: 'metadata.tsv', mimeType: MIME.tsv, content: projectorMetadata(data) },
      ];
    }
    default:
      throw new ExplorerError('bad-format', `Unknown export format "${String(o.format)}"; use one of ${PROJECTION_FORMATS.join(', ')}.`);
  }
}

/**
 * Where the Projector pair goes: a folder (existing, or given with a trailing separator) gets
 * vectors.tsv and metadata.tsv; a file path is the vectors file and the metadata file sits
 * beside it ("vectors.tsv" → "metadata.tsv", "glove.tsv" → "glove-metadata.tsv").
 */
export function projectorPaths(out: string): { vectors: string; metadata: string } {
  const isDir = /[\\/]$/.test(out) || (fs.existsSync(out) && fs.statSync(out).isDirectory());
  if (isDir) return { vectors: path.join(out, 'vectors.tsv'), metadata: path.join(out, 'metadata.tsv') };
  const dir = path.dirname(out);
  const base = path.basename(out);
  if (base === 'vectors.tsv') return { vectors: out, metadata: path.join(dir, 'metadata.tsv') };
  const stem = base.replace(/\.tsv$/i, '');
  return { vectors: out, metadata: path.join(dir, `${stem}-metadata.tsv`) };
}

/** Exports a projection to disk, atomically (all files appear complete, or none does). */
export async function exportProjectionToPath(source: ExportSource, o: ProjectionExportOptions, out: string): Promise<WrittenFile[]> {
  const pieces = await buildProjectionExport(source, o);
  if (o.format === 'tsv') {
    const p = projectorPaths(out);
    return writeFilesAtomic([
      { path: p.vectors, content: pieces[0].content },
      { path: p.metadata, content: pieces[1].content },
    ]);
  }
  return writeFilesAtomic([{ path: out, content: pieces[0].content }]);
}

/** An export as text, for the page to download or save (browser mode, Electron save dialog). */
export async function exportProjectionText(
  source: ExportSource,
  o: ProjectionExportOptions,
): Promise<{ name: string; mimeType: string; content: string }[]> {
  const pieces = await buildProjectionExport(source, o);
  const out = [];
  for (const p of pieces) out.push({ name: p.name, mimeType: p.mimeType, content: await collectText(p.content) });
  return out;
}

/** A word's neighbour table as a CSV or Markdown file. */
export async function exportNeighborsFile(
  source: ExportSource,
  req: { word: string; k?: number; model?: string; format: 'csv' | 'md'; keepFormulas?: boolean },
): Promise<{ name: string; mimeType: string; content: string }> {
  const [r] = await source.neighbors({ words: [req.word], k: req.k, model: req.model });
  if (!r.neighbors)
    throw new ExplorerError(r.error?.code ?? 'unknown-word', r.error?.message ?? `No neighbours for "${req.word}".`, {
      suggestions: r.error?.suggestions ?? [],
    });
  const word = r.matched ?? req.word;
  const stem = `${word}-neighbours`.replace(/[^\p{L}\p{N}_.-]+/gu, '_');
  return req.format === 'csv'
    ? { name: `${stem}.csv`, mimeType: MIME.csv, content: neighboursCsv(r.neighbors, req) }
    : { name: `${stem}.md`, mimeType: 'text/markdown; charset=utf-8', content: neighboursMarkdown(word, r.model, r.neighbors) };
}
