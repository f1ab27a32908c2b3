/** Numbers as a report prints them. */
export const formatSimilarity = (x: number): string => x.toFixed(4);
export const formatCount = (n: number): string => n.toLocaleString('en-US');
export const formatPercent = (f: number): string => `${Math.floor(f * 100)}%`;

/** Creates an element with text and classes, never through innerHTML (words are untrusted). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A quiet text button (the panels' row actions). */
export function linkButton(text: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', 'link-button', text);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}
