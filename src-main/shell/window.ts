import { join } from 'node:path';
import { BrowserWindow, shell } from 'electron';
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
  const contents = win.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    // Links a person clicks open in their browser; the app never opens windows.
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (e, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.session.setPermissionRequestHandler((_wc, _permission, done) => done(false));
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

export const preloadFile = (mainDir: string): string => join(mainDir, '../preload/index.cjs');
export const rendererDir = (mainDir: string): string => join(mainDir, '../renderer');
