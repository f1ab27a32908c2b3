/** `bytes` cut at the given offsets (taken modulo its length + 1, de-duplicated, sorted): a file as a stream delivers it. */
export function cutBytes(bytes: Buffer, at: number[]): Buffer[] {
  const points = [...new Set(at.map((a) => a % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(bytes.subarray(prev, p));
    prev = p;
  }
  out.push(bytes.subarray(prev));
  return out.filter((b) => b.length > 0);
}
