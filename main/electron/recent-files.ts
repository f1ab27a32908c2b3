import type { FileKind } from './file-kinds';

/** One entry of File ▸ Open Recent. */
export interface RecentFile {
  path: string;
  kind: FileKind;
}

export const MAX_RECENT = 10;

/** The stored list, keeping only well-formed entries (a damaged file gives an empty list). */
export function parseRecent(raw: unknown): RecentFile[] {
  if (!Array.isArray(raw)) return [];
  const out: RecentFile[] = [];
  for (const r of raw as unknown[]) {
    if (typeof r !== 'object' || r === null) continue;
    const { path, kind } = r as Partial<RecentFile>;
    if (typeof path === 'string' && path.length > 0 && (kind === 'model' || kind === 'vocabulary')) out.push({ path, kind });
  }
  return dedupe(out).slice(0, MAX_RECENT);
}

function dedupe(list: RecentFile[]): RecentFile[] {
  const seen = new Set<string>();
  return list.filter((r) => (seen.has(r.path) ? false : (seen.add(r.path), true)));
}

/** The list after opening `file`: it moves to the top, older duplicates go, at most MAX_RECENT stay. */
export function addRecent(list: readonly RecentFile[], file: RecentFile): RecentFile[] {
  return dedupe([file, ...list.filter((r) => r.path !== file.path)]).slice(0, MAX_RECENT);
}

/** The list without files that no longer exist (checked when the menu is built). */
export function withoutMissing(list: readonly RecentFile[], exists: (p: string) => boolean): RecentFile[] {
  return list.filter((r) => exists(r.path));
}
