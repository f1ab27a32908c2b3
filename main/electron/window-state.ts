/** Window size and position, remembered between runs. */
export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Bounds;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1360, height: 860 } as const;
export const MIN_SIZE = { width: 800, height: 560 } as const;
/** How much of the title bar must stay on a display for the window to be reachable. */
const GRAB = 64;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A stored state, or null when the file holds anything else. */
export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { bounds, maximized } = raw as { bounds?: Partial<Bounds>; maximized?: unknown };
  if (!bounds || ![bounds.x, bounds.y, bounds.width, bounds.height].every(finite)) return null;
  return { bounds: { x: bounds.x!, y: bounds.y!, width: bounds.width!, height: bounds.height! }, maximized: maximized === true };
}

function overlap(a: Bounds, b: Bounds): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function centred(area: Bounds, width: number, height: number): Bounds {
  return { x: Math.round(area.x + (area.width - width) / 2), y: Math.round(area.y + (area.height - height) / 2), width, height };
}

/**
 * Where to open the window, given the saved state and the work areas of the displays now
 * attached (primary first). The window lands on the display it overlaps most, no larger than
 * that display's work area and no smaller than the minimum, moved so it lies wholly on it.
 * Without a saved state, or when the saved window is on no display any more (a monitor was
 * unplugged), it opens at the default size centred on the primary display.
 */
export function restoreBounds(saved: WindowState | null, workAreas: readonly Bounds[]): Bounds {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const fit = (area: Bounds, w: number, h: number) => ({
    width: Math.max(Math.min(w, area.width), Math.min(MIN_SIZE.width, area.width)),
    height: Math.max(Math.min(h, area.height), Math.min(MIN_SIZE.height, area.height)),
  });
  if (!saved) {
    const size = fit(primary, DEFAULT_SIZE.width, DEFAULT_SIZE.height);
    return centred(primary, size.width, size.height);
  }
  const b = saved.bounds;
  let best: Bounds | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const o = overlap(b, area);
    if (o > bestArea) {
      bestArea = o;
      best = area;
    }
  }
  // A sliver (less than a title bar's grab in both directions) counts as off-screen.
  if (!best || bestArea < GRAB * GRAB) {
    const size = fit(primary, Math.round(b.width), Math.round(b.height));
    return centred(primary, size.width, size.height);
  }
  const size = fit(best, Math.round(b.width), Math.round(b.height));
  const x = Math.min(Math.max(Math.round(b.x), best.x), best.x + best.width - size.width);
  const y = Math.min(Math.max(Math.round(b.y), best.y), best.y + best.height - size.height);
  return { x, y, ...size };
}
