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
  for (const { point, kind } of order) {
    if (placed.length >= max) break;
    const w = data.projection.words[point].length * fontSize * 0.6 + 6;
    const h = fontSize * 1.3;
    const x = screen.x[point] + 5;
    const y = screen.y[point] - h / 2;
    const clash = boxes.some(([bx, by, bw, bh]) => x < bx + bw && bx < x + w && y < by + bh && by < y + h);
    // The query and its neighbourhood are always labelled; other words only where there is room.
    if (clash && kind === 'word') continue;
    boxes.push([x, y, w, h]);
    placed.push({ point, x: screen.x[point] + 5, y: screen.y[point], kind });
  }
  return placed;
}
