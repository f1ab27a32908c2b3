/**
 * The guided tour's card: a step's title, one sentence, "Try it", Back, Next and Leave. The steps
 * themselves (what each does to the scene and panels) live in app/tour-controller.ts.
 */
import { el } from './format';

export interface TourCardStep {
  id: string;
  title: string;
  text: string;
  tryLabel: string;
}

export interface TourCardActions {
  back(): void;
  next(): void;
  tryIt(): void;
  leave(): void;
}

export class TourCard {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly text: HTMLParagraphElement;
  private readonly note: HTMLParagraphElement;
  private readonly backButton: HTMLButtonElement;
  private readonly tryButton: HTMLButtonElement;
  private readonly nextButton: HTMLButtonElement;

  constructor(stage: HTMLElement, actions: TourCardActions) {
    this.element = el('section', 'tour-card');
    this.element.id = 'tour';
    this.element.setAttribute('role', 'dialog');
    this.element.setAttribute('aria-label', 'Guided tour');
    this.element.hidden = true;
    this.title = el('h2', 'tour-title');
    this.text = el('p', 'tour-text');
    this.note = el('p', 'tour-note');
    const button = (text: string, cls: string, on: () => void) => {
      const b = el('button', cls, text);
      b.type = 'button';
      b.addEventListener('click', on);
      return b;
    };
    this.backButton = button('Back', 'tour-back', () => actions.back());
    this.tryButton = button('Try it', 'tour-try', () => actions.tryIt());
    this.nextButton = button('Next', 'primary tour-next', () => actions.next());
    const leave = button('Leave tour', 'link-button tour-leave', () => actions.leave());
    leave.title = 'Leave the tour (Esc); Help ▸ Guided tour resumes it here';
    const row = el('div', 'tour-buttons');
    row.append(this.backButton, this.tryButton, this.nextButton);
    this.element.append(this.title, this.text, this.note, row, leave);
    this.element.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') actions.leave();
    });
    stage.append(this.element);
  }

  show(step: TourCardStep, at: number, of: number): void {
    this.element.hidden = false;
    this.element.dataset.step = step.id;
    this.title.textContent = `${at + 1} of ${of} · ${step.title}`;
    this.text.textContent = step.text;
    this.note.textContent = '';
    this.tryButton.textContent = step.tryLabel;
    this.backButton.disabled = at === 0;
    this.nextButton.textContent = at === of - 1 ? 'Finish' : 'Next';
    this.nextButton.focus();
  }

  /** A line under the sentence that a step fills in once its numbers are known. */
  setNote(text: string): void {
    this.note.textContent = text;
  }

  /** The first-start offer: "Start the tour" comes as next(), "Not now" as tryIt(). */
  offer(): void {
    this.element.hidden = false;
    this.element.dataset.step = 'offer';
    this.title.textContent = 'New here? A six-step tour';
    this.text.textContent = 'See words as points, neighbours, directions, tokens and clusters on the live model, one step at a time.';
    this.note.textContent = 'You can leave at any step and resume it from Help.';
    this.backButton.disabled = true;
    this.tryButton.textContent = 'Not now';
    this.nextButton.textContent = 'Start the tour';
  }

  get offering(): boolean {
    return this.element.dataset.step === 'offer';
  }

  hide(): void {
    this.element.hidden = true;
    delete this.element.dataset.step;
  }
}
