import type { Neighbor } from '../../../common/contract/contract';
import { ROWS_PER_CHUNK } from './chunks';
import type { ExportData } from './export-data';
import { f32, fixed } from './format-numbers';
import { clusterCsvCells, clusterHeader } from './cluster-columns';

/** Characters that make a spreadsheet read a cell as a formula (or shift it into one). */
const FORMULA_START = /^[=+\-@\t\r]/;

export interface CsvOptions {
  /**
   * Write text fields starting with =, +, -, @, tab or CR as they are. Default false: such a
   * field gets a leading single quote, so spreadsheets show it as text instead of running it.
   */
  keepFormulas?: boolean;
}

/**
 * RFC 4180 field for text (words, labels): quoted when it holds a comma, a quote, CR or LF;
 * quotes doubled; neutralised for spreadsheets unless `keepFormulas`. Numbers the exporter
 * writes itself never go through here, so "-0.25" stays a number.
 */
export function csvField(s: string, o: CsvOptions = {}): string {
  const text = !o.keepFormulas && FORMULA_START.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const PROJECTION_CSV_HEADER = ['word', 'x', 'y', 'z', 'label', 'in_view', 'is_query', 'similarity', 'placed'];

/**
 * The projection as CSV (RFC 4180, CRLF line ends, header row): one row per point in stored
 * order; coordinates read back to the stored float32 values; similarity to the query to 6
 * decimals, empty without a query; placed 1 for points put into the map after it was saved.
 */
export function* projectionCsv(data: ExportData, o: CsvOptions = {}): Generator<string> {
  const { words, coords } = data.projection;
  const { labels, similarity, screen, placed } = data;
  const q = data.query?.point ?? -1;
  yield `${PROJECTION_CSV_HEADER.join(',')}${clusterHeader(data, ',')}\r\n`;
  for (let start = 0; start < words.length; start += ROWS_PER_CHUNK) {
    const end = Math.min(words.length, start + ROWS_PER_CHUNK);
    let s = '';
    for (let i = start; i < end; i++) {
      s += `${csvField(words[i], o)},${f32(coords[3 * i])},${f32(coords[3 * i + 1])},${f32(coords[3 * i + 2])},${csvField(labels[i] ?? '', o)},${screen.inView[i]},${i === q ? 1 : 0},${similarity ? fixed(similarity[i], 6) : ''},${placed[i]}${clusterCsvCells(data, i, (t) => csvField(t, o))}\r\n`;
    }
    yield s;
  }
}

/** A neighbour table as CSV: rank (1 = nearest), word, cosine similarity to 4 decimals. */
export function neighboursCsv(neighbors: Neighbor[], o: CsvOptions = {}): string {
  return `rank,word,similarity\r\n${neighbors.map((n, i) => `${i + 1},${csvField(n.word, o)},${n.similarity.toFixed(4)}\r\n`).join('')}`;
}
