import type { ProjectionSummary } from '../../../common/contract/contract';
import { describeView } from '../app/layout-state';
import { el, formatCount } from './format';

export interface SavedHandlers {
  open(id: number): void;
  rename(id: number, name: string): void;
  remove(id: number): void;
}

const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
};

/** The saved-projections list: open one, rename it in place, delete it (asks once). */
export class SavedProjections {
  constructor(
    private readonly list: HTMLUListElement,
    private readonly count: HTMLElement,
    private readonly handlers: SavedHandlers,
  ) {}

  show(items: ProjectionSummary[], currentId?: number): void {
    this.count.textContent = items.length ? `(${formatCount(items.length)})` : '';
    if (!items.length) {
      this.list.replaceChildren(el('li', 'saved-empty', 'None yet: every finished projection is kept here.'));
      return;
    }
    this.list.replaceChildren(...items.map((p) => this.item(p, p.id === currentId)));
  }

  private item(p: ProjectionSummary, current: boolean): HTMLLIElement {
    const li = el('li', current ? 'saved-item current' : 'saved-item');
    const open = el('button', 'saved-open');
    open.type = 'button';
    open.title = `${describeView(p.view)} · neighbours ${p.params.nNeighbors} · min distance ${p.params.minDist} · ${p.params.nEpochs} epochs · seed ${p.params.seed}`;
    open.append(el('span', 'saved-name', p.name), el('span', 'saved-meta', `${formatCount(p.pointCount)} points · ${when(p.createdAt)}`));
    if (current) open.setAttribute('aria-current', 'true');
    open.addEventListener('click', () => this.handlers.open(p.id));
    const rename = el('button', 'icon-button', '✎');
    rename.type = 'button';
    rename.setAttribute('aria-label', `Rename ${p.name}`);
    rename.title = 'Rename';
    rename.addEventListener('click', () => this.editName(li, p));
    const del = el('button', 'icon-button', '×');
    del.type = 'button';
    del.setAttribute('aria-label', `Delete ${p.name}`);
    del.title = 'Delete';
    del.addEventListener('click', () => {
      if (del.dataset.confirm) return this.handlers.remove(p.id);
      del.dataset.confirm = '1';
      del.textContent = 'Delete?';
      del.classList.add('confirm');
      setTimeout(() => {
        delete del.dataset.confirm;
        del.textContent = '×';
        del.classList.remove('confirm');
      }, 3000);
    });
    li.append(open, rename, del);
    return li;
  }

  private editName(li: HTMLLIElement, p: ProjectionSummary): void {
    const input = el('input', 'saved-rename');
    input.value = p.name;
    input.maxLength = 200;
    input.setAttribute('aria-label', 'New name');
    let done = false;
    const finish = (save: boolean) => {
      if (done) return;
      done = true;
      const name = input.value.trim();
      if (save && name && name !== p.name) this.handlers.rename(p.id, name);
      else li.replaceWith(this.item(p, li.classList.contains('current')));
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') finish(true);
      if (e.key === 'Escape') {
        e.stopPropagation();
        finish(false);
      }
    });
    input.addEventListener('blur', () => finish(true));
    li.replaceChildren(input);
    input.focus();
    input.select();
  }
}
