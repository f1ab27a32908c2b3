/** Uniform grid of rectangles for fast overlap tests. */
export class RectGrid {
  private readonly cell = 64;
  private readonly cols: number;
  private readonly cells: number[][];

  constructor(width: number, height: number) {
    this.cols = Math.max(1, Math.ceil(width / this.cell));
    const rows = Math.max(1, Math.ceil(height / this.cell));
    this.cells = Array.from({ length: this.cols * rows }, () => []);
  }

  private each(x: number, y: number, w: number, h: number, fn: (cell: number[]) => boolean | void): boolean {
    const c0 = Math.max(0, Math.floor(x / this.cell));
    const c1 = Math.min(this.cols - 1, Math.floor((x + w) / this.cell));
    const rows = this.cells.length / this.cols;
    const r0 = Math.max(0, Math.floor(y / this.cell));
    const r1 = Math.min(rows - 1, Math.floor((y + h) / this.cell));
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (fn(this.cells[r * this.cols + c])) return true;
    return false;
  }

  hits(x: number, y: number, w: number, h: number): boolean {
    // Labels keep 2 px of air between them.
    const m = 2;
    return this.each(x, y, w, h, (cell) => {
      for (let k = 0; k < cell.length; k += 4) {
        if (x - m < cell[k] + cell[k + 2] && x + w + m > cell[k] && y - m < cell[k + 1] + cell[k + 3] && y + h + m > cell[k + 1])
          return true;
      }
      return false;
    });
  }

  add(x: number, y: number, w: number, h: number): void {
    this.each(x, y, w, h, (cell) => {
      cell.push(x, y, w, h);
    });
  }
}
