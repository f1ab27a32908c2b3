/**
 * Bounded selection of the k best (score desc, index asc) entries. Ties go to the lower index,
 * which is the more frequent word, so results are stable across runs and platforms.
 */
export class TopK {
  private readonly idx: Int32Array;
  private readonly score: Float64Array;
  private size = 0;

  constructor(readonly k: number) {
    this.idx = new Int32Array(k);
    this.score = new Float64Array(k);
  }

  /** The score an entry must beat to enter, or -Infinity while not full. */
  get threshold(): number {
    return this.size < this.k ? -Infinity : this.score[0];
  }

  get count(): number {
    return this.size;
  }

  // Heap root is the worst kept entry: lowest score, then highest index.
  private worse(a: number, b: number): boolean {
    const sa = this.score[a];
    const sb = this.score[b];
    return sa < sb || (sa === sb && this.idx[a] > this.idx[b]);
  }

  push(index: number, s: number): void {
    if (this.size < this.k) {
      let i = this.size++;
      this.idx[i] = index;
      this.score[i] = s;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(i, p)) break;
        this.swap(i, p);
        i = p;
      }
      return;
    }
    const rs = this.score[0];
    if (s < rs || (s === rs && index > this.idx[0])) return;
    this.idx[0] = index;
    this.score[0] = s;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.worse(l, m)) m = l;
      if (r < this.size && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(a: number, b: number): void {
    const ti = this.idx[a];
    this.idx[a] = this.idx[b];
    this.idx[b] = ti;
    const ts = this.score[a];
    this.score[a] = this.score[b];
    this.score[b] = ts;
  }

  /** Entries best first. */
  sorted(): { index: number; score: number }[] {
    const out = [];
    for (let i = 0; i < this.size; i++) out.push({ index: this.idx[i], score: this.score[i] });
    out.sort((a, b) => b.score - a.score || a.index - b.index);
    return out;
  }
}
