/**
 * The parts of the Electron self-test (self-test.ts) that need no Electron: its arguments, the
 * blank-image check on a raw bitmap, the neighbour check and the report.
 */

export const SELF_TEST_QUERY = 'virtue';
export const SELF_TEST_EXPECTED = 'morality';
export const SELF_TEST_K = 10;
/** First run imports the default model and computes the first map: minutes on a slow machine. */
export const DEFAULT_TIMEOUT_S = 300;

export interface SelfTestArgs {
  enabled: boolean;
  timeoutMs: number;
}

/** `--self-test` and `--self-test-timeout=SECONDS` from Electron's argv. */
export function parseSelfTestArgs(argv: readonly string[]): SelfTestArgs {
  const enabled = argv.includes('--self-test');
  let timeoutS = DEFAULT_TIMEOUT_S;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = a === '--self-test-timeout' ? argv[i + 1] : a.startsWith('--self-test-timeout=') ? a.slice(20) : undefined;
    if (value === undefined) continue;
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0) || n > 86_400) {
      throw new Error(`--self-test-timeout must be a number of seconds between 1 and 86400, not "${value}".`);
    }
    timeoutS = n;
  }
  return { enabled, timeoutMs: Math.round(timeoutS * 1000) };
}

export interface Blankness {
  /** Pixels that differ clearly from the most common colour. */
  differing: number;
  total: number;
  blank: boolean;
}

/**
 * Whether a 4-bytes-a-pixel bitmap (BGRA from NativeImage.toBitmap(), or RGBA) shows nothing:
 * fewer than 0.1 % of its pixels (and fewer than 50) differ clearly from its most common colour.
 * An empty or short bitmap counts as blank.
 */
export function blankness(bitmap: Uint8Array, width: number, height: number): Blankness {
  const total = Math.max(0, width) * Math.max(0, height);
  if (total === 0 || bitmap.length < total * 4) return { differing: 0, total, blank: true };
  const tally = new Map<number, number>();
  const step = Math.max(1, Math.floor(total / 20_000));
  for (let i = 0; i < total; i += step) {
    const key = (bitmap[i * 4] << 16) | (bitmap[i * 4 + 1] << 8) | bitmap[i * 4 + 2];
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  let bg = 0;
  let best = -1;
  for (const [key, n] of tally) if (n > best) [bg, best] = [key, n];
  const [c0, c1, c2] = [(bg >> 16) & 255, (bg >> 8) & 255, bg & 255];
  let differing = 0;
  for (let i = 0; i < total; i++) {
    const d = Math.abs(bitmap[i * 4] - c0) + Math.abs(bitmap[i * 4 + 1] - c1) + Math.abs(bitmap[i * 4 + 2] - c2);
    if (d > 30) differing++;
  }
  return { differing, total, blank: differing < Math.max(50, total * 0.001) };
}

export interface Check {
  ok: boolean;
  detail: string;
}

/** Checks the envelope `window.explorerBridge.neighbors(...)` resolved to in the page. */
export function checkNeighbours(envelope: unknown, query = SELF_TEST_QUERY, expected = SELF_TEST_EXPECTED): Check {
  const e = envelope as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } } | null;
  if (!e || typeof e !== 'object' || typeof e.ok !== 'boolean')
    return { ok: false, detail: `the bridge answered ${describe(envelope)}, not a result` };
  if (!e.ok) return { ok: false, detail: `the call failed: ${String(e.error?.code)}: ${String(e.error?.message)}` };
  const [first] = Array.isArray(e.value) ? (e.value as { query?: unknown; neighbors?: unknown; error?: { message?: unknown } }[]) : [];
  if (!first) return { ok: false, detail: 'the result holds no entry for the query' };
  if (first.error) return { ok: false, detail: `"${query}": ${String(first.error.message)}` };
  const words = Array.isArray(first.neighbors) ? (first.neighbors as { word?: unknown; similarity?: unknown }[]) : [];
  const hit = words.find((n) => n.word === expected);
  const list = words.map((n) => String(n.word)).join(', ');
  if (!hit) return { ok: false, detail: `"${expected}" is not among the ${words.length} neighbours of "${query}" (${list || 'none'})` };
  return {
    ok: true,
    detail: `"${expected}" is among the ${words.length} neighbours of "${query}" (cosine ${Number(hit.similarity).toFixed(4)})`,
  };
}

function describe(v: unknown): string {
  try {
    return JSON.stringify(v)?.slice(0, 200) ?? String(v);
  } catch {
    return String(v);
  }
}

export interface StepResult {
  name: string;
  ok: boolean;
  detail: string;
}

/** The lines the self-test prints and its exit code: 0 when every step passed. */
export function formatReport(steps: readonly StepResult[], elapsedMs: number): { lines: string[]; exitCode: number } {
  const failed = steps.filter((s) => !s.ok);
  const lines = steps.map((s) => `self-test: ${s.ok ? 'ok  ' : 'FAIL'} ${s.name}: ${s.detail}`);
  const seconds = (elapsedMs / 1000).toFixed(1);
  if (steps.length === 0) lines.push('self-test: FAILED: no step ran.');
  else if (failed.length) lines.push(`self-test: FAILED (${failed.map((s) => s.name).join(', ')}) after ${seconds} s.`);
  else lines.push(`self-test: passed, ${steps.length} steps in ${seconds} s.`);
  return { lines, exitCode: failed.length || steps.length === 0 ? 1 : 0 };
}
