import { Color } from 'three';

/** Scene colours, read from the CSS custom properties so the scene follows the page theme. */
export interface SceneTheme {
  background: Color;
  point: Color;
  accent: Color;
  /** Point opacity at rest (lower on light backgrounds, where grey points read darker). */
  pointAlpha: number;
  dark: boolean;
}

function cssColor(style: CSSStyleDeclaration, name: string, fallback: string): Color {
  const value = style.getPropertyValue(name).trim() || fallback;
  return new Color(value);
}

export function readTheme(root: HTMLElement = document.documentElement): SceneTheme {
  const style = getComputedStyle(root);
  const dark = !window.matchMedia('(prefers-color-scheme: light)').matches;
  return {
    background: cssColor(style, '--scene-bg', dark ? '#0b0e14' : '#f6f7f9'),
    point: cssColor(style, '--scene-point', dark ? '#8593ad' : '#4a5568'),
    accent: cssColor(style, '--accent', dark ? '#ffb547' : '#c76a00'),
    pointAlpha: dark ? 0.88 : 0.7,
    dark,
  };
}

/** Calls back when the OS switches between light and dark. */
export function onThemeChange(callback: () => void): () => void {
  const query = window.matchMedia('(prefers-color-scheme: light)');
  query.addEventListener('change', callback);
  return () => query.removeEventListener('change', callback);
}
