/** Colours shared by the picture exports; they match the app's dark and light themes. */
export interface ExportTheme {
  background: string;
  text: string;
  textDim: string;
  point: string;
  accent: string;
  halo: string;
}

export const THEMES: Record<'dark' | 'light', ExportTheme> = {
  dark: { background: '#0e1117', text: '#e6e9ef', textDim: '#8b94a5', point: '#8b94a5', accent: '#ffb547', halo: '#0e1117' },
  light: { background: '#f6f7f9', text: '#1b2029', textDim: '#5d6675', point: '#5d6675', accent: '#c76a00', halo: '#f6f7f9' },
};

/** Okabe–Ito: categorical colours that stay distinct for colour-blind readers (accent orange left out). */
export const LABEL_PALETTE = ['#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#999999', '#e69f00'];

/** Label categories in first-seen order, each with its palette colour (cycled past 8). */
export function labelColours(labels: string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of labels) if (l && !m.has(l)) m.set(l, LABEL_PALETTE[m.size % LABEL_PALETTE.length]);
  return m;
}
