/**
 * Decimal numbers straight from bytes: vector files hold tens of millions of them, and going
 * through a string per value would double the import time. Results are correctly rounded
 * doubles: the fast path only handles cases where one division/multiplication is exact.
 */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const STRICT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

/** Outcome of parsing one token; `end` is where the token stopped. */
export interface ParsedNumber {
  value: number;
  end: number;
  /** Set when the token is not a finite float32 number: the reason, for the error message. */
  problem?: string;
}

const isSep = (c: number) => c === 0x20 || c === 0x09;

/**
 * Parses the token starting at `p` (ending at a space, tab or `end`). The value is checked to
 * be finite as a float32, since that is how it is stored.
 */
export function parseNumberAt(b: Uint8Array, p: number, end: number, out: ParsedNumber): void {
  const start = p;
  let neg = false;
  if (b[p] === 0x2d) {
    neg = true;
    p++;
  } else if (b[p] === 0x2b) p++;
  let mant = 0;
  let exp = 0;
  let digits = 0;
  let c = b[p];
  while (p < end && c >= 0x30 && c <= 0x39) {
    mant = mant * 10 + (c - 0x30);
    digits++;
    c = b[++p];
  }
  if (p < end && c === 0x2e) {
    c = b[++p];
    while (p < end && c >= 0x30 && c <= 0x39) {
      mant = mant * 10 + (c - 0x30);
      exp--;
      digits++;
      c = b[++p];
    }
  }
  let simple = true;
  if (digits > 0 && p < end && (c === 0x65 || c === 0x45)) {
    simple = false; // exponents are rare: let the exact parser handle them
    c = b[++p];
    if (c === 0x2b || c === 0x2d) c = b[++p];
    while (p < end && c >= 0x30 && c <= 0x39) c = b[++p];
  }
  if (digits > 0 && (p === end || isSep(c)) && simple && digits <= 15 && exp >= -22) {
    const v = exp < 0 ? mant / POW10[-exp] : mant;
    out.value = neg ? -v : v;
    out.end = p;
    out.problem = undefined;
    if (!Number.isFinite(Math.fround(out.value))) out.problem = `the value ${tokenText(b, start, end)} is too large for a 32-bit float`;
    return;
  }
  // Slow path: find the whole token and judge it as text.
  let q = start;
  while (q < end && !isSep(b[q])) q++;
  const text = tokenText(b, start, q);
  out.end = q;
  if (NON_FINITE.test(text)) {
    out.value = Number.NaN;
    out.problem = `the value "${text}" is not a finite number (NaN or infinity)`;
  } else if (!STRICT.test(text)) {
    out.value = Number.NaN;
    out.problem = `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}" is not a number`;
  } else {
    out.value = Number(text);
    out.problem = Number.isFinite(Math.fround(out.value)) ? undefined : `the value ${text} is too large for a 32-bit float`;
  }
}

function tokenText(b: Uint8Array, s: number, e: number): string {
  return Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('utf8');
}
