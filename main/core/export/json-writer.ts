import { ROWS_PER_CHUNK } from './chunks';
import type { ExportData } from './export-data';
import { f32 } from './format-numbers';
import { clusterJsonField, clusterLegend } from './cluster-columns';

/** Identifies the file kind for readers; bumped when the shape changes incompatibly. */
export const PROJECTION_JSON_FORMAT = 'embedding-explorer/projection';
export const PROJECTION_JSON_VERSION = 1;

/** Provenance block: enough to recompute the layout (model, words, view, UMAP parameters, seed). */
export function provenance(data: ExportData) {
  const p = data.projection;
  return {
    app: 'embedding-explorer',
    appVersion: data.appVersion,
    exportedAt: data.exportedAt,
    model: data.model,
    projection: { id: p.id, name: p.name, createdAt: p.createdAt, pointCount: p.pointCount, view: p.view },
    umap: p.params,
    seed: p.params.seed,
    ...(p.axes ? { axes: p.axes } : {}),
    query: data.query ? { text: data.query.text, matched: data.query.matched } : null,
  };
}

/**
 * The projection as JSON: `{format, version, provenance, words, points}`; points carry the
 * same fields as the CSV (coordinates read back to the stored float32 values).
 */
export function* projectionJson(data: ExportData): Generator<string> {
  const { words, coords } = data.projection;
  const q = data.query?.point ?? -1;
  const head = {
    format: PROJECTION_JSON_FORMAT,
    version: PROJECTION_JSON_VERSION,
    provenance: provenance(data),
    clusters: clusterLegend(data).map(({ id, name, size }) => ({ id, name, size })),
  };
  yield `${JSON.stringify(head, null, 2).slice(0, -2)},\n  "words": ${JSON.stringify(words)},\n  "points": [\n`;
  for (let start = 0; start < words.length; start += ROWS_PER_CHUNK) {
    const end = Math.min(words.length, start + ROWS_PER_CHUNK);
    let s = '';
    for (let i = start; i < end; i++) {
      const sim = data.similarity && Number.isFinite(data.similarity[i]) ? Number(data.similarity[i].toFixed(6)) : null;
      s += `    {"word":${JSON.stringify(words[i])},"x":${f32(coords[3 * i])},"y":${f32(coords[3 * i + 1])},"z":${f32(coords[3 * i + 2])},"label":${JSON.stringify(data.labels[i] ?? '')},"inView":${data.screen.inView[i] === 1},"isQuery":${i === q},"similarity":${sim},"placed":${data.placed[i] === 1}${clusterJsonField(data, i)}}${i < words.length - 1 ? ',' : ''}\n`;
    }
    yield s;
  }
  yield '  ]\n}\n';
}
