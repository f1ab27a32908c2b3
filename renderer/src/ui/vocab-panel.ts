import type { ExplorerApi, Vocabulary, VocabularyPreview, VocabularySummary } from '../../../common/contract/contract';
import { el, formatCount, linkButton } from './format';
import { fileDrop } from './file-drop';
import './library.css';

export interface VocabHooks {
  /** Project the vocabulary and colour it by label. */
  show(v: Vocabulary): void;
  /** Colour its words by label on the map as it is (over the background view). */
  colour(v: Vocabulary): void;
  /** Restrict the neighbour list to these model words (null: no restriction). */
  filterChanged(words: ReadonlySet<string> | null): void;
}

/** Preview lines of not-found entries; the rest are counted. */
const MAX_MISSING_SHOWN = 40;

/**
 * The vocabularies panel: the shipped samples, loading a .txt/.csv/.tsv file by picker or drop,
 * a preview of what the model lacks (with close spellings) before anything is saved, and the
 * saved vocabularies of the active model.
 */
export class VocabPanel {
  readonly root = el('section', 'panel library-panel');
  private readonly samples = el('div', 'library-samples');
  private readonly preview = el('div', 'vocab-preview');
  private readonly list = el('ul', 'library-list');
  private readonly message = el('p', 'caption');
  private readonly filter = el('input');
  private pending: { fileName: string; content: string; preview: VocabularyPreview } | null = null;
  private current: Vocabulary | null = null;

  constructor(
    private readonly api: ExplorerApi,
    container: HTMLElement,
    private readonly hooks: VocabHooks,
  ) {
    this.root.id = 'vocab-panel';
    const details = el('details', 'library-details');
    details.open = true;
    const summary = el('summary', 'panel-title', 'Vocabularies');
    const picker = el('input');
    picker.type = 'file';
    picker.accept = '.txt,.csv,.tsv';
    picker.id = 'vocab-file';
    picker.className = 'visually-hidden';
    const pick = el('label', 'file-button', 'Load a word list…');
    pick.htmlFor = picker.id;
    const hint = el('p', 'caption', '.txt (one per line) or .csv/.tsv with word and label columns. Or drop it here.');
    this.filter.type = 'checkbox';
    this.filter.id = 'vocab-filter';
    this.filter.disabled = true;
    this.filter.addEventListener('change', () => this.emitFilter());
    const filterLabel = el('label', 'caption vocab-filter', ' Neighbours from the shown vocabulary only');
    filterLabel.prepend(this.filter);
    this.preview.hidden = true;
    details.append(summary, this.samples, pick, picker, hint, this.preview, this.message, this.list, filterLabel);
    this.root.append(details);
    container.append(this.root);
    fileDrop(this.root, picker, (files) => void this.load(files[0]));
  }

  /** Loads samples and the active model's vocabularies (call on start and on model change). */
  async refresh(): Promise<void> {
    try {
      const [samples, list] = await Promise.all([this.api.listSamples(), this.api.listVocabularies({})]);
      this.samples.replaceChildren(
        el('span', 'caption', 'Samples:'),
        ...samples.map((s) => {
          const b = el('button', 'chip', s.title);
          b.type = 'button';
          b.title = s.description;
          b.dataset.sample = s.id;
          b.addEventListener('click', () => void this.addSample(s.id));
          return b;
        }),
      );
      this.showList(list);
      if (this.current && !list.some((v) => v.id === this.current!.id)) this.setCurrent(null);
    } catch (e) {
      this.message.textContent = (e as Error).message;
    }
  }

  private showList(list: VocabularySummary[]): void {
    this.list.replaceChildren(
      ...list.map((v) => {
        const li = el('li', this.current?.id === v.id ? 'library-item active' : 'library-item');
        li.dataset.vocabulary = String(v.id);
        const c = v.counts;
        const facts = `${formatCount(c.entries)} entries · ${formatCount(c.found)} found${c.composed ? ` · ${formatCount(c.composed)} composed` : ''}${v.labels.length ? ` · ${v.labels.length} labels` : ''}`;
        const actions = el('div', 'library-actions');
        const show = linkButton('Show', () => void this.open(v.id));
        show.title = 'Project this vocabulary on its own, coloured by label';
        const colour = linkButton('Colour map', () => void this.open(v.id, false));
        colour.title = 'Colour its words by label on the current map';
        actions.append(
          show,
          colour,
          linkButton('Remove', () => this.confirmRemove(li, v)),
        );
        li.append(el('strong', undefined, v.name), el('div', 'caption', facts), actions);
        return li;
      }),
    );
  }

  private confirmRemove(li: HTMLLIElement, v: VocabularySummary): void {
    const row = el('div', 'library-confirm');
    row.append(
      el('span', undefined, `Remove “${v.name}”?`),
      linkButton('Remove', () => void this.api.removeVocabulary({ id: v.id }).then(() => this.refresh())),
      linkButton('Keep', () => void this.refresh()),
    );
    li.querySelector('.library-actions')!.replaceWith(row);
  }

  private async addSample(id: string): Promise<void> {
    try {
      const v = await this.api.addSample({ id });
      await this.refresh();
      await this.open(v.id);
    } catch (e) {
      this.message.textContent = (e as Error).message;
    }
  }

  private async open(id: number, project = true): Promise<void> {
    const v = await this.api.getVocabulary({ id });
    if (!v) return void this.refresh();
    this.setCurrent(v);
    if (project) this.hooks.show(v);
    else this.hooks.colour(v);
    await this.refresh();
  }

  private setCurrent(v: Vocabulary | null): void {
    this.current = v;
    this.filter.disabled = !v;
    if (!v) this.filter.checked = false;
    this.emitFilter();
  }

  private emitFilter(): void {
    const v = this.current;
    if (!v || !this.filter.checked) return this.hooks.filterChanged(null);
    this.hooks.filterChanged(new Set(v.entries.filter((e) => e.matched).map((e) => e.matched!)));
  }

  /** Reads a vocabulary file into the preview (also used by File ▸ Open Vocabulary… on the desktop). */
  async load(file: File): Promise<void> {
    this.message.textContent = '';
    try {
      const content = await file.text();
      const preview = await this.api.previewVocabulary({ fileName: file.name, content });
      this.pending = { fileName: file.name, content, preview };
      this.showPreview(preview);
    } catch (e) {
      this.preview.hidden = true;
      this.message.textContent = (e as Error).message;
    }
  }

  private showPreview(p: VocabularyPreview): void {
    const c = p.counts;
    const parts = [`${formatCount(c.entries)} entries`, `${formatCount(c.found)} found`];
    if (c.composed) parts.push(`${formatCount(c.composed)} composed from several words`);
    if (c.notFound) parts.push(`${formatCount(c.notFound)} not in ${p.model}`);
    if (c.duplicates) parts.push(`${formatCount(c.duplicates)} duplicates dropped`);
    const name = el('input');
    name.value = p.name;
    name.setAttribute('aria-label', 'Vocabulary name');
    const missing = el('ul', 'vocab-missing');
    const notFound = p.entries.filter((e) => !e.found);
    for (const e of notFound.slice(0, MAX_MISSING_SHOWN)) {
      const li = el('li');
      li.append(el('span', 'word', e.entry));
      if (e.missing && e.missing.length && e.missing[0] !== e.entry) li.append(el('span', 'caption', ` (no “${e.missing.join('”, “')}”)`));
      if (e.suggestions?.length) li.append(el('span', 'caption', ` — did you mean ${e.suggestions.join(', ')}?`));
      missing.append(li);
    }
    if (notFound.length > MAX_MISSING_SHOWN)
      missing.append(el('li', 'caption', `… and ${formatCount(notFound.length - MAX_MISSING_SHOWN)} more`));
    const row = el('div', 'library-row');
    const save = el('button', 'primary', notFound.length ? 'Save anyway' : 'Save');
    save.type = 'button';
    save.addEventListener('click', () => void this.save(name.value.trim()));
    row.append(
      name,
      save,
      linkButton('Discard', () => this.discard()),
    );
    const labels = p.labels.length ? el('div', 'caption', `Labels: ${p.labels.join(', ')}`) : el('span');
    this.preview.replaceChildren(
      el('strong', undefined, `Preview of ${p.source}`),
      el('div', 'caption', parts.join(' · ')),
      labels,
      missing,
      row,
    );
    this.preview.hidden = false;
  }

  private discard(): void {
    this.pending = null;
    this.preview.hidden = true;
  }

  private async save(name: string): Promise<void> {
    const p = this.pending;
    if (!p) return;
    try {
      const saved = await this.api.saveVocabulary({ fileName: p.fileName, content: p.content, name: name || undefined });
      this.discard();
      this.message.textContent = `Saved “${saved.name}”.`;
      await this.open(saved.id);
    } catch (e) {
      this.message.textContent = (e as Error).message;
    }
  }
}
