import { type BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import { EVENT_CHANNEL, type ExplorerEvent } from '../../common/contract/contract';

/**
 * The application menu: the platform's standard menus plus File ▸ Export…, which asks the page
 * to open its export panel (the page knows the current view, query and camera).
 */
export function installAppMenu(focused: () => BrowserWindow | undefined): void {
  const sendExport = () => {
    const win = focused();
    const event: ExplorerEvent = { type: 'menu', action: 'export' };
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
  };
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: sendExport },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
