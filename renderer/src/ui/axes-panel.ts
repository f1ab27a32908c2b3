import { el } from './format';

export interface AxesPanelHooks {
  /** Project the map on these 1..3 expressions (x, y, z). */
  project(axes: string[]): Promise<void>;
  /** Back to the UMAP layout the axes replaced. */
  back(): void;
}

/** Semantic axes: up to three expressions (x = good - bad, …), Project, and back to UMAP. */
export class AxesPanel {
  readonly element = el('div', 'axes-panel');
  private readonly inputs: HTMLInputElement[];
  private readonly error = el('p', 'query-error');
  private readonly backButton = el('button', 'link-button', 'Back to UMAP');

  constructor(hooks: AxesPanelHooks) {
    const placeholders = ['good - bad', 'he - she', 'rich - poor'];
    this.inputs = ['x', 'y', 'z'].map((name, i) => {
      const input = el('input');
      input.type = 'text';
      input.placeholder = placeholders[i];
      input.spellcheck = false;
      input.setAttribute('aria-label', `Axis ${name}`);
      input.dataset.axis = name;
      const row = el('label', 'geo-row');
      row.append(el('span', 'geo-sep', `${name} =`), input);
      this.element.append(row);
      input.addEventListener('keydown', (e) => e.key === 'Enter' && void go());
      return input;
    });
    const project = el('button', 'primary', 'Project on axes');
    project.type = 'button';
    this.backButton.type = 'button';
    this.backButton.hidden = true;
    const row = el('div', 'geo-row');
    row.append(project, this.backButton);
    this.error.hidden = true;
    this.error.setAttribute('role', 'alert');
    this.element.append(row, this.error);
    const go = async () => {
      const axes = this.inputs.map((i) => i.value.trim()).filter(Boolean);
      if (!axes.length) return this.showError('Type at least one axis, e.g. x = good - bad.');
      this.error.hidden = true;
      project.disabled = true;
      try {
        await hooks.project(axes);
        this.backButton.hidden = false;
      } catch (e) {
        this.showError((e as Error).message);
      } finally {
        project.disabled = false;
      }
    };
    project.addEventListener('click', () => void go());
    this.backButton.addEventListener('click', () => {
      this.backButton.hidden = true;
      hooks.back();
    });
  }

  showError(message: string): void {
    this.error.textContent = message;
    this.error.hidden = false;
  }

  /** The axes were left (another projection shown). */
  left(): void {
    this.backButton.hidden = true;
  }
}
