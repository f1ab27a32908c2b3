/**
 * Chooses which points get an on-screen label for the current camera: the query, its
 * neighbourhood, then the most frequent words in view where there is room.
 */
export interface ScreenPos {
  x: Float32Array;
  y: Float32Array;
  visible: Uint8Array;
}

/** A chosen label: its point and the top-left corner of its text box, CSS px. */
export interface ChosenLabel {
  point: number;
  x: number;
  y: number;
}

/** `reserved`: screen boxes [x, y, w, h] other words keep out of (the legends); the query and its neighbours are drawn anyway. */
export function chooseLabels(
  pos: ScreenPos,
  words: string[],
  priority: number[],
  always: number[],
  max: number,
  reserved: number[][] = [],
): ChosenLabel[] {
  const boxes: number[][] = [];
  const out: ChosenLabel[] = [];
  const seen = new Set<number>();
  const clashes = (x: number, y: number, w: number, h: number) =>
    boxes.some(([bx, by, bw, bh]) => x < bx + bw && bx < x + w && y < by + bh && by < y + h);
  const place = (i: number, force: boolean) => {
    if (i < 0 || !pos.visible[i] || seen.has(i)) return;
    const w = words[i].length * (force ? 8 : 7.2) + 8;
    const h = force ? 19 : 16;
    const px = pos.x[i];
    const py = pos.y[i];
    // Right of the point, then left, above, below.
    const sides = [
      [px + 6, py - h / 2],
      [px - 6 - w, py - h / 2],
      [px - w / 2, py - 6 - h],
      [px - w / 2, py + 6],
    ];
    let spot = sides.find(([x, y]) => !clashes(x, y, w, h));
    if (!spot) {
      if (!force) return;
      spot = sides[0];
    }
    seen.add(i);
    boxes.push([spot[0], spot[1], w, h]);
    out.push({ point: i, x: spot[0], y: spot[1] });
  };
  for (const i of always) place(i, true);
  boxes.push(...reserved);
  for (const i of priority) {
    if (out.length >= max) break;
    place(i, false);
  }
  return out;
}
