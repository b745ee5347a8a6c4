import { join } from 'node:path';
import { app, type BrowserWindow, clipboard, powerMonitor } from 'electron';
import { createRouter } from '../ipc/router.js';
import { Messenger } from '../service/messenger.js';
import { VAULT_FILE_NAME } from '../vault/paths.js';
import { bindIpc, sendEvent } from './ipc.js';
import { electronNativeBinding } from './native-binding.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { createMainWindow, preloadFile, rendererDir } from './window.js';

const mainDir = import.meta.dirname;
let win: BrowserWindow | undefined;
let messenger: Messenger | undefined;

/** Text handed to a second launch (a pointer, or a file of pointers) goes to the import dialog. */
function handOver(argv: string[]): void {
  const text = argv.filter((a) => a.includes('{') && a.includes('"')).join('\n');
  if (text) sendEvent(win, { type: 'open-import', text });
}

function start(): void {
  const binding = electronNativeBinding();
  messenger = Messenger.open(
    join(app.getPath('userData'), VAULT_FILE_NAME),
    binding ? { nativeBinding: binding } : {},
  );
  const m = messenger;
  const route = createRouter({
    messenger: m,
    writeClipboard: (text) => clipboard.writeText(text),
    emit: (e) => sendEvent(win, e),
  });
  serveRenderer(rendererDir(mainDir));
  bindIpc(() => win, route);
  win = createMainWindow(preloadFile(mainDir));
  win.on('closed', () => {
    win = undefined;
  });
  const lockOnSuspend = () => {
    if (m.status().loggedIn && m.settings().lockOnSuspend) m.logout('suspend');
  };
  powerMonitor.on('suspend', lockOnSuspend);
  powerMonitor.on('lock-screen', lockOnSuspend);
  handOver(process.argv.slice(1));
}

registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_e, argv) => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    handOver(argv.slice(1));
  });
  app.whenReady().then(start, () => app.quit());
  app.on('window-all-closed', () => app.quit());
  // Quit wipes every key: close() logs out, wiping the profile and chat keys, then closes the vault.
  app.on('before-quit', () => {
    void messenger?.close();
    messenger = undefined;
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (ev, url) => {
      if (!url.startsWith('app://clm/')) ev.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
