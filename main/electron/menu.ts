import path from 'node:path';
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuAction, MenuExportFormat } from '../../common/contract/contract';
import { EXTERNAL_LINKS } from './external-links';
import type { RecentFile } from './recent-files';
import { THEME_CHOICES, type ThemeChoice } from './theme';

/** What the menu items do; the desktop controller (desktop.ts) implements it. */
export interface MenuHandlers {
  openVocabulary(): void;
  importModel(): void;
  openRecent(file: RecentFile): void;
  clearRecent(): void;
  /** Forwards an action only the page can carry out. */
  page(action: MenuAction): void;
  setTheme(choice: ThemeChoice): void;
  about(): void;
  licences(): void;
  openLink(url: string): void;
}

export interface MenuState {
  isMac: boolean;
  /** Development builds add the developer tools. */
  dev: boolean;
  recent: readonly RecentFile[];
  theme: ThemeChoice;
}

/** File ▸ Export, in the order of the page's export panel. */
export const EXPORT_MENU: readonly { format: MenuExportFormat; label: string }[] = [
  { format: 'csv', label: 'Projection as CSV' },
  { format: 'json', label: 'Projection as JSON' },
  { format: 'tsv', label: 'Projection for the TensorFlow Projector (TSV)' },
  { format: 'html', label: 'Projection as an HTML Map' },
  { format: 'svg', label: 'This View as SVG' },
  { format: 'png', label: 'This View as PNG' },
  { format: 'neighbors-csv', label: 'Neighbour Table as CSV' },
  { format: 'neighbors-md', label: 'Neighbour Table as Markdown' },
];

const THEME_LABELS: Record<ThemeChoice, string> = { system: 'Follow the System', dark: 'Dark', light: 'Light' };

function recentMenu(state: MenuState, h: MenuHandlers): MenuItemConstructorOptions[] {
  if (state.recent.length === 0) return [{ label: 'No Recent Files', enabled: false }];
  return [
    ...state.recent.map((r): MenuItemConstructorOptions => ({
      label: `${path.basename(r.path)} (${r.kind === 'model' ? 'model' : 'vocabulary'})`,
      toolTip: r.path,
      click: () => h.openRecent(r),
    })),
    { type: 'separator' },
    { label: 'Clear Recent', click: () => h.clearRecent() },
  ];
}

/**
 * The application menu as a template (pure, so the items and accelerators are unit-tested):
 * File (open, import, recent, export, quit), Edit, View (camera, labels, theme, zoom), Window, Help.
 */
export function buildMenuTemplate(state: MenuState, h: MenuHandlers): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open Vocabulary…', accelerator: 'CmdOrCtrl+O', click: () => h.openVocabulary() },
      { label: 'Import Model…', accelerator: 'CmdOrCtrl+Shift+O', click: () => h.importModel() },
      { label: 'Open Recent', submenu: recentMenu(state, h) },
      { type: 'separator' },
      {
        label: 'Export',
        submenu: [
          { label: 'Export Panel…', accelerator: 'CmdOrCtrl+E', click: () => h.page({ action: 'export' }) },
          { type: 'separator' },
          ...EXPORT_MENU.map((e): MenuItemConstructorOptions => ({
            label: e.label,
            click: () => h.page({ action: 'export', format: e.format }),
          })),
        ],
      },
      { type: 'separator' },
      state.isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { label: 'Reset Camera', accelerator: 'CmdOrCtrl+Shift+R', click: () => h.page({ action: 'reset-camera' }) },
      { label: 'Toggle Labels', accelerator: 'CmdOrCtrl+L', click: () => h.page({ action: 'toggle-labels' }) },
      {
        label: 'Theme',
        submenu: THEME_CHOICES.map((choice): MenuItemConstructorOptions => ({
          label: THEME_LABELS[choice],
          type: 'radio',
          checked: state.theme === choice,
          click: () => h.setTheme(choice),
        })),
      },
      { type: 'separator' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'resetZoom' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(state.dev ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'About Embedding Explorer', click: () => h.about() },
      { label: 'Licences…', click: () => h.licences() },
      { type: 'separator' },
      { label: 'GloVe Project Page', click: () => h.openLink(EXTERNAL_LINKS.glove) },
      { label: 'Default Model Package (npm)', click: () => h.openLink(EXTERNAL_LINKS.npmPackage) },
    ],
  };
  return [...(state.isMac ? [{ role: 'appMenu' as const }] : []), file, { role: 'editMenu' }, view, { role: 'windowMenu' }, help];
}

export function installAppMenu(state: MenuState, handlers: MenuHandlers): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(state, handlers)));
}
