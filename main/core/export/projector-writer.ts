import type { Model } from '../model/model';
import { ROWS_PER_CHUNK } from './chunks';
import type { ExportData } from './export-data';

/** Which vectors the Projector pair holds: the model's original vectors (unit × stored norm) or the unit vectors. */
export type VectorKind = 'original' | 'unit';

/** Tabs and line breaks would shift TSV columns or rows; they become spaces. */
export function tsvCell(s: string): string {
  return s.replace(/[\t\r\n]/g, ' ');
}

/** 6 significant digits: the precision the source vector files themselves carry. */
function num(v: number): string {
  return String(Number(v.toPrecision(6)));
}

/**
 * `vectors.tsv` for the TensorFlow Projector: one row per point, no header, values separated by
 * tabs. Points the model lacks (composed vocabulary entries) use their own unit vector.
 */
export function* projectorVectors(data: ExportData, model: Model, rows: Int32Array, kind: VectorKind, extra?: Map<number, Float32Array>): Generator<string> {
  const n = data.projection.words.length;
  const d = model.dims;
  for (let start = 0; start < n; start += ROWS_PER_CHUNK) {
    const end = Math.min(n, start + ROWS_PER_CHUNK);
    let s = '';
    for (let i = start; i < end; i++) {
      const r = rows[i];
      const v = r >= 0 ? model.vectors : extra?.get(i);
      const base = r >= 0 ? r * d : 0;
      const scale = r >= 0 && kind === 'original' ? model.norms[r] : 1;
      let line = '';
      for (let j = 0; j < d; j++) line += (j ? '\t' : '') + (v ? num(v[base + j] * scale) : '0');
      s += `${line}\n`;
    }
    yield s;
  }
}

/** `metadata.tsv`: a `word\tlabel` header (the Projector needs one with two columns), then one row per point. */
export function* projectorMetadata(data: ExportData): Generator<string> {
  const { words } = data.projection;
  yield 'word\tlabel\n';
  for (let start = 0; start < words.length; start += ROWS_PER_CHUNK) {
    const end = Math.min(words.length, start + ROWS_PER_CHUNK);
    let s = '';
    for (let i = start; i < end; i++) s += `${tsvCell(words[i])}\t${tsvCell(data.labels[i] ?? '')}\n`;
    yield s;
  }
}
