import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import { PRELOAD_FILE_FROM_MAIN, RENDERER_DIR_FROM_MAIN } from '../app-paths.mjs';
import { guardContents } from './guards.js';
import { APP_ORIGIN } from './protocol.js';
import { DEFAULT_PLACEMENT, type Placement } from './window-placement.js';

/** The one window: sandboxed, isolated, no Node, no navigation, no new windows; where it was last time. */
export function createMainWindow(
  preloadPath: string,
  placement: Placement = DEFAULT_PLACEMENT,
): BrowserWindow {
  const win = new BrowserWindow({
    ...placement.bounds,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Chrono-Library Messenger',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  // Maximized only once there is a page to show: maximize() shows a hidden window on Windows and Linux.
  win.once('ready-to-show', () => {
    if (placement.maximized) win.maximize();
    win.show();
  });
  guardContents(win.webContents);
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

export const preloadFile = (mainDir: string): string => join(mainDir, PRELOAD_FILE_FROM_MAIN);
export const rendererDir = (mainDir: string): string => join(mainDir, RENDERER_DIR_FROM_MAIN);
