/**
 * UMAP's low-dimensional membership curve 1 / (1 + a·d^(2b)), fitted to the offset exponential
 * that `minDist` and `spread` describe: umap-learn's find_ab_params (scipy curve_fit over 300
 * points from 0 to 3·spread), done with a small deterministic Levenberg–Marquardt.
 * For spread 1, min_dist 0.1 it gives a ≈ 1.577, b ≈ 0.895, as umap-learn does.
 */
import { detExp, detLog, detPow } from './det-math';

export function findAbParams(spread: number, minDist: number): { a: number; b: number } {
  const N = 300;
  const xs = new Float64Array(N);
  const ys = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const x = (spread * 3 * i) / (N - 1);
    xs[i] = x;
    ys[i] = x < minDist ? 1 : detExp(-(x - minDist) / spread);
  }
  const residual = (a: number, b: number) => {
    let s = 0;
    for (let i = 0; i < N; i++) {
      const u = xs[i] > 0 ? detPow(xs[i], 2 * b) : 0;
      const r = 1 / (1 + a * u) - ys[i];
      s += r * r;
    }
    return s;
  };
  let a = 1;
  let b = 1;
  let lambda = 1e-3;
  let cost = residual(a, b);
  for (let iter = 0; iter < 500; iter++) {
    // Normal equations J^T J and J^T r for the two parameters.
    let jaa = 0;
    let jab = 0;
    let jbb = 0;
    let ga = 0;
    let gb = 0;
    for (let i = 0; i < N; i++) {
      const x = xs[i];
      if (x <= 0) continue;
      const u = detPow(x, 2 * b);
      const den = 1 + a * u;
      const f = 1 / den;
      const r = f - ys[i];
      const da = -u / (den * den);
      const db = (-a * u * 2 * detLog(x)) / (den * den);
      jaa += da * da;
      jab += da * db;
      jbb += db * db;
      ga += da * r;
      gb += db * r;
    }
    let improved = false;
    for (let tries = 0; tries < 30; tries++) {
      const m00 = jaa * (1 + lambda);
      const m11 = jbb * (1 + lambda);
      const det = m00 * m11 - jab * jab;
      if (det === 0) break;
      const stepA = -(m11 * ga - jab * gb) / det;
      const stepB = -(-jab * ga + m00 * gb) / det;
      const na = a + stepA;
      const nb = b + stepB;
      const c = na > 0 && nb > 0 ? residual(na, nb) : Infinity;
      if (c < cost) {
        const rel = (cost - c) / Math.max(cost, 1e-300);
        a = na;
        b = nb;
        cost = c;
        lambda = Math.max(lambda / 10, 1e-12);
        improved = true;
        if (rel < 1e-14) iter = Infinity;
        break;
      }
      lambda *= 10;
    }
    if (!improved) break;
  }
  return { a, b };
}
