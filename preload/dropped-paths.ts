/** Most files one drop may hand to the main process (main checks the same limit again). */
export const MAX_DROPPED_FILES = 16;

/**
 * The disk paths of dropped files: only File objects count (anything else the page passes is
 * skipped), files that exist only in memory have no path and are skipped, and at most
 * MAX_DROPPED_FILES are taken. The main process validates every path again.
 */
export function droppedPaths(files: unknown, pathOf: (file: File) => string): string[] {
  if (!Array.isArray(files)) return [];
  const out: string[] = [];
  for (const f of files.slice(0, MAX_DROPPED_FILES)) {
    // Anything but a File from a real drop makes getPathForFile throw; it is skipped.
    try {
      const p = pathOf(f as File);
      if (typeof p === 'string' && p.length > 0) out.push(p);
    } catch {
      continue;
    }
  }
  return out;
}
