/** Longest side of an exported picture, px ("8K"). */
export const MAX_PNG_SIDE = 7680;

/** Pixel size of a PNG at `scale` × a map of cssW × cssH CSS px, capped at MAX_PNG_SIDE on the long side. */
export function pngSize(cssW: number, cssH: number, scale: number): { width: number; height: number; factor: number } {
  const factor = Math.min(scale, MAX_PNG_SIDE / Math.max(cssW, cssH, 1));
  return { width: Math.round(cssW * factor), height: Math.round(cssH * factor), factor };
}
