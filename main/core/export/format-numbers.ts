/** Shortest text that reads back to the same float32 (9 significant digits always suffice). */
export function f32(v: number): string {
  if (!Number.isFinite(v)) return '';
  return String(Number(v.toPrecision(9)));
}

/** Fixed decimals, empty for NaN (unknown). */
export function fixed(v: number, digits: number): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '';
}
