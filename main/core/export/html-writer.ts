import { ROWS_PER_CHUNK } from './chunks';
import type { ExportData } from './export-data';
import { f32 } from './format-numbers';
import { labelColours, THEMES } from './theme';
import { cspHash, viewerAsset } from './viewer-asset';
import { xmlText } from './svg-writer';
import { clusterLegend } from './cluster-columns';

/** Styles of the exported page; inline, allowed by their hash in the page's CSP. */
const STYLE = `html,body{margin:0;height:100%;overflow:hidden;font:14px/1.4 Inter,system-ui,sans-serif}
#stage{position:fixed;inset:0}#stage canvas{display:block}
.ee-label{position:absolute;pointer-events:none;white-space:nowrap;line-height:16px;font-size:12px;text-shadow:0 0 3px var(--bg),0 0 3px var(--bg),0 0 2px var(--bg)}
.ee-label.query{font-weight:700;font-size:14px;line-height:19px}
.ee-label.placed{font-style:italic}
#card{position:absolute;pointer-events:none;padding:6px 9px;border-radius:6px;border:1px solid var(--dim);background:var(--bg);font-size:13px;transform:translate(12px,12px)}
#card small{display:block;opacity:.75}
#caption{position:fixed;right:14px;bottom:10px;font-size:12px;opacity:.8}
#legend{position:fixed;left:14px;top:12px;font-size:12px}#legend span{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:6px}
#help{position:fixed;left:14px;bottom:10px;font-size:12px;opacity:.6}`;

/** JSON that is safe inside a <script> element: "<" can never start "</script" or "<!--". */
function placedIndices(placed: Uint8Array): number[] {
  const at: number[] = [];
  placed.forEach((v, i) => v && at.push(i));
  return at;
}

export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * A single self-contained HTML file: the viewer script and the data inline, a CSP that allows
 * only those inline pieces (by hash) and nothing from the network, so it opens from disk in any
 * browser and shows the 3D map with orbit, hover card, labels and the query's neighbourhood.
 */
export function* projectionHtml(data: ExportData, o: { theme?: 'dark' | 'light' } = {}): Generator<string> {
  const viewer = viewerAsset();
  const theme = THEMES[o.theme ?? 'dark'];
  const p = data.projection;
  const style = `:root{--bg:${theme.background};--text:${theme.text};--dim:${theme.textDim}}body{background:var(--bg);color:var(--text)}\n${STYLE}`;
  const csp = [
    "default-src 'none'",
    `script-src ${viewer.hash}`,
    `style-src ${cspHash(style)}`,
    'img-src data: blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const title = `${p.name} (${data.model.name})`;
  yield `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="${csp}">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${xmlText(title)}</title>\n<style>${style}</style>\n</head>\n<body>\n<div id="stage" data-state="loading"></div>\n`;
  const head = {
    title,
    model: data.model.name,
    projection: { id: p.id, name: p.name, createdAt: p.createdAt, view: p.view, params: p.params },
    appVersion: data.appVersion,
    exportedAt: data.exportedAt,
    theme: theme,
    query: data.query ? { matched: data.query.matched, point: data.query.point } : null,
    neighbourhood: Array.from(data.neighbourhood),
    placed: placedIndices(data.placed),
    legend: Object.fromEntries(labelColours(data.labels)),
    clusters: clusterLegend(data),
    camera: data.camera,
  };
  yield `<script id="ee-data" type="application/json">{"meta":${scriptJson(head)},\n"words":${scriptJson(p.words)},\n"labels":${scriptJson(data.labels.some(Boolean) ? data.labels : [])},\n"clusters":${scriptJson(data.clusters ? Array.from(data.clusters.assignment) : [])},\n"ranks":[`;
  const n = p.words.length;
  for (let start = 0; start < n; start += ROWS_PER_CHUNK * 4) {
    const end = Math.min(n, start + ROWS_PER_CHUNK * 4);
    yield `${start ? ',' : ''}${Array.from(data.ranks.subarray(start, end)).join(',')}`;
  }
  yield '],\n"similarity":[';
  if (data.similarity) {
    const sim = data.similarity;
    for (let start = 0; start < n; start += ROWS_PER_CHUNK * 4) {
      const end = Math.min(n, start + ROWS_PER_CHUNK * 4);
      let s = '';
      for (let i = start; i < end; i++) s += `${i ? ',' : ''}${Number.isFinite(sim[i]) ? sim[i].toFixed(4) : 'null'}`;
      yield s;
    }
  }
  yield '],\n"coords":[';
  for (let start = 0; start < n; start += ROWS_PER_CHUNK) {
    const end = Math.min(n, start + ROWS_PER_CHUNK);
    let s = '';
    for (let i = start; i < end; i++) s += `${i ? ',' : ''}${f32(p.coords[3 * i])},${f32(p.coords[3 * i + 1])},${f32(p.coords[3 * i + 2])}`;
    yield s;
  }
  yield ']}</script>\n';
  yield `<script>${viewer.script}</script>\n</body>\n</html>\n`;
}
