/**
 * A deterministic stand-in for the big models NLP engineers open (fastText crawl-300d-2M, GloVe
 * 840B): `words` rows of `dims` values with cluster structure (rows drawn around a few thousand
 * centroids, so neighbourhoods are real and a pre-scan's pruning is tested as on real data) and
 * rows in a Zipf-like frequency order (the cluster of a row is drawn with weights falling with
 * its rank). Written as fastText-style `.vec` text (header, 4 decimals) and as word2vec binary
 * holding exactly the same (rounded) values, so both imports must give the same model.
 *
 * Generation streams: memory stays at a few megabytes whatever the size.
 */
import fs from 'node:fs';

export interface LargeModelSpec {
  words: number;
  dims: number;
  /** Centroids the rows cluster around. Default 2,000. */
  clusters?: number;
  /** Seed of the generator. Default 1. */
  seed?: number;
}

/** xorshift32: tiny, fast, and the same sequence on every platform. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

const SYLLABLES = (() => {
  const out: string[] = [];
  for (const c of ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'sh', 'tr'])
    for (const v of ['a', 'e', 'i', 'o']) out.push(c + v);
  return out; // 64 syllables
})();

/** The word of row `i`: distinct for every i, shorter for frequent rows, as in real vocabularies. */
export function largeModelWord(i: number): string {
  let word = '';
  let n = i;
  do {
    word += SYLLABLES[n % 64];
    n = Math.floor(n / 64);
  } while (n > 0);
  return word;
}

/** Calls `row(i, values)` for every row, in order; `values` is reused (copy what you keep). */
export function generateRows(spec: LargeModelSpec, row: (i: number, values: Float32Array) => void): void {
  const { words, dims } = spec;
  const clusters = spec.clusters ?? 2000;
  const rnd = prng(spec.seed ?? 1);
  const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
  const centroids = new Float32Array(clusters * dims);
  for (let i = 0; i < centroids.length; i++) centroids[i] = gauss() * 0.35;
  const values = new Float32Array(dims);
  for (let i = 0; i < words; i++) {
    // Zipf-like: frequent rows come from the first clusters more often.
    const c = Math.min(clusters - 1, Math.floor(clusters * rnd() ** 2));
    for (let j = 0; j < dims; j++) {
      // Rounded to 4 decimals here, so the text and the binary file hold the same numbers.
      values[j] = Math.round((centroids[c * dims + j] + gauss() * 0.4) * 1e4) / 1e4;
    }
    row(i, values);
  }
}

/** Buffered writer: appends bytes and flushes in large writes. */
class Out {
  private readonly buf = Buffer.allocUnsafe(8 << 20);
  private at = 0;
  constructor(private readonly fd: number) {}
  reserve(bytes: number): void {
    if (this.at + bytes > this.buf.length) this.flush();
  }
  ascii(s: string): void {
    this.reserve(s.length * 3);
    this.at += this.buf.write(s, this.at, 'utf8');
  }
  byte(b: number): void {
    this.buf[this.at++] = b;
  }
  /** A number already rounded to 4 decimals, as "-1.2345" (fastText's precision), without toFixed's cost. */
  fixed4(v: number): void {
    let n = Math.round(v * 1e4);
    if (n < 0) {
      this.byte(45);
      n = -n;
    }
    const int = Math.floor(n / 1e4);
    let frac = n - int * 1e4;
    this.at += this.buf.write(String(int), this.at, 'latin1');
    this.byte(46);
    for (let d = 1000; d >= 1; d /= 10) {
      const digit = Math.floor(frac / d);
      this.byte(48 + digit);
      frac -= digit * d;
    }
  }
  floats(values: Float32Array): void {
    this.reserve(values.byteLength);
    Buffer.from(values.buffer, values.byteOffset, values.byteLength).copy(this.buf, this.at);
    this.at += values.byteLength;
  }
  flush(): void {
    if (this.at > 0) fs.writeSync(this.fd, this.buf, 0, this.at);
    this.at = 0;
  }
}

/** Writes the model as `.vec` text ("count dims" header, one "word v1 … vd" line per row). */
export function writeLargeVec(file: string, spec: LargeModelSpec, header = `${spec.words} ${spec.dims}`): void {
  const fd = fs.openSync(file, 'w');
  try {
    const out = new Out(fd);
    out.ascii(`${header}\n`);
    generateRows(spec, (i, values) => {
      out.reserve(64 + values.length * 12);
      out.ascii(largeModelWord(i));
      for (let j = 0; j < values.length; j++) {
        out.byte(32);
        out.fixed4(values[j]);
      }
      out.byte(10);
    });
    out.flush();
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes the model as word2vec binary: header line, then "word " and dims little-endian float32 per row. */
export function writeLargeBin(file: string, spec: LargeModelSpec): void {
  const fd = fs.openSync(file, 'w');
  try {
    const out = new Out(fd);
    out.ascii(`${spec.words} ${spec.dims}\n`);
    generateRows(spec, (i, values) => {
      out.ascii(`${largeModelWord(i)} `);
      out.floats(values);
      out.reserve(1);
      out.byte(10);
    });
    out.flush();
  } finally {
    fs.closeSync(fd);
  }
}
