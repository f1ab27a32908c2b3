/**
 * The distinct words of a binary import, kept as their UTF-8 bytes. A JavaScript Set of strings
 * needs a string per row before it can look the word up, and at two million words its look-ups
 * and growth were a fifth of the parsing thread's time; here a word is hashed straight from the
 * file's bytes into a flat open-addressing table. For valid UTF-8 (the only words an import
 * keeps) equal bytes and equal strings are the same thing.
 */

const EMPTY = 0;
/** Slots per entry in `table`: id + 1 (0 = empty) and the word's hash. */
const SLOT = 2;

/** FNV-1a of b[s..e). */
export function hashBytes(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h;
}

export class ByteWordSet {
  /** Number of distinct words. */
  size = 0;
  private mask: number;
  private table: Int32Array;
  /** All words' bytes, back to back; word i is arena[starts[i] .. starts[i + 1]). */
  private arena = new Uint8Array(1 << 16);
  private starts = new Float64Array(1 << 12);

  /** `expected`: how many words are likely (a file's header), to size the table once. */
  constructor(expected = 0) {
    // Room for twice the words expected (a table at most half full), at most 4M words up front
    // (128 MB, untouched until used): a file of small rows and long words only grows it as needed.
    const slots = 2 ** Math.ceil(Math.log2(Math.max(4096, Math.min(expected, 1 << 22) * 2 + 1)));
    this.mask = slots - 1;
    this.table = new Int32Array(slots * SLOT);
  }

  /** Adds b[s..e) unless it is there already; returns whether it was added. */
  add(b: Uint8Array, s: number, e: number): boolean {
    const h = hashBytes(b, s, e);
    const table = this.table;
    let slot = h & this.mask;
    for (;;) {
      const id = table[slot * SLOT];
      if (id === EMPTY) break;
      if (table[slot * SLOT + 1] === h && this.equals(id - 1, b, s, e)) return false;
      slot = (slot + 1) & this.mask;
    }
    this.append(b, s, e);
    table[slot * SLOT] = this.size;
    table[slot * SLOT + 1] = h;
    // At most half full, so probes stay short.
    if (this.size * 2 > this.mask) this.grow();
    return true;
  }

  private equals(id: number, b: Uint8Array, s: number, e: number): boolean {
    const from = this.starts[id];
    if (this.starts[id + 1] - from !== e - s) return false;
    const arena = this.arena;
    for (let i = 0; i < e - s; i++) if (arena[from + i] !== b[s + i]) return false;
    return true;
  }

  private append(b: Uint8Array, s: number, e: number): void {
    const at = this.starts[this.size];
    const end = at + (e - s);
    if (end > this.arena.length) {
      const bigger = new Uint8Array(Math.max(end, this.arena.length * 2));
      bigger.set(this.arena.subarray(0, at));
      this.arena = bigger;
    }
    const arena = this.arena;
    for (let i = s, o = at; i < e; i++, o++) arena[o] = b[i];
    this.size++;
    if (this.size + 1 > this.starts.length) {
      const bigger = new Float64Array(this.starts.length * 2);
      bigger.set(this.starts);
      this.starts = bigger;
    }
    this.starts[this.size] = end;
  }

  private grow(): void {
    const old = this.table;
    this.mask = this.mask * 2 + 1;
    const table = (this.table = new Int32Array((this.mask + 1) * SLOT));
    for (let i = 0; i < old.length; i += SLOT) {
      if (old[i] === EMPTY) continue;
      let slot = old[i + 1] & this.mask;
      while (table[slot * SLOT] !== EMPTY) slot = (slot + 1) & this.mask;
      table[slot * SLOT] = old[i];
      table[slot * SLOT + 1] = old[i + 1];
    }
  }
}
