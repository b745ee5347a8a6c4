import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import { PRELOAD_FILE_FROM_MAIN, RENDERER_DIR_FROM_MAIN } from '../app-paths.mjs';
import { guardContents } from './guards.js';
import { APP_ORIGIN } from './protocol.js';

/** The one window: sandboxed, isolated, no Node, no navigation, no new windows. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
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
  win.once('ready-to-show', () => win.show());
  guardContents(win.webContents);
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

export const preloadFile = (mainDir: string): string => join(mainDir, PRELOAD_FILE_FROM_MAIN);
export const rendererDir = (mainDir: string): string => join(mainDir, RENDERER_DIR_FROM_MAIN);
