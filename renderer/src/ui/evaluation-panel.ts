import type { EvaluationKind, EvaluationResult, ExplorerApi, JobProgress } from '../../../common/contract/contract';
import { evaluationMarkdown } from './evaluation-markdown';
import { el, formatCount } from './format';

/** Guesses the kind of a benchmark file: analogy files have ": section" lines. */
export function guessKind(text: string): EvaluationKind {
  return /^: /m.test(text.slice(0, 20000)) ? 'analogies' : 'pairs';
}

/**
 * Evaluation on a benchmark file the user picks: word pairs (Pearson, Spearman) or analogies
 * (accuracy per section), with progress and Cancel while it runs, the result as a table, and a
 * button that copies it as Markdown.
 */
export class EvaluationPanel {
  readonly element = el('div', 'evaluation');
  private readonly file = el('input');
  private readonly kind = el('select');
  private readonly run = el('button', 'primary', 'Evaluate');
  private readonly cancel = el('button', undefined, 'Cancel');
  private readonly progress = el('progress');
  private readonly phase = el('span', 'caption');
  private readonly out = el('div', 'geo-result evaluation-result');
  private jobId: string | null = null;
  private result: EvaluationResult | null = null;

  constructor(
    private readonly api: ExplorerApi,
    private readonly model: () => string | undefined,
  ) {
    this.file.type = 'file';
    this.file.accept = '.txt,.tsv,.csv,text/plain';
    this.file.setAttribute('aria-label', 'Benchmark file');
    this.kind.setAttribute('aria-label', 'Benchmark kind');
    for (const [value, text] of [
      ['auto', 'Detect kind'],
      ['pairs', 'Word pairs'],
      ['analogies', 'Analogies'],
    ]) {
      const o = el('option', undefined, text);
      o.value = value;
      this.kind.append(o);
    }
    this.run.type = 'button';
    this.cancel.type = 'button';
    this.cancel.hidden = true;
    this.progress.max = 1;
    this.progress.hidden = true;
    this.progress.setAttribute('aria-label', 'Evaluation progress');
    this.out.setAttribute('aria-live', 'polite');
    const row = el('div', 'geo-row');
    row.append(this.kind, this.run, this.cancel);
    const status = el('div', 'geo-row');
    status.append(this.progress, this.phase);
    this.element.append(this.file, row, status, this.out);
    this.run.addEventListener('click', () => void this.start());
    this.cancel.addEventListener('click', () => this.jobId && void this.api.cancelJob({ id: this.jobId }).catch(() => {}));
    api.onEvent((e) => e.type === 'job' && e.job.kind === 'evaluate' && this.onJob(e.job));
  }

  private onJob(job: JobProgress): void {
    if (!this.run.disabled) return; // not ours, or already finished
    if (job.state === 'running') this.jobId = job.id;
    this.progress.value = job.fraction;
    this.phase.textContent = job.phase;
  }

  private async start(): Promise<void> {
    const file = this.file.files?.[0];
    if (!file) {
      this.out.textContent = 'Choose a benchmark file first: word1<TAB>word2<TAB>score lines, or questions-words.txt.';
      return;
    }
    const content = await file.text();
    const kind = this.kind.value === 'auto' ? guessKind(content) : (this.kind.value as EvaluationKind);
    this.setRunning(true);
    this.out.textContent = '';
    try {
      this.result = await this.api.evaluate({ kind, fileName: file.name, content, model: this.model() });
      this.show(this.result);
    } catch (e) {
      this.out.textContent = (e as Error).message;
    } finally {
      this.setRunning(false);
    }
  }

  private setRunning(running: boolean): void {
    this.run.disabled = running;
    this.cancel.hidden = !running;
    this.progress.hidden = !running;
    this.progress.value = 0;
    this.phase.textContent = running ? 'Starting…' : '';
    if (!running) this.jobId = null;
  }

  private show(r: EvaluationResult): void {
    const table = el('table', 'evaluation-table');
    const head = el('tr');
    const body: HTMLTableRowElement[] = [];
    const row = (cells: string[], numeric: boolean[]) => {
      const tr = el('tr');
      cells.forEach((c, i) => tr.append(el('td', numeric[i] ? 'num' : undefined, c)));
      return tr;
    };
    let caption: string;
    if (r.kind === 'pairs') {
      caption = `${r.file}: ${formatCount(r.pairs)} pairs, ${formatCount(r.skipped)} skipped (${r.oovRatio.toFixed(1)}% out of vocabulary)`;
      head.append(el('th', undefined, 'Measure'), el('th', 'num', 'Value'));
      body.push(
        row(['Pearson', r.pearson?.toFixed(4) ?? 'n/a'], [false, true]),
        row(['Spearman', r.spearman?.toFixed(4) ?? 'n/a'], [false, true]),
      );
    } else {
      caption = `${r.file}: ${formatCount(r.questions)} questions, ${formatCount(r.skipped)} skipped`;
      head.append(el('th', undefined, 'Section'), el('th', 'num', 'Correct'), el('th', 'num', 'Accuracy'));
      for (const s of r.sections)
        body.push(
          row([s.name, `${formatCount(s.correct)} / ${formatCount(s.total)}`, `${(s.accuracy * 100).toFixed(1)}%`], [false, true, true]),
        );
      const total = row(
        ['Total', `${formatCount(r.correct)} / ${formatCount(r.questions - r.skipped)}`, `${(r.accuracy * 100).toFixed(1)}%`],
        [false, true, true],
      );
      total.className = 'total';
      body.push(total);
    }
    table.append(head, ...body);
    const copy = el('button', 'link-button', 'Copy as Markdown');
    copy.type = 'button';
    copy.addEventListener('click', () => {
      const text = evaluationMarkdown(r);
      navigator.clipboard.writeText(text).then(
        () => (copy.textContent = 'Copied'),
        () => (copy.textContent = 'Copy failed: select the table instead'),
      );
    });
    this.out.replaceChildren(el('p', undefined, caption), table, copy);
    this.out.dataset.kind = r.kind;
  }
}
