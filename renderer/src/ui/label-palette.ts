/**
 * Categorical colours for vocabulary labels: the Okabe–Ito set, then Paul Tol's muted set and
 * three from his light set — all chosen to stay distinguishable with the common colour-vision
 * deficiencies. Labels past the twentieth share one neutral fallback.
 */
export const LABEL_PALETTE: readonly string[] = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#F0E442',
  '#0072B2',
  '#D55E00',
  '#CC79A7',
  '#CC6677',
  '#88CCEE',
  '#DDCC77',
  '#117733',
  '#AA4499',
  '#44AA99',
  '#999933',
  '#882255',
  '#332288',
  '#77AADD',
  '#EE8866',
  '#BBCC33',
  '#FFAABB',
];
export const FALLBACK_COLOUR = '#9AA0A6';

/** Colour of the i-th distinct label (0-based, in order of first appearance). */
export function labelColour(i: number): string {
  return i >= 0 && i < LABEL_PALETTE.length ? LABEL_PALETTE[i] : FALLBACK_COLOUR;
}

/** "#RRGGBB" → [r, g, b] in 0..1, for the scene's buffers. */
export function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}
