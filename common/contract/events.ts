/**
 * The contract's events, pushed from the core to the page: job progress, model changes and the
 * desktop menu's actions. Part of the one contract; contract.ts re-exports it.
 */

import type { ExportFormat } from './exports';

export interface JobProgress {
  /** Stable id for the job's lifetime. */
  id: string;
  /** What the job is, e.g. "import". */
  kind: string;
  /** Human text for the current phase, e.g. "Reading vectors". */
  phase: string;
  /** 0..1 over the whole job. */
  fraction: number;
  /** running → done | failed | cancelled. */
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** Set when state is "failed". */
  error?: string;
  /** Free text naming what is being worked on (e.g. the model). */
  title: string;
}

/** Events pushed from the core to the renderer. */
export type ExplorerEvent =
  | { type: 'job'; job: JobProgress }
  | { type: 'models-changed' }
  /** A desktop menu item (or a file opened from the OS) asks the page to act; see `MenuAction`. */
  | ({ type: 'menu' } & MenuAction);

/** Everything File ▸ Export offers: the projection formats, a picture, the neighbour table. */
export type MenuExportFormat = ExportFormat | 'png' | 'neighbors-csv' | 'neighbors-md';

/**
 * Actions of the Electron application menu that only the page can carry out (it knows the view,
 * the query and the camera). Actions the main process can finish alone (importing a model chosen
 * in a native dialog, the theme, zoom) never reach the page as menu events.
 */
export type MenuAction =
  /**
   * File ▸ Export: without `format`, open the export panel; with one, export at once as the panel's
   * button would: a projection format of `EXPORT_FORMATS`, "png" (the current view as a picture at
   * twice the window size) or a neighbour table of the current query ("neighbors-csv", "neighbors-md").
   */
  | { action: 'export'; format?: MenuExportFormat }
  /** View ▸ Reset camera: back to the framing of the whole map (as a double-click on the map). */
  | { action: 'reset-camera' }
  /** View ▸ Toggle labels: show or hide the word labels on the map (points stay). */
  | { action: 'toggle-labels' }
  /**
   * File ▸ Open vocabulary… (or a vocabulary file dropped or opened from the OS): the file the user
   * chose, read by the main process (at most MAX_VOCABULARY_CHARS), for the page's preview and save.
   */
  | { action: 'open-vocabulary'; fileName: string; content: string }
  /** A file the main process could not open (unknown kind, too large, unreadable): say why. */
  | { action: 'open-failed'; message: string };
