import type { CorpusSummary, ExplorerApi, JobProgress, TrainModelRequest } from '../../../common/contract/contract';
import { MAX_UPLOADS, TRAIN_LIMITS } from '../../../common/contract/contract';
import { fileDrop } from './file-drop';
import { el, formatCount, formatPercent } from './format';
import './train.css';
import { uploadFile } from './upload-file';

const L = TRAIN_LIMITS;

interface Field {
  key: 'dims' | 'window' | 'minCount' | 'negative' | 'epochs' | 'sample' | 'seed';
  label: string;
  value: number;
  min: number;
  max: number;
  step?: string;
}

const FIELDS: Field[] = [
  { key: 'dims', label: 'Dimensions', value: L.dims.default, min: L.dims.min, max: L.dims.max },
  { key: 'window', label: 'Window', value: L.window.default, min: L.window.min, max: L.window.max },
  { key: 'minCount', label: 'Min count', value: L.minCount.default, min: L.minCount.min, max: L.minCount.max },
  { key: 'negative', label: 'Negative', value: L.negative.default, min: L.negative.min, max: L.negative.max },
  { key: 'epochs', label: 'Epochs', value: L.epochs.default, min: L.epochs.min, max: L.epochs.max },
  { key: 'sample', label: 'Sample', value: L.sample.default, min: L.sample.min, max: L.sample.max, step: 'any' },
  { key: 'seed', label: 'Seed', value: L.seed.default, min: L.seed.min, max: L.seed.max },
];

/**
 * Train on your text: choose or drop .txt/.md/.gz files, see the corpus counted (documents,
 * words, distinct words, words kept, the most frequent), set the parameters (gensim's defaults
 * filled in) and train, with progress (epoch, words/s, loss) and Cancel. Files travel through
 * the contract's uploads, so this works in a browser tab as in Electron.
 */
export class TrainPanel {
  readonly root = el('section', 'panel library-panel train-panel');
  private readonly summary = el('div', 'train-summary');
  private readonly form = el('form', 'train-form');
  private readonly nameInput = el('input');
  private readonly cbow = el('input');
  private readonly phrases = el('input');
  private readonly keepCase = el('input');
  private readonly inputs = new Map<Field['key'], HTMLInputElement>();
  private readonly trainButton = el('button', 'primary-button', 'Train');
  private readonly progress = el('div', 'library-progress');
  private readonly bar = el('progress');
  private readonly phase = el('span');
  private readonly cancelButton = el('button', undefined, 'Cancel');
  private readonly message = el('p', 'caption');
  private uploads: string[] = [];
  private files: File[] = [];
  private jobId: string | null = null;
  private busy = false;
  private stop = false;

  constructor(
    private readonly api: ExplorerApi,
    container: HTMLElement,
    private readonly trained: (model: string) => void,
  ) {
    this.root.id = 'train-panel';
    const details = el('details', 'library-details');
    const title = el('summary', 'panel-title', 'Train on your text');
    const picker = el('input');
    picker.type = 'file';
    picker.accept = '.txt,.md,.markdown,.gz';
    picker.multiple = true;
    picker.id = 'train-files';
    picker.className = 'visually-hidden';
    const pick = el('label', 'file-button', 'Choose text files…');
    pick.htmlFor = picker.id;
    const hint = el(
      'p',
      'caption',
      'Plain text or Markdown (.txt, .md, also .gz), one or many; or drop them here. Each line is a sentence.',
    );
    this.buildForm();
    this.bar.max = 1;
    this.cancelButton.type = 'button';
    this.cancelButton.addEventListener('click', () => void this.cancel());
    const line = el('div', 'progress-line');
    line.append(this.phase, this.cancelButton);
    this.progress.append(line, this.bar);
    this.progress.hidden = true;
    details.append(title, pick, picker, hint, this.summary, this.form, this.progress, this.message);
    this.root.append(details);
    container.append(this.root);
    fileDrop(this.root, picker, (files) => void this.choose(files));
  }

  private buildForm(): void {
    this.form.hidden = true;
    this.nameInput.placeholder = 'model name';
    this.nameInput.required = true;
    this.nameInput.setAttribute('aria-label', 'Name of the new model');
    const grid = el('div', 'train-grid');
    for (const f of FIELDS) {
      const input = el('input');
      input.type = 'number';
      input.min = String(f.min);
      input.max = String(f.max);
      input.step = f.step ?? '1';
      input.value = String(f.value);
      input.name = f.key;
      const label = el('label', 'train-field');
      label.append(el('span', 'caption', f.label), input);
      grid.append(label);
      this.inputs.set(f.key, input);
    }
    const checks = el('div', 'train-checks');
    for (const [box, text, name] of [
      [this.cbow, 'CBOW (instead of skip-gram)', 'cbow'],
      [this.phrases, 'Join phrases (new_york)', 'phrases'],
      [this.keepCase, 'Keep case', 'keepCase'],
    ] as const) {
      box.type = 'checkbox';
      box.name = name;
      const label = el('label', 'train-check');
      label.append(box, el('span', undefined, text));
      checks.append(label);
    }
    // Counting depends on these; the rest only matter to training.
    for (const input of [this.inputs.get('minCount')!, this.phrases, this.keepCase]) {
      input.addEventListener('change', () => void this.count());
    }
    this.trainButton.type = 'submit';
    this.form.append(this.nameInput, grid, checks, this.trainButton);
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.train();
    });
  }

  /** Job events: the count's and the training's own progress. */
  onJob(job: JobProgress): void {
    if ((job.kind !== 'train' && job.kind !== 'corpus') || !this.busy) return;
    if (this.jobId && job.id !== this.jobId) return;
    if (job.state === 'running') {
      this.jobId = job.id;
      this.showProgress(job.phase, job.fraction);
    }
  }

  private async choose(files: File[]): Promise<void> {
    if (this.busy) return;
    const bad = files.filter((f) => !/\.(txt|md|markdown|text)(\.gz)?$|\.gz$/i.test(f.name));
    if (bad.length) {
      this.message.textContent = `Not a text file: ${bad.map((f) => f.name).join(', ')}. Choose .txt or .md files (or .gz of them).`;
      return;
    }
    this.files = files;
    this.uploads = [];
    if (!this.nameInput.value) this.nameInput.value = files[0].name.replace(/(\.gz)?$/i, '').replace(/\.[^.]*$/, '');
    await this.count();
  }

  private upload(file: File, index: number): Promise<string> {
    return uploadFile(this.api, file, {
      cancelled: () => this.stop,
      cancelMessage: 'Cancelled.',
      progress: (f) => this.showProgress(`Sending ${file.name} (${index + 1} of ${this.files.length})`, f),
    });
  }

  /** Sends the files once (uploads stay until training consumes them) and counts the corpus. */
  private async count(): Promise<void> {
    if (this.files.length === 0) return;
    await this.job(async () => {
      const options = { minCount: this.number('minCount'), phrases: this.phrases.checked, lowercase: !this.keepCase.checked };
      if (this.uploads.length === 0) {
        // The core holds only a few uploads open at once; counting a batch hands its files over to the corpus.
        for (let i = 0; i < this.files.length; i += MAX_UPLOADS) {
          const batch: string[] = [];
          for (let j = i; j < Math.min(this.files.length, i + MAX_UPLOADS); j++) batch.push(await this.upload(this.files[j], j));
          this.uploads.push(...batch);
          // Problems with a batch (an empty file) are reported by the count of the whole corpus below.
          if (this.files.length > MAX_UPLOADS) await this.api.scanCorpus({ uploadIds: batch, ...options }).catch(() => undefined);
        }
      }
      const s = await this.api.scanCorpus({ uploadIds: this.uploads, ...options });
      this.showSummary(s);
      this.form.hidden = false;
    });
  }

  private number(key: Field['key']): number {
    return Number(this.inputs.get(key)!.value);
  }

  private async train(): Promise<void> {
    if (this.uploads.length === 0) return;
    const req: TrainModelRequest = { uploadIds: this.uploads, name: this.nameInput.value.trim(), cbow: this.cbow.checked };
    for (const f of FIELDS) req[f.key] = this.number(f.key);
    req.phrases = this.phrases.checked;
    req.lowercase = !this.keepCase.checked;
    await this.job(async () => {
      const r = await this.api.trainModel(req);
      const loss = r.loss.length ? `, loss ${r.loss[0].toFixed(4)} → ${r.loss[r.loss.length - 1].toFixed(4)}` : '';
      this.message.textContent = `Trained ${r.model}: ${formatCount(r.words)} words × ${r.dims} dims in ${r.seconds.toFixed(1)} s (${formatCount(Math.round(r.wordsPerSecond))} words/s${loss}).`;
      this.uploads = [];
      this.files = [];
      this.form.hidden = true;
      this.summary.replaceChildren();
      this.trained(r.model);
    });
  }

  private async job(fn: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.stop = false;
    this.jobId = null;
    this.trainButton.disabled = true;
    this.message.textContent = '';
    try {
      await fn();
    } catch (e) {
      this.message.textContent = (e as Error).message;
    } finally {
      this.busy = false;
      this.jobId = null;
      this.trainButton.disabled = false;
      this.progress.hidden = true;
    }
  }

  private showSummary(s: CorpusSummary): void {
    const facts = el('dl', 'train-facts');
    const fact = (name: string, value: string) => facts.append(el('dt', undefined, name), el('dd', undefined, value));
    fact('Files', formatCount(s.files));
    fact('Sentences', formatCount(s.sentences));
    fact('Words', formatCount(s.tokens));
    fact('Distinct', formatCount(s.distinct));
    fact(`Kept (≥ ${formatCount(s.minCount)})`, formatCount(s.kept));
    if (s.phrases) fact('Phrases', formatCount(s.phrases));
    const top = el('p', 'caption train-top', `Most frequent: ${s.top.map((t) => `${t.word} ${formatCount(t.count)}`).join(', ')}`);
    const warnings = s.warnings.map((w) => el('p', 'caption train-warning', w));
    this.summary.replaceChildren(facts, top, ...warnings);
  }

  private showProgress(text: string, fraction: number): void {
    this.progress.hidden = false;
    this.phase.textContent = `${text} ${formatPercent(fraction)}`;
    this.bar.value = fraction;
  }

  private async cancel(): Promise<void> {
    this.stop = true;
    if (this.jobId) await this.api.cancelJob({ id: this.jobId }).catch(() => undefined);
  }
}
