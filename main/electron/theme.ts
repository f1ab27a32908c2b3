import { nativeTheme } from 'electron';

/** The user's choice in View ▸ Theme: follow the OS, or force one. */
export type ThemeChoice = 'system' | 'dark' | 'light';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'dark', 'light'];

export function parseThemeChoice(raw: unknown): ThemeChoice {
  return THEME_CHOICES.includes(raw as ThemeChoice) ? (raw as ThemeChoice) : 'system';
}

/**
 * Applies the choice. `nativeTheme.themeSource` drives the page's `prefers-color-scheme`, which the
 * stylesheet and the scene (renderer/src/scene/theme.ts listens for its change) already follow,
 * so the page needs no message of its own.
 */
export function applyTheme(choice: ThemeChoice): void {
  nativeTheme.themeSource = choice;
}

/** Window background before the page paints, matching the page's own backgrounds. */
export function windowBackground(): string {
  return nativeTheme.shouldUseDarkColors ? '#0e1117' : '#f6f7f9';
}
