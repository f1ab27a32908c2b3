/**
 * exp, log and pow from +, −, ×, ÷ only. IEEE-754 rounds those exactly everywhere, whereas
 * Math.exp/log/pow/cos may differ in the last bit between JavaScript engines (Node's V8 and the
 * renderer's Chromium are different versions), and UMAP's SGD turns one-bit differences into
 * visibly different layouts. With these, the CLI and the Web Worker compute the same coordinates.
 * Accuracy: about 1e-15 relative.
 */

const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.442695040888963387;
const SQRT2 = 1.4142135623730951;

/** 1/i! for i = 0..13 (each an exactly rounded division, so the same everywhere). */
const INV_FACT = (() => {
  const out = new Float64Array(14);
  let f = 1;
  for (let i = 0; i < 14; i++) {
    if (i > 0) f *= i;
    out[i] = 1 / f;
  }
  return out;
})();

const POW2_MIN = -1074;
/** 2^k for k in −1074..1023, by exact multiplications. */
const POW2 = (() => {
  const out = new Float64Array(1023 - POW2_MIN + 1);
  out[-POW2_MIN] = 1;
  for (let k = 1; k <= 1023; k++) out[k - POW2_MIN] = out[k - 1 - POW2_MIN] * 2;
  for (let k = -1; k >= POW2_MIN; k--) out[k - POW2_MIN] = out[k + 1 - POW2_MIN] * 0.5;
  return out;
})();

/** e^x. */
export function detExp(x: number): number {
  if (x !== x) return NaN;
  if (x > 709.78) return Infinity;
  if (x < -745.1) return 0;
  // x = k·ln2 + r, |r| ≤ ln2/2
  const k = Math.round(x * INV_LN2);
  const r = x - k * LN2_HI - k * LN2_LO;
  // e^r by its Taylor polynomial of degree 13 (|r| < 0.35: error below 1e-17), Horner form
  const c = INV_FACT;
  const p =
    c[0] +
    r *
      (c[1] +
        r *
          (c[2] +
            r *
              (c[3] +
                r *
                  (c[4] +
                    r *
                      (c[5] + r * (c[6] + r * (c[7] + r * (c[8] + r * (c[9] + r * (c[10] + r * (c[11] + r * (c[12] + r * c[13]))))))))))));
  // Two steps so 2^k never leaves the table for results near the ends of the double range.
  if (k > 1000) return p * POW2[1000 - POW2_MIN] * POW2[k - 1000 - POW2_MIN];
  if (k < -1000) return p * POW2[-1000 - POW2_MIN] * POW2[k + 1000 - POW2_MIN];
  return p * POW2[k - POW2_MIN];
}

/** Natural logarithm of x > 0. */
export function detLog(x: number): number {
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  // x = m · 2^e with m in [sqrt(1/2), sqrt(2))
  let m = x;
  let e = 0;
  while (m >= 2 ** 64) {
    m *= 2 ** -64;
    e += 64;
  }
  while (m < 2 ** -64) {
    m *= 2 ** 64;
    e -= 64;
  }
  while (m >= SQRT2) {
    m *= 0.5;
    e++;
  }
  while (m < SQRT2 / 2) {
    m *= 2;
    e--;
  }
  // ln m = 2·atanh(s), s = (m − 1)/(m + 1), |s| < 0.172
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  let term = s;
  let sum = s;
  for (let i = 3; i <= 31; i += 2) {
    term *= s2;
    sum += term / i;
  }
  return e * LN2_HI + (e * LN2_LO + 2 * sum);
}

/** x^y for x ≥ 0. */
export function detPow(x: number, y: number): number {
  if (y === 0) return 1;
  if (x === 0) return y > 0 ? 0 : Infinity;
  return detExp(y * detLog(x));
}
