import { app, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

/** The application menu: the platform's standard roles plus the studio's own entries. */
export function installMenu(getWindow: () => BrowserWindow | null, runsDir: string): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Runs Folder', click: () => void shell.openPath(runsDir) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: `DQN Studio ${app.getVersion()}`, enabled: false },
        { label: 'Focus Window', click: () => getWindow()?.focus() },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
