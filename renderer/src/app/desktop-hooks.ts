/**
 * What the page does for the desktop shell: menu actions that need the page (reset camera, labels,
 * a vocabulary opened from a native dialog, a file that could not be opened) and files dropped
 * anywhere on the window that no panel took, which the main process opens from their paths.
 * In a browser tab there is no menu and no bridge, and none of this is installed.
 */
import type { ExplorerApi, ExplorerEvent } from '../../../common/contract/contract';

export interface DesktopTargets {
  /** The element holding the map and its labels. */
  stage: HTMLElement;
  resetCamera(): void;
  /** Hands a vocabulary file to the vocabulary panel's preview. */
  openVocabulary(file: File): void;
  /** Shows a message the user must read (a file that could not be opened). */
  showError(message: string): void;
}

/** Hides or shows the word labels on the map; the points stay. Returns whether labels are now shown. */
export function toggleLabels(stage: HTMLElement): boolean {
  const hidden = stage.classList.toggle('labels-off');
  // Through the CSSOM, which the CSP allows (style attributes would not be).
  for (const layer of stage.querySelectorAll<HTMLElement>('.scene-labels')) layer.style.visibility = hidden ? 'hidden' : '';
  return !hidden;
}

export function handleMenuEvent(event: ExplorerEvent, t: DesktopTargets): void {
  if (event.type !== 'menu') return;
  switch (event.action) {
    case 'reset-camera':
      return t.resetCamera();
    case 'toggle-labels':
      toggleLabels(t.stage);
      return;
    case 'open-vocabulary':
      return t.openVocabulary(new File([event.content], event.fileName, { type: 'text/plain' }));
    case 'open-failed':
      return t.showError(event.message);
    default:
      // "export" is the export panel's own.
      return;
  }
}

/**
 * Mirrors the projection progress bar (#projection-progress, #projection-bar) to `report`:
 * its fraction while shown, null when hidden. Watching the elements keeps the panel untouched.
 */
export function mirrorProjectionProgress(report: (fraction: number | null) => void): void {
  const box = document.getElementById('projection-progress');
  const bar = document.getElementById('projection-bar');
  if (!box || !(bar instanceof HTMLProgressElement)) return;
  let last: number | null = null;
  const update = () => {
    // An indeterminate bar (no value yet) shows as an empty one.
    const next = box.hidden ? null : bar.hasAttribute('value') ? bar.position : 0;
    if (next === last) return;
    last = next;
    report(next);
  };
  const observer = new MutationObserver(update);
  observer.observe(box, { attributes: true, attributeFilter: ['hidden'] });
  observer.observe(bar, { attributes: true, attributeFilter: ['value'] });
}

export function installDesktopHooks(api: ExplorerApi, t: DesktopTargets): void {
  const bridge = window.explorerBridge;
  if (!bridge) return;
  api.onEvent((e) => handleMenuEvent(e, t));
  const progress = bridge.setTaskbarProgress;
  if (progress) mirrorProjectionProgress((f) => void progress(f));
  const open = bridge.openDroppedFiles;
  if (!open) return;
  window.addEventListener('dragover', (e) => {
    if (!e.defaultPrevented && e.dataTransfer?.types.includes('Files')) e.preventDefault();
  });
  window.addEventListener('drop', (e) => {
    // A panel's own drop zone (models, vocabularies) handled it already.
    if (e.defaultPrevented) return;
    e.preventDefault();
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length === 0) return;
    void open(files).then((r) => {
      if (!r.ok) t.showError(r.error.message);
    });
  });
}
