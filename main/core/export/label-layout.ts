import type { Box } from './cluster-columns';
import type { ExportData } from './export-data';
import { sortIndicesBy } from './sort-indices';

export interface PlacedLabel {
  point: number;
  x: number;
  y: number;
  /** 'query' | 'neighbour' | 'word': how prominently to draw it. */
  kind: 'query' | 'neighbour' | 'word';
  /** The label's box on screen. */
  box: Box;
  /** Set when the label sits away from its point: a line joins them, from the point to this spot on the box. */
  leader?: { x: number; y: number };
}

/**
 * Where a query or neighbour label goes when no side of its point is free: further out in eight
 * directions, joined by a leader line (as in the app), so a tight neighbourhood names every word.
 */
const LEADER_RADII = [26, 44, 66, 92];
const LEADER_DIRECTIONS = Array.from({ length: 8 }, (_, k) => [Math.cos((k * Math.PI) / 4), Math.sin((k * Math.PI) / 4)]);

/** Most labels a picture gets: fewer, legible labels beat many unreadable ones. */
export const MAX_LABELS = 120;

export interface LabelSpace {
  /** Boxes every label keeps out of where it can (the legend); the query and its neighbours are drawn anyway. */
  fixed?: Box[];
  /** Boxes only the other words keep out of (cluster names, which make room for the query's labels). */
  reserved?: Box[];
  /** Label other words too (default true), or only the query and its neighbourhood. */
  words?: boolean;
}

/**
 * Chooses which points get a text label: the query, its neighbourhood, then the most frequent
 * words in view, skipping any word label whose box would overlap one already placed or a
 * fixed or reserved box. The query's and neighbours' places depend on `fixed` only, so a first
 * pass without words tells other layers where they will be.
 */
export function layoutLabels(data: ExportData, fontSize: number, max = MAX_LABELS, space: LabelSpace = {}): PlacedLabel[] {
  const { fixed = [], reserved = [], words = true } = space;
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
  if (words) for (let i = 0; i < data.ranks.length; i++) if (screen.inView[i]) visible.push(i);
  if (words) for (const p of sortIndicesBy(data.ranks, visible).subarray(0, max * 20)) push(p, 'word');
  const boxes: Box[] = [];
  const placed: PlacedLabel[] = [];
  const overlaps = (x: number, y: number, w: number, h: number, list: Box[]) =>
    list.some(([bx, by, bw, bh]) => x < bx + bw && bx < x + w && y < by + bh && by < y + h);
  const clashes = (x: number, y: number, w: number, h: number, kind: PlacedLabel['kind']) =>
    overlaps(x, y, w, h, boxes) || overlaps(x, y, w, h, fixed) || (kind === 'word' && overlaps(x, y, w, h, reserved));
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
    let spot = sides.find(([x, y]) => !clashes(x, y, w, h, kind));
    let leader: PlacedLabel['leader'];
    // The query and its neighbourhood are always labelled; other words only where there is room.
    if (!spot) {
      if (kind === 'word') continue;
      for (const r of LEADER_RADII) {
        for (const [cx, cy] of LEADER_DIRECTIONS) {
          const x = px + r * cx - (cx > 0.3 ? 0 : cx < -0.3 ? w : w / 2);
          const y = py + r * cy - (cy > 0.3 ? 0 : cy < -0.3 ? h : h / 2);
          if (!clashes(x, y, w, h, kind)) {
            spot = [x, y];
            break;
          }
        }
        if (spot) break;
      }
      if (spot) leader = { x: Math.min(Math.max(px, spot[0]), spot[0] + w), y: Math.min(Math.max(py, spot[1]), spot[1] + h) };
      else spot = sides.find(([x, y]) => !overlaps(x, y, w, h, boxes)) ?? sides[0];
    }
    const box: Box = [spot[0], spot[1], w, h];
    boxes.push(box);
    placed.push({ point, x: spot[0] + 2, y: spot[1] + h / 2, kind, box, ...(leader ? { leader } : {}) });
  }
  return placed;
}
