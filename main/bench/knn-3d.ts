/**
 * k nearest neighbours in a 3-D layout (Euclidean, self excluded, ties to the lower index), as
 * a brute-force scan would give them, found through a uniform grid of about two points per cell:
 * each point searches shells of cells around its own until no closer point can remain.
 */
export function knn3d(coords: Float32Array, k: number): Int32Array {
  const n = coords.length / 3;
  const out = new Int32Array(n * k);
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++)
    for (let a = 0; a < 3; a++) {
      const x = coords[i * 3 + a];
      if (x < lo[a]) lo[a] = x;
      if (x > hi[a]) hi[a] = x;
    }
  const span = Math.max(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]) || 1;
  const g = Math.max(1, Math.min(128, Math.round(Math.cbrt(n / 2))));
  const h = (span / g) * (1 + 1e-9);
  const cellOf = (i: number, a: number) => Math.min(g - 1, Math.floor((coords[i * 3 + a] - lo[a]) / h));
  const cell = new Int32Array(n);
  const start = new Int32Array(g * g * g + 1);
  for (let i = 0; i < n; i++) {
    cell[i] = (cellOf(i, 0) * g + cellOf(i, 1)) * g + cellOf(i, 2);
    start[cell[i] + 1]++;
  }
  for (let c = 0; c < g * g * g; c++) start[c + 1] += start[c];
  const fill = start.slice(0, g * g * g);
  const members = new Int32Array(n);
  for (let i = 0; i < n; i++) members[fill[cell[i]]++] = i;
  const best = new Float64Array(k);
  const bi = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    best.fill(Infinity);
    bi.fill(0x7fffffff);
    const x = coords[i * 3];
    const y = coords[i * 3 + 1];
    const z = coords[i * 3 + 2];
    const cx = cellOf(i, 0);
    const cy = cellOf(i, 1);
    const cz = cellOf(i, 2);
    for (let r = 0; r < g; r++) {
      for (let a = Math.max(0, cx - r); a <= Math.min(g - 1, cx + r); a++) {
        for (let b = Math.max(0, cy - r); b <= Math.min(g - 1, cy + r); b++) {
          const edge = a === cx - r || a === cx + r || b === cy - r || b === cy + r;
          // Only the shell at Chebyshev distance r: inner cells were searched before.
          for (let c = Math.max(0, cz - r); c <= Math.min(g - 1, cz + r); c++) {
            if (!edge && c !== cz - r && c !== cz + r) {
              c = cz + r - 1; // jump to the shell's far face
              continue;
            }
            const cellIdx = (a * g + b) * g + c;
            for (let p = start[cellIdx]; p < start[cellIdx + 1]; p++) {
              const j = members[p];
              if (j === i) continue;
              const dx = coords[j * 3] - x;
              const dy = coords[j * 3 + 1] - y;
              const dz = coords[j * 3 + 2] - z;
              const d = dx * dx + dy * dy + dz * dz;
              if (d > best[k - 1] || (d === best[k - 1] && j > bi[k - 1])) continue;
              let q = k - 1;
              while (q > 0 && (best[q - 1] > d || (best[q - 1] === d && bi[q - 1] > j))) {
                best[q] = best[q - 1];
                bi[q] = bi[q - 1];
                q--;
              }
              best[q] = d;
              bi[q] = j;
            }
          }
        }
      }
      // Cells beyond this shell lie at least r·h away from any point of the home cell.
      if (best[k - 1] < (r * h) ** 2) break;
    }
    out.set(bi, i * k);
  }
  return out;
}
