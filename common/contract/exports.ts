/**
 * The contract's exports: a saved projection as files, and a word's neighbour table (see
 * docs/exports.md). Part of the one contract; contract.ts re-exports it.
 */

import { K_MAX } from './search';

/** Formats a saved projection can be exported to (see docs/exports.md). */
export const EXPORT_FORMATS = ['csv', 'json', 'tsv', 'svg', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Formats of a neighbour table. */
export const NEIGHBOR_TABLE_FORMATS = ['csv', 'md'] as const;

/** A perspective camera as the scene uses it, for exports of "the current view". */
export interface ExportCamera {
  position: [number, number, number];
  /** The point the camera looks at (the orbit centre). */
  target: [number, number, number];
  up: [number, number, number];
  /** Vertical field of view in degrees, 1..179. */
  fov: number;
  /** Viewport width / height. */
  aspect: number;
}

export interface ExportProjectionRequest {
  /** Saved projection id, or "latest" for the newest projection of the model. */
  id: number | 'latest';
  /** Model name, used with "latest". Default: the active model. */
  model?: string;
  format: ExportFormat;
  /** Query word: fills the similarity and is_query columns and highlights its neighbourhood. */
  query?: string;
  /** Camera of the current view (in_view column, SVG). Default: one framing every point. */
  camera?: ExportCamera;
  /** Viewport in CSS pixels for the SVG and in_view, 16..16384 each. Default 1600 × 1000. */
  width?: number;
  height?: number;
  /** Colours of the SVG and HTML. Default "dark". */
  theme?: 'dark' | 'light';
  /** SVG without a background. Default false. */
  transparent?: boolean;
  /** Text labels in the SVG. Default true. */
  labels?: boolean;
  /** Projector pair: "original" vectors (unit × stored norm, default) or "unit" vectors. */
  vectors?: 'original' | 'unit';
  /**
   * Points placed into the map after the projection was saved (a search's neighbours from
   * outside the view), in the projection's coordinates: exported after its own points and
   * flagged as placed. At most MAX_PLACED_POINTS words. Default: none.
   */
  placed?: { words: string[]; coords: Float32Array };
  /**
   * CSV: write words and labels starting with =, +, -, @, tab or CR as they are. Default false:
   * they get a leading single quote so spreadsheets show them as text (docs/exports.md).
   */
  keepFormulas?: boolean;
}

/** Most placed points one export takes: a query and its K_MAX neighbours. */
export const MAX_PLACED_POINTS = K_MAX + 1;

/** One exported file, for the page to download (a native save dialog in Electron). */
export interface ExportedFile {
  /** Suggested file name, e.g. "glove-6b-100d-projection-3.csv", "vectors.tsv". */
  name: string;
  /** MIME type with charset where it applies. */
  mimeType: string;
  /** The whole file as UTF-8 text. */
  content: string;
}

export interface ExportNeighborsRequest {
  word: string;
  /** Neighbours in the table. Default 10, 1..1000. */
  k?: number;
  /** Model name. Default: the active model. */
  model?: string;
  /** "csv" (rank,word,similarity) or "md" (a Markdown table with a caption line). */
  format: (typeof NEIGHBOR_TABLE_FORMATS)[number];
  /** CSV: leave words that start like a spreadsheet formula as they are. Default false (neutralised). */
  keepFormulas?: boolean;
}
