import type { ExportData } from './export-data';
import { sortIndicesBy } from './sort-indices';

export interface PlacedLabel {
  point: number;
  x: number;
  y: number;
  /** 'query' | 'neighbour' | 'word': how prominently to draw it. */
  kind: 'query' | 'neighbour' | 'word';
}

/** Most labels a picture gets: fewer, legible labels beat many unreadable ones. */
export const MAX_LABELS = 120;

/**
 * Chooses which points get a text label: the query, its neighbourhood, then the most frequent
 * words in view, skipping any label whose box would overlap one already placed.
 */
export function layoutLabels(data: ExportData, fontSize: number, max = MAX_LABELS): PlacedLabel[] {
  const { screen } = data;
  const order: { point: number; kind: PlacedLabel['kind'] }[] = [];
  const seen = new Set<number>();
  const push = (point: number, kind: PlacedLabel['kind']) => {
    if (point >= 0 && !seen.has(point) && screen.inView[point]) {
      seen.add(point);
      order.push({ point, kind });
    }
  };
  if (data.query) push(data.query.point, 'query');
  for (const p of data.neighbourhood) push(p, 'neighbour');
  const visible: number[] = [];
  for (let i = 0; i < data.ranks.length; i++) if (screen.inView[i]) visible.push(i);
  for (const p of sortIndicesBy(data.ranks, visible).subarray(0, max * 20)) push(p, 'word');
  const boxes: [number, number, number, number][] = [];
  const placed: PlacedLabel[] = [];
  const clashes = (x: number, y: number, w: number, h: number) =>
    boxes.some(([bx, by, bw, bh]) => x < bx + bw && bx < x + w && y < by + bh && by < y + h);
  for (const { point, kind } of order) {
    if (placed.length >= max) break;
    const size = kind === 'query' ? fontSize * 1.25 : fontSize;
    const w = data.projection.words[point].length * size * 0.6 + 6;
    const h = size * 1.3;
    const px = screen.x[point];
    const py = screen.y[point];
    // Right of the point, then left, above, below; the text starts at (x + 2, y + h/2).
    const sides: [number, number][] = [
      [px + 5, py - h / 2],
      [px - 5 - w, py - h / 2],
      [px - w / 2, py - 5 - h],
      [px - w / 2, py + 5],
    ];
    let spot = sides.find(([x, y]) => !clashes(x, y, w, h));
    // The query and its neighbourhood are always labelled; other words only where there is room.
    if (!spot) {
      if (kind === 'word') continue;
      spot = sides[0];
    }
    boxes.push([spot[0], spot[1], w, h]);
    placed.push({ point, x: spot[0] + 2, y: spot[1] + h / 2, kind });
  }
  return placed;
}
