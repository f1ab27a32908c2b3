import type { Model } from '../model/model';
import { ROWS_PER_CHUNK } from './chunks';
import type { ExportData } from './export-data';
import { clusterHeader, clusterTsvCells } from './cluster-columns';

/** Which vectors the Projector pair holds: the model's original vectors (unit × stored norm) or the unit vectors. */
export type VectorKind = 'original' | 'unit';

/** Tabs and line breaks would shift TSV columns or rows; they become spaces. */
export function tsvCell(s: string): string {
  return s.replace(/[\t\r\n]/g, ' ');
}

const MINUS = 45;
const DOT = 46;
const ZERO = 48;

/**
 * Writes `v` with 6 decimals (the precision GloVe-style text files carry) as ASCII into `out`
 * at `pos`; returns the new position. Formatting 5 million numbers through strings is several
 * times slower than these integer steps.
 */
export function writeFixed6(out: Uint8Array, pos: number, v: number): number {
  if (!Number.isFinite(v)) v = 0;
  let r = Math.round(v * 1e6);
  if (r < 0) {
    out[pos++] = MINUS;
    r = -r;
  }
  let ip = Math.floor(r / 1e6);
  let fp = r - ip * 1e6;
  if (ip === 0) out[pos++] = ZERO;
  else {
    const startPos = pos;
    while (ip > 0) {
      out[pos++] = ZERO + (ip % 10);
      ip = Math.floor(ip / 10);
    }
    out.subarray(startPos, pos).reverse();
  }
  out[pos++] = DOT;
  for (let k = 5; k >= 0; k--) {
    out[pos + k] = ZERO + (fp % 10);
    fp = Math.floor(fp / 10);
  }
  return pos + 6;
}

/**
 * `vectors.tsv` for the TensorFlow Projector: one row per point, no header, values separated by
 * tabs. Points the model lacks (composed vocabulary entries) use their own unit vector.
 */
export function* projectorVectors(
  data: ExportData,
  model: Model,
  rows: Int32Array,
  kind: VectorKind,
  extra?: Map<number, Float32Array>,
): Generator<Uint8Array> {
  const n = data.projection.words.length;
  const d = model.dims;
  // At most 24 bytes per value ("-" + digits + "." + 6 decimals + tab) for |v| < 1e15.
  const buf = new Uint8Array(ROWS_PER_CHUNK * d * 24);
  for (let start = 0; start < n; start += ROWS_PER_CHUNK) {
    const end = Math.min(n, start + ROWS_PER_CHUNK);
    let pos = 0;
    for (let i = start; i < end; i++) {
      const r = rows[i];
      const v = r >= 0 ? model.vectors : extra?.get(i);
      const base = r >= 0 ? r * d : 0;
      const scale = r >= 0 && kind === 'original' ? model.norms[r] : 1;
      for (let j = 0; j < d; j++) {
        if (j) buf[pos++] = 9;
        pos = writeFixed6(buf, pos, v ? v[base + j] * scale : 0);
      }
      buf[pos++] = 10;
    }
    yield buf.slice(0, pos);
  }
}

/**
 * `metadata.tsv`: a `word\tlabel` header (the Projector needs one with two columns or more), then
 * one row per point. When points were placed into the map after saving, a third column `placed`
 * says "yes" for them and "no" for the rest, so the Projector can colour by it.
 */
export function* projectorMetadata(data: ExportData): Generator<string> {
  const { words } = data.projection;
  const placed = data.placed.includes(1);
  yield `${placed ? 'word\tlabel\tplaced' : 'word\tlabel'}${clusterHeader(data, '\t')}\n`;
  for (let start = 0; start < words.length; start += ROWS_PER_CHUNK) {
    const end = Math.min(words.length, start + ROWS_PER_CHUNK);
    let s = '';
    for (let i = start; i < end; i++) {
      s += `${tsvCell(words[i])}\t${tsvCell(data.labels[i] ?? '')}${placed ? (data.placed[i] ? '\tyes' : '\tno') : ''}${clusterTsvCells(data, i)}\n`;
    }
    yield s;
  }
}
