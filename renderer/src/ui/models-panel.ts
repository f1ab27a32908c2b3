import type { ExplorerApi, JobProgress, ModelInfo } from '../../../common/contract/contract';
import { el, formatCount, formatPercent, linkButton } from './format';
import { fileDrop } from './file-drop';
import './library.css';
import { uploadFile } from './upload-file';

/**
 * The models panel: every stored model with its words, dimensions, format, source and import
 * date; switch, rename, delete (confirmed); import a vector file by picker or drop, with
 * progress and cancel. The file travels through the contract in chunks (beginUpload /
 * uploadChunk), so this works in a browser tab as well as in Electron.
 */
export class ModelsPanel {
  readonly root = el('section', 'panel library-panel');
  private readonly list = el('ul', 'library-list');
  private readonly message = el('p', 'caption');
  private readonly progress = el('div', 'library-progress');
  private readonly bar = el('progress');
  private readonly phase = el('span');
  private readonly cancelButton = el('button', undefined, 'Cancel');
  private readonly nameInput = el('input');
  private readonly limitInput = el('input');
  private cancelUpload = false;
  private jobId: string | null = null;
  private busy = false;

  constructor(
    private readonly api: ExplorerApi,
    container: HTMLElement,
    private readonly changed: () => void,
  ) {
    this.root.id = 'models-panel';
    const details = el('details', 'library-details');
    const summary = el('summary', 'panel-title', 'Models');
    const picker = el('input');
    picker.type = 'file';
    picker.accept = '.txt,.vec,.bin,.tsv,.gz,.w2v';
    picker.id = 'model-file';
    picker.multiple = true;
    picker.className = 'visually-hidden';
    const pick = el('label', 'file-button', 'Import a model file…');
    pick.htmlFor = picker.id;
    this.nameInput.placeholder = 'name (optional)';
    this.nameInput.setAttribute('aria-label', 'Name of the imported model');
    this.limitInput.type = 'number';
    this.limitInput.min = '1';
    this.limitInput.placeholder = 'first N words';
    this.limitInput.setAttribute('aria-label', 'Keep only the first N words');
    const options = el('div', 'library-row');
    options.append(this.nameInput, this.limitInput);
    const hint = el(
      'p',
      'caption',
      'word2vec (.txt/.bin), GloVe, fastText .vec, or Projector vectors.tsv (with metadata.tsv: choose both), also .gz. Or drop the file here.',
    );
    this.bar.max = 1;
    this.cancelButton.type = 'button';
    this.cancelButton.addEventListener('click', () => void this.cancel());
    const line = el('div', 'progress-line');
    line.append(this.phase, this.cancelButton);
    this.progress.append(line, this.bar);
    this.progress.hidden = true;
    details.append(summary, this.list, pick, picker, options, hint, this.progress, this.message);
    this.root.append(details);
    container.append(this.root);
    fileDrop(this.root, picker, (files) => void this.importFiles(files));
  }

  /** Redraws the list from a status snapshot. */
  show(models: ModelInfo[]): void {
    this.list.replaceChildren(...models.map((m) => this.item(m)));
  }

  /** Job events: shows the import's own progress. */
  onJob(job: JobProgress): void {
    if (job.kind !== 'import' || (this.jobId && job.id !== this.jobId)) return;
    if (job.state === 'running' && this.busy) {
      this.jobId = job.id;
      this.showProgress(job.phase.replace(/ \(.*\)$/, ''), job.fraction);
    }
  }

  private item(m: ModelInfo): HTMLLIElement {
    const li = el('li', m.active ? 'library-item active' : 'library-item');
    li.dataset.model = m.name;
    const head = el('div', 'library-item-head');
    head.append(el('strong', undefined, m.name), el('span', 'badge', m.active ? 'active' : ''));
    const facts = el('div', 'caption', `${formatCount(m.words)} words · ${m.dims} dims · ${m.format} · ${m.importedAt.slice(0, 10)}`);
    const source = el('div', 'caption source', m.source);
    source.title = m.source;
    const actions = el('div', 'library-actions');
    if (!m.active) actions.append(linkButton('Use', () => void this.run(() => this.api.setActiveModel({ name: m.name }))));
    actions.append(
      linkButton('Rename', () => this.rename(li, m)),
      linkButton('Delete', () => this.confirmDelete(li, m)),
    );
    li.append(head, facts, source, actions);
    return li;
  }

  private rename(li: HTMLLIElement, m: ModelInfo): void {
    const input = el('input');
    input.value = m.name;
    input.setAttribute('aria-label', `New name for ${m.name}`);
    const row = el('div', 'library-row');
    row.append(
      input,
      linkButton('Save', () => void this.run(() => this.api.renameModel({ name: m.name, newName: input.value.trim() }))),
      linkButton('Cancel', () => this.changed()),
    );
    li.querySelector('.library-actions')!.replaceWith(row);
    input.focus();
  }

  private confirmDelete(li: HTMLLIElement, m: ModelInfo): void {
    const row = el('div', 'library-confirm');
    row.append(
      el('span', undefined, `Delete ${m.name} with its vocabularies and projections?`),
      linkButton('Delete', () => void this.run(() => this.api.deleteModel({ name: m.name }))),
      linkButton('Keep', () => this.changed()),
    );
    li.querySelector('.library-actions')!.replaceWith(row);
  }

  private async run(fn: () => Promise<unknown>): Promise<void> {
    this.message.textContent = '';
    try {
      await fn();
    } catch (e) {
      this.message.textContent = (e as Error).message;
    }
    this.changed();
  }

  private showProgress(text: string, fraction: number): void {
    this.progress.hidden = false;
    this.phase.textContent = `${text} ${formatPercent(fraction)}`;
    this.bar.value = fraction;
  }

  private async cancel(): Promise<void> {
    this.cancelUpload = true;
    if (this.jobId) await this.api.cancelJob({ id: this.jobId }).catch(() => undefined);
  }

  /** One vector file, or a Projector pair: the file named like "metadata" names the other's rows. */
  private async importFiles(files: File[]): Promise<void> {
    const metadata = files.length === 2 ? files.find((f) => /metadata/i.test(f.name)) : undefined;
    const vectors = metadata ? files.find((f) => f !== metadata)! : files[0];
    if (files.length > 2 || (files.length === 2 && !metadata)) {
      this.message.textContent = 'Choose one vector file, or a Projector vectors.tsv together with its metadata.tsv.';
      return;
    }
    await this.importFile(vectors, metadata);
  }

  private upload(file: File): Promise<string> {
    return uploadFile(this.api, file, {
      cancelled: () => this.cancelUpload,
      cancelMessage: 'Import cancelled.',
      progress: (f) => this.showProgress(`Sending ${file.name}`, f),
    });
  }

  private async importFile(file: File, metadata?: File): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.cancelUpload = false;
    this.jobId = null;
    this.message.textContent = '';
    const limit = Math.round(Number(this.limitInput.value));
    try {
      const metadataUploadId = metadata ? await this.upload(metadata) : undefined;
      const uploadId = await this.upload(file);
      this.showProgress('Importing', 0);
      const r = await this.api.importModel({
        uploadId,
        metadataUploadId,
        name: this.nameInput.value.trim() || undefined,
        limit: limit > 0 ? limit : undefined,
      });
      const dups = r.duplicates ? `, ${formatCount(r.duplicates)} duplicates skipped` : '';
      this.message.textContent = `Imported ${r.name}: ${formatCount(r.words)} words, ${r.dims} dims, detected ${r.format}${r.compressed ? ' (gzip)' : ''}${dups}.`;
      this.nameInput.value = '';
    } catch (e) {
      this.message.textContent = (e as Error).message;
    } finally {
      this.busy = false;
      this.jobId = null;
      this.progress.hidden = true;
      this.changed();
    }
  }
}
