/**
 * What exports say about clusters (see docs/clusters.md): a `cluster` id and `cluster_name`
 * column for tables, and in pictures the cluster names at their anchors plus a legend. Kept here,
 * apart from the writers, which only call these and hand in their own escaping (so a CSV cell or
 * SVG text made of a cluster name is escaped exactly like every other one).
 */
import { projectToScreen } from './camera';
import type { ExportData } from './export-data';
import type { ExportTheme } from './theme';

/** Header cells the tables gain when the export has clusters (every export from the store does). */
export function clusterHeader(data: ExportData, separator: string): string {
  return data.clusters ? `${separator}cluster${separator}cluster_name` : '';
}

function nameOf(data: ExportData, i: number): { id: number; name: string } | null {
  const c = data.clusters;
  const id = c ? c.assignment[i] : -1;
  return c && id >= 0 ? { id, name: c.list[id].name } : null;
}

/** ",id,name" for CSV (both empty for a point without a cluster). */
export function clusterCsvCells(data: ExportData, i: number, csvField: (s: string) => string): string {
  if (!data.clusters) return '';
  const c = nameOf(data, i);
  return c ? `,${c.id},${csvField(c.name)}` : ',,';
}

/** "\tid\tname" for the Projector metadata (tabs and line breaks in names become spaces). */
export function clusterTsvCells(data: ExportData, i: number): string {
  if (!data.clusters) return '';
  const c = nameOf(data, i);
  return c ? `\t${c.id}\t${c.name.replace(/[\t\r\n]/g, ' ')}` : '\t\t';
}

/** `,"cluster":id` (null without one) for a JSON point. */
export function clusterJsonField(data: ExportData, i: number): string {
  if (!data.clusters) return '';
  return `,"cluster":${nameOf(data, i)?.id ?? 'null'}`;
}

/** The legend as JSON exports and the HTML viewer carry it: `[{id, name, size, anchor}]`. */
export function clusterLegend(data: ExportData): { id: number; name: string; size: number; anchor: [number, number, number] }[] {
  return data.clusters?.list ?? [];
}

/** A screen box (x, y, width, height in pixels) that word labels keep out of. */
export type Box = [number, number, number, number];

const r = (v: number) => Math.round(v);

/**
 * Which clusters the SVG legend lists (as many as fit the height), where it goes and the box it
 * takes; null without clusters. It sits at the top right, or at the top left when the query or
 * one of its neighbours lies under it there (and no label legend holds the left).
 */
export function legendLayout(data: ExportData): { shown: ReturnType<typeof clusterLegend>; line: number; box: Box; left: boolean } | null {
  const list = clusterLegend(data);
  if (!list.length) return null;
  const line = 16;
  const fits = Math.max(1, Math.floor((data.height - 60) / line) - 1);
  const shown = list.length > fits ? list.slice(0, fits - 1) : list;
  const rows = shown.length + (shown.length < list.length ? 2 : 1);
  const width = Math.max(...shown.map((c) => `${c.name} (${c.size.toLocaleString('en-US')})`.length)) * 12 * 0.6 + 8;
  const right: Box = [data.width - 16 - width, 8, width + 16, rows * line + 12];
  const under = (b: Box) =>
    [data.query?.point ?? -1, ...data.neighbourhood].some(
      (i) =>
        i >= 0 &&
        data.screen.x[i] >= b[0] &&
        data.screen.x[i] <= b[0] + b[2] &&
        data.screen.y[i] >= b[1] &&
        data.screen.y[i] <= b[1] + b[3],
    );
  const left: Box = [0, 8, width + 16, rows * line + 12];
  const useLeft = under(right) && !under(left) && !data.labels.some(Boolean);
  return { shown, line, box: useLeft ? left : right, left: useLeft };
}

/**
 * SVG: each cluster's name at its anchor, large and quiet, largest clusters first, any name that
 * would overlap one already drawn, the legend or an `avoid` box left out; then a legend of every
 * name at the top right on a quiet backing. Returns the boxes both take, for word labels to avoid.
 */
export function clusterSvg(
  data: ExportData,
  theme: ExportTheme,
  xmlText: (s: string) => string,
  /** Boxes the names must leave free (the query's and its neighbours' labels). */
  avoid: Box[] = [],
  /** A quiet backing behind the legend (not for pictures with a transparent background). */
  backing = true,
): { svg: string; boxes: Box[] } {
  const list = clusterLegend(data);
  if (!list.length) return { svg: '', boxes: [] };
  const { shown, line, box: legend, left } = legendLayout(data)!;
  const lx = left ? 16 : data.width - 16;
  const anchors = new Float32Array(list.flatMap((c) => c.anchor));
  const screen = projectToScreen(data.camera, anchors, data.width, data.height);
  const size = 20;
  const boxes: Box[] = [legend, ...avoid];
  let s = `<g id="cluster-labels" font-size="${size}" font-weight="600" fill="${theme.textDim}" fill-opacity="0.8" text-anchor="middle" stroke="${theme.halo}" stroke-width="4" stroke-linejoin="round" paint-order="stroke">\n`;
  for (let c = 0; c < list.length; c++) {
    if (!screen.inView[c]) continue;
    const w = list[c].name.length * size * 0.58 + 8;
    const h = size * 1.3;
    const x = screen.x[c] - w / 2;
    const y = screen.y[c] - h / 2;
    if (boxes.some(([bx, by, bw, bh]) => x < bx + bw && bx < x + w && y < by + bh && by < y + h)) continue;
    boxes.push([x, y, w, h]);
    s += `<text x="${Math.round(screen.x[c])}" y="${Math.round(screen.y[c])}" dominant-baseline="middle" data-cluster="${c}">${xmlText(list[c].name)}</text>\n`;
  }
  s += '</g>\n';
  // A quiet backing, so the legend reads over points that lie under it.
  if (backing)
    s += `<rect x="${r(legend[0])}" y="${r(legend[1])}" width="${r(legend[2])}" height="${r(legend[3])}" rx="6" fill="${theme.background}" fill-opacity="0.72"/>\n`;
  s += `<g id="cluster-legend" font-size="12" fill="${theme.text}" text-anchor="${left ? 'start' : 'end'}">\n<text x="${lx}" y="24" font-weight="700">Clusters</text>\n`;
  shown.forEach((c, i) => {
    s += `<text x="${lx}" y="${24 + (i + 1) * line}" data-cluster="${c.id}">${xmlText(`${c.name} (${c.size.toLocaleString('en-US')})`)}</text>\n`;
  });
  if (shown.length < list.length)
    s += `<text x="${lx}" y="${24 + (shown.length + 1) * line}">… and ${list.length - shown.length} more</text>\n`;
  return { svg: `${s}</g>\n`, boxes };
}
