/**
 * A file picker plus drag-and-drop onto an element. Works the same in Electron and in a
 * browser tab: the page reads the File itself, no Node access needed.
 */
export function fileDrop(target: HTMLElement, input: HTMLInputElement, onFiles: (files: File[]) => void): void {
  input.addEventListener('change', () => {
    const files = Array.from(input.files ?? []);
    input.value = '';
    if (files.length) onFiles(files);
  });
  const has = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
  target.addEventListener('dragover', (e) => {
    if (!has(e)) return;
    e.preventDefault();
    target.classList.add('drop-active');
  });
  target.addEventListener('dragleave', () => target.classList.remove('drop-active'));
  target.addEventListener('drop', (e) => {
    if (!has(e)) return;
    e.preventDefault();
    target.classList.remove('drop-active');
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length) onFiles(files);
  });
}
