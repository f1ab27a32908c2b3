import { LABEL_PALETTE, rgb } from './label-palette';

/** A cluster's colour: the colour-blind-safe label palette, cycled past its twenty colours. */
export function clusterColour(id: number): string {
  return LABEL_PALETTE[id % LABEL_PALETTE.length];
}

/** Point tints (r, g, b, 1 per point; 0 alpha for none) from a cluster per point. */
export function clusterTints(assignment: Int32Array, count: number): Float32Array {
  const tints = new Float32Array(count * 4);
  const colours = LABEL_PALETTE.map(rgb);
  for (let i = 0; i < Math.min(count, assignment.length); i++) {
    const c = assignment[i];
    if (c < 0) continue;
    const [r, g, b] = colours[c % colours.length];
    tints.set([r, g, b, 1], i * 4);
  }
  return tints;
}
