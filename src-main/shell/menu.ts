import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../src-shared/contract.js';
import { APP_NAME } from './about.js';

export interface MenuActions {
  /** A development build keeps reload and the developer tools; a packaged app has neither. */
  readonly packaged: boolean;
  /** Work that is the renderer's (a dialog, a field): sent to it as a 'menu' event. */
  readonly send: (command: MenuCommand) => void;
  readonly lockAll: () => void;
  readonly about: () => void;
}

type Item = MenuItemConstructorOptions;
const separator: Item = { type: 'separator' };

/** The app menu macOS puts first, named after the app. */
const appMenu = (a: MenuActions): Item => ({
  label: APP_NAME,
  submenu: [
    { label: `About ${APP_NAME}`, click: a.about },
    separator,
    { role: 'services' },
    separator,
    { role: 'hide' },
    { role: 'hideOthers' },
    { role: 'unhide' },
    separator,
    { role: 'quit' },
  ],
});

const fileMenu = (mac: boolean, a: MenuActions): Item => ({
  label: 'File',
  submenu: [
    { label: 'New Chat…', accelerator: 'CmdOrCtrl+N', click: () => a.send('new-chat') },
    { label: 'Import Pointers…', accelerator: 'CmdOrCtrl+I', click: () => a.send('import') },
    // No shortcut: a hidden chat is opened on purpose, not by a stray key.
    { label: 'Open a Hidden Chat…', click: () => a.send('open-hidden') },
    separator,
    { label: 'Lock All', accelerator: 'CmdOrCtrl+L', click: a.lockAll },
    // On macOS Quit lives in the app menu.
    ...(mac ? [] : [separator, { role: 'quit' } as const]),
  ],
});

/** The roles do the work in whatever field has focus; without this menu macOS has no copy or paste at all. */
const editMenu = (a: MenuActions): Item => ({
  label: 'Edit',
  submenu: [
    { role: 'undo' },
    { role: 'redo' },
    separator,
    { role: 'cut' },
    { role: 'copy' },
    { role: 'paste' },
    { role: 'pasteAndMatchStyle' },
    { role: 'selectAll' },
    separator,
    { label: 'Search in Chat', accelerator: 'CmdOrCtrl+F', click: () => a.send('search') },
  ],
});

const viewMenu = (a: MenuActions): Item => ({
  label: 'View',
  submenu: [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    separator,
    { role: 'togglefullscreen' },
    // A reload would drop the renderer's state mid-task and the tools would open the page to anyone at
    // the keyboard; both are for development only.
    ...(a.packaged ? [] : [separator, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]),
  ],
});

const windowMenu = (mac: boolean): Item => ({
  label: 'Window',
  ...(mac ? { role: 'window' as const } : {}),
  submenu: mac
    ? [{ role: 'minimize' }, { role: 'zoom' }, { role: 'close' }, separator, { role: 'front' }]
    : [{ role: 'minimize' }, { role: 'close' }],
});

const helpMenu = (a: MenuActions): Item => ({
  label: 'Help',
  role: 'help',
  submenu: [{ label: `About ${APP_NAME}`, click: a.about }],
});

/** The application menu as data, so tests can read it without Electron. */
export function menuTemplate(platform: NodeJS.Platform, a: MenuActions): Item[] {
  const mac = platform === 'darwin';
  return [
    ...(mac ? [appMenu(a)] : []),
    fileMenu(mac, a),
    editMenu(a),
    viewMenu(a),
    windowMenu(mac),
    helpMenu(a),
  ];
}

/** Replaces Electron's default menu (which has reload and the developer tools) with the app's. */
export function installMenu(platform: NodeJS.Platform, a: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(platform, a)));
}
