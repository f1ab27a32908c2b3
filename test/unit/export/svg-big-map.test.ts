import { describe, expect, it } from 'vitest';
import { collectText } from '../../../main/core/export/chunks';
import { type Box, clusterSvg, legendLayout } from '../../../main/core/export/cluster-columns';
import { type ExportData, prepareExport } from '../../../main/core/export/export-data';
import { layoutLabels } from '../../../main/core/export/label-layout';
import { projectionSvg, xmlText } from '../../../main/core/export/svg-writer';
import { THEMES } from '../../../main/core/export/theme';
import { smallModel, smallProjection } from './fixtures';

const overlap = (a: Box, b: Box) => a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];

/** Clusters named after the words at their anchors, each anchored on one point of the projection. */
function withClusters(d: ExportData, count: number): ExportData {
  const p = d.projection;
  const list = Array.from({ length: count }, (_, id) => {
    const i = (id * 37) % p.words.length;
    return {
      id,
      name: `cluster name ${id} · ${p.words[i]}`,
      size: 100 - id,
      anchor: [p.coords[i * 3], p.coords[i * 3 + 1], p.coords[i * 3 + 2]] as [number, number, number],
    };
  });
  d.clusters = { assignment: Int32Array.from(p.words, (_, i) => i % count), list };
  return d;
}

describe('SVG labels with cluster names and a legend', () => {
  const model = smallModel(3000, 8, 5);

  it('keeps word labels off cluster names and the legend; the query and its neighbours keep their places', async () => {
    const projection = smallProjection(model, 3000, 9);
    const d = withClusters(
      await prepareExport({
        projection,
        model,
        labels: [],
        query: { text: 'w40', matched: 'w40', modelIndex: 40 },
        appVersion: '1',
        source: 't',
      }),
      40,
    );
    const legend = legendLayout(d)!.box;
    const first = layoutLabels(d, 13, 120, { fixed: [legend], words: false });
    expect(first.map((l) => l.kind)).toContain('query');
    const clusters = clusterSvg(
      d,
      THEMES.dark,
      xmlText,
      first.map((l) => l.box),
    );
    const names = clusters.boxes.slice(1 + first.length);
    expect(names.length).toBeGreaterThan(3);
    const labels = layoutLabels(d, 13, 120, { fixed: [legend], reserved: clusters.boxes });
    // Same places for the query and its neighbours in both passes.
    expect(labels.filter((l) => l.kind !== 'word')).toEqual(first);
    const words = labels.filter((l) => l.kind === 'word');
    expect(words.length).toBeGreaterThan(20);
    for (const w of words) {
      expect(overlap(w.box, legend)).toBe(false);
      for (const n of names) expect(overlap(w.box, n)).toBe(false);
    }
    for (const n of names) for (const f of first) expect(overlap(n, f.box)).toBe(false);
  });
});

describe('SVG of 200,000 points', () => {
  it('keeps one circle per point, drawn fainter than a small map so dense cores do not paint solid', async () => {
    const big = smallModel(200_000, 4, 6);
    const opacityOf = async (n: number) => {
      const d = await prepareExport({ projection: smallProjection(big, n, 3), model: big, labels: [], appVersion: '1', source: 't' });
      const svg = await collectText(projectionSvg(d));
      const circles = svg.match(/<circle [^>]*data-word=/g) ?? [];
      return { circles: circles.length, opacity: Number(/fill-opacity="([\d.]+)"/.exec(circles[circles.length - 1])?.[1]), svg };
    };
    const small = await opacityOf(5000);
    const dense = await opacityOf(200_000);
    expect(small.circles).toBe(5000);
    expect(dense.circles).toBe(200_000);
    expect(dense.opacity).toBeLessThan(small.opacity);
    expect(dense.opacity).toBeGreaterThanOrEqual(0.2);
    // Every point once: the file keeps the whole projection.
    const words = new Set(dense.svg.match(/data-word="w\d+"/g));
    expect(words.size).toBe(200_000 - 8);
  });
});
