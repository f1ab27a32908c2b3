/**
 * Chooses which points get an on-screen label for the current camera: the query, its
 * neighbourhood, then the most frequent words in view where there is room.
 */
export interface ScreenPos {
  x: Float32Array;
  y: Float32Array;
  visible: Uint8Array;
}

export function chooseLabels(pos: ScreenPos, words: string[], priority: number[], always: number[], max: number): number[] {
  const boxes: number[][] = [];
  const out: number[] = [];
  const fits = (i: number, force: boolean) => {
    const w = words[i].length * 7.2 + 8;
    const h = 16;
    const x = pos.x[i] + 6;
    const y = pos.y[i] - h / 2;
    const clash = boxes.some(([bx, by, bw, bh]) => x < bx + bw && bx < x + w && y < by + bh && by < y + h);
    if (clash && !force) return false;
    boxes.push([x, y, w, h]);
    return true;
  };
  const seen = new Set<number>();
  for (const i of always) {
    if (i >= 0 && pos.visible[i] && !seen.has(i) && fits(i, true)) {
      seen.add(i);
      out.push(i);
    }
  }
  for (const i of priority) {
    if (out.length >= max) break;
    if (pos.visible[i] && !seen.has(i) && fits(i, false)) {
      seen.add(i);
      out.push(i);
    }
  }
  return out;
}
