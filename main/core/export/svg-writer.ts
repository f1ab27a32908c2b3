import { ROWS_PER_CHUNK } from './chunks';
import type { ExportData } from './export-data';
import { layoutLabels, MAX_LABELS } from './label-layout';
import { sortIndicesBy } from './sort-indices';
import { type ExportTheme, labelColours, THEMES } from './theme';
import { clusterSvg, legendLayout } from './cluster-columns';

/** Characters XML 1.0 forbids are replaced; markup characters are escaped. */
export function xmlText(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface SvgOptions {
  theme?: 'dark' | 'light';
  /** No background rectangle. Default false. */
  transparent?: boolean;
  /** Draw text labels. Default true. */
  labels?: boolean;
}

const r1 = (v: number) => Math.round(v * 10) / 10;
/** Point count above which points are drawn smaller and fainter. */
const DENSE = 50_000;

/**
 * The camera view as SVG: one <circle> per point (all points, drawn far to near, points outside
 * the view included so the file keeps every point), labels as real <text>, a legend of label
 * categories and a caption naming the model and query.
 */
export function* projectionSvg(data: ExportData, options: SvgOptions = {}): Generator<string> {
  const theme: ExportTheme = THEMES[options.theme ?? 'dark'];
  const { width, height, screen } = data;
  const n = data.projection.words.length;
  const q = data.query?.point ?? -1;
  const hood = new Set(data.neighbourhood);
  const colours = labelColours(data.labels);
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Inter, system-ui, sans-serif">\n`;
  yield `<title>${xmlText(`${data.projection.name} (${data.model.name})`)}</title>\n`;
  if (!options.transparent) yield `<rect width="100%" height="100%" fill="${theme.background}"/>\n`;
  const drawable: number[] = [];
  // Behind-the-camera points cannot be drawn; they are kept as hidden circles so the file still has one per point.
  const behind: number[] = [];
  for (let i = 0; i < n; i++) (Number.isFinite(screen.x[i]) ? drawable : behind).push(i);
  const order = sortIndicesBy(screen.depth, drawable, true);
  const radius = n > DENSE ? 1 : Math.max(1.2, Math.min(4, 1800 / Math.sqrt(Math.max(n, 1)) / 20));
  // Above DENSE points, overlapping discs would paint the cores solid: fainter points keep the
  // map's density readable (the query, its neighbours and labelled points stay strong).
  const quiet = n > DENSE ? Math.max(0.2, 0.55 * Math.sqrt(DENSE / n)) : 0.55;
  yield `<g id="points" stroke="none">\n`;
  for (let start = 0; start < order.length; start += ROWS_PER_CHUNK) {
    let s = '';
    for (const i of order.subarray(start, start + ROWS_PER_CHUNK)) {
      const special = i === q ? 'query' : hood.has(i) ? 'neighbour' : '';
      const fill = special ? theme.accent : (colours.get(data.labels[i] ?? '') ?? theme.point);
      const r = i === q ? radius * 2.2 : special ? radius * 1.5 : radius;
      const opacity = special ? 1 : data.labels[i] ? 0.85 : quiet;
      // Points placed after the layout was saved are rings, as in the app.
      const placed = data.placed[i] === 1;
      const paint = placed
        ? `fill="none" stroke="${fill}" stroke-width="${r1(Math.max(1, r * 0.45))}" stroke-opacity="${opacity}"`
        : `fill="${fill}" fill-opacity="${opacity}"`;
      s += `<circle cx="${r1(screen.x[i])}" cy="${r1(screen.y[i])}" r="${r1(r)}" ${paint} data-word="${xmlText(data.projection.words[i])}"${special ? ` class="${special}"` : ''}${placed ? ' data-placed="1"' : ''}/>\n`;
    }
    yield s;
  }
  if (behind.length)
    yield behind
      .map((i) => `<circle cx="0" cy="0" r="0" visibility="hidden" data-word="${xmlText(data.projection.words[i])}"/>\n`)
      .join('');
  yield '</g>\n';
  if (options.labels !== false) {
    const fontSize = 13;
    // The query's and neighbours' labels first, then cluster names around them, then the
    // other words where neither is.
    const legend = legendLayout(data);
    const fixed = legend ? [legend.box] : [];
    const highlighted = layoutLabels(data, fontSize, MAX_LABELS, { fixed, words: false });
    const clusters = clusterSvg(
      data,
      theme,
      xmlText,
      highlighted.map((l) => l.box),
      !options.transparent,
    );
    yield clusters.svg;
    const labels = layoutLabels(data, fontSize, MAX_LABELS, { fixed, reserved: clusters.boxes });
    const leaders = labels.filter((l) => l.leader);
    if (leaders.length)
      yield `<g id="leaders" stroke="${theme.accent}" stroke-opacity="0.6" stroke-width="1">\n${leaders
        .map((l) => `<line x1="${r1(screen.x[l.point])}" y1="${r1(screen.y[l.point])}" x2="${r1(l.leader!.x)}" y2="${r1(l.leader!.y)}"/>\n`)
        .join('')}</g>\n`;
    yield `<g id="labels" font-size="${fontSize}" stroke="${theme.halo}" stroke-width="3" stroke-linejoin="round" paint-order="stroke">\n`;
    yield labels
      .map((l) => {
        const fill = l.kind === 'word' ? theme.textDim : l.kind === 'query' ? theme.accent : theme.text;
        const weight = l.kind === 'query' ? ' font-weight="700" font-size="16"' : '';
        return `<text x="${r1(l.x)}" y="${r1(l.y)}" dominant-baseline="middle" fill="${fill}"${weight}>${xmlText(data.projection.words[l.point])}</text>\n`;
      })
      .join('');
    yield '</g>\n';
  }
  if (colours.size) {
    let y = 24;
    let s = `<g id="legend" font-size="12" fill="${theme.text}">\n`;
    for (const [label, colour] of colours) {
      s += `<circle cx="24" cy="${y}" r="5" fill="${colour}"/><text x="36" y="${y}" dominant-baseline="middle">${xmlText(label)}</text>\n`;
      y += 18;
    }
    yield `${s}</g>\n`;
  }
  const caption = data.query ? `${data.model.name} · query: ${data.query.matched}` : `${data.model.name} · ${data.projection.name}`;
  yield `<text id="caption" x="${width - 16}" y="${height - 16}" text-anchor="end" font-size="12" fill="${theme.textDim}">${xmlText(caption)}</text>\n`;
  yield '</svg>\n';
}
