import { ExpressionError } from '../../../common/expression/expression-error';
import { looksPlain, parseExpression } from '../../../common/expression/parse-expression';
import { el } from './format';

/**
 * Reads what is typed in the search box as the core will, and shows a problem with an
 * expression as it is typed: the text with the offending part marked, and the message. Plain
 * words are left to the suggestions list; unknown words are the core's to report.
 */
export class ExpressionHint {
  constructor(
    private readonly input: HTMLInputElement,
    private readonly line: HTMLElement,
  ) {
    input.addEventListener('input', () => this.update());
  }

  update(): void {
    const text = this.input.value;
    if (text.trim().length === 0 || looksPlain(text)) return this.hide();
    try {
      parseExpression(text);
      this.hide();
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      this.show(text, e.problem.column, e.problem.length, e.problem.message);
    }
  }

  /** Marks columns column..column+length-1 of `text` (1-based) and shows `message` under it. */
  show(text: string, column: number, length: number, message: string): void {
    const start = Math.min(text.length, column - 1);
    const end = Math.min(text.length, start + length);
    const mark = el('mark', undefined, text.slice(start, end) || ' ');
    this.line.replaceChildren(text.slice(0, start), mark, text.slice(end), '\n', el('span', undefined, `column ${column}: ${message}`));
    this.line.hidden = false;
    this.line.dataset.column = String(column);
  }

  hide(): void {
    this.line.hidden = true;
    this.line.replaceChildren();
    delete this.line.dataset.column;
  }
}
