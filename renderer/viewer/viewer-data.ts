/** The data an exported HTML file carries in `<script id="ee-data" type="application/json">`. */
export interface ViewerData {
  meta: {
    title: string;
    model: string;
    projection: { id: number; name: string; createdAt: string };
    appVersion: string;
    exportedAt: string;
    theme: { background: string; text: string; textDim: string; point: string; accent: string };
    /** The query and its point index (-1 when not among the points). */
    query: { matched: string; point: number } | null;
    /** Point indices of the query's neighbourhood, nearest first. */
    neighbourhood: number[];
    /** Point indices placed into the map after its layout was computed (drawn as rings). */
    placed: number[];
    /** Label category → colour. */
    legend: Record<string, string>;
    /** The projection's clusters in id order (absent in files from before clusters). */
    clusters?: { id: number; name: string; size: number; anchor: [number, number, number] }[];
    camera: { position: [number, number, number]; target: [number, number, number]; up: [number, number, number]; fov: number };
  };
  words: string[];
  /** Category label per point, or empty when the projection has none. */
  labels: string[];
  /** Cluster id per point (-1 for none), or absent/empty without clusters. */
  clusters?: number[];
  /** Frequency rank per point: lower ranks get labels first. */
  ranks: number[];
  /** Similarity to the query per point (null when unknown), or empty without a query. */
  similarity: (number | null)[];
  /** Row-major xyz. */
  coords: number[];
}

export function readViewerData(): ViewerData {
  const el = document.getElementById('ee-data');
  if (!el?.textContent) throw new Error('This file has no map data.');
  return JSON.parse(el.textContent) as ViewerData;
}
