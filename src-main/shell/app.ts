import { join } from 'node:path';
import { app, type BrowserWindow, clipboard, dialog } from 'electron';
import { LINK_SCHEME } from '../../src-shared/link.js';
import { DEFAULT_SETTINGS } from '../../src-shared/types.js';
import { createRouter } from '../ipc/router.js';
import { Messenger } from '../service/messenger.js';
import { VAULT_FILE_NAME } from '../vault/paths.js';
import { showAbout } from './about.js';
import { clipboardGuard } from './clipboard.js';
import { type CrashLog, crashLog, logUncaught } from './crash-log.js';
import { fileDialogs } from './file-dialogs.js';
import { guardContents } from './guards.js';
import { bringToFront, handOver } from './hand-over.js';
import { bindIpc, sendEvent } from './ipc.js';
import { installMenu } from './menu.js';
import { electronNativeBinding } from './native-binding.js';
import { explainStartupProblem, openVaultOrExplain } from './open-vault.js';
import { logoutOnSuspend } from './power.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { closeVaultBeforeQuit } from './quit.js';
import type { ShellEnv } from './shell-env.js';
import { vaultOpenProblem } from './startup-problem.js';
import { createMainWindow, preloadFile, rendererDir } from './window.js';
import { rememberWindowState, restorePlacement, windowStateFile } from './window-state.js';

interface ShellState {
  win?: BrowserWindow | undefined;
  messenger?: Messenger | undefined;
  /** clm:// links that arrived before the window existed. */
  readonly pendingLinks: string[];
}

/** The vault in the user-data folder, opened with the Electron build of better-sqlite3; undefined: quit. */
function openVault(env: ShellEnv, log: CrashLog): Messenger | undefined {
  const binding = electronNativeBinding(env);
  if ('problem' in binding) {
    explainStartupProblem({ message: binding.problem, canChooseVault: false });
    return undefined;
  }
  const open = env.openMessenger ?? Messenger.open;
  return openVaultOrExplain(
    join(app.getPath('userData'), VAULT_FILE_NAME),
    (path) => open(path, { nativeBinding: binding.file }),
    (e, path) => {
      log.record('open-vault', e);
      return vaultOpenProblem(e, app.isPackaged, path);
    },
  );
}

/**
 * Lock All from the menu goes straight to the messenger rather than through
 * the renderer: locking is a safety action that must work whatever the page is
 * doing (a dialog open, a script busy), and the messenger announces it to the
 * page itself ('all-locked', reason 'request'). With no one logged in there is
 * nothing to lock, and a menu click must never throw into Electron.
 */
function lockAllFromMenu(messenger: Messenger): void {
  try {
    if (messenger.status().loggedIn) messenger.lockAll('request');
  } catch {
    // The vault is closing (quit): its keys are being wiped anyway.
  }
}

/** The person's delay while logged in; the default otherwise (a copy is taken back either way). */
function copyClearSeconds(messenger: Messenger): number {
  try {
    return messenger.status().loggedIn
      ? messenger.settings().clipboardClearSeconds
      : DEFAULT_SETTINGS.clipboardClearSeconds;
  } catch {
    return DEFAULT_SETTINGS.clipboardClearSeconds;
  }
}

function start(env: ShellEnv, state: ShellState, log: CrashLog): void {
  const messenger = openVault(env, log);
  if (!messenger) {
    app.quit();
    return;
  }
  state.messenger = messenger;
  const copies = clipboardGuard(() => copyClearSeconds(messenger));
  // Logging out (by hand, idle time, sleep) and quitting take a copied pointer back at once.
  messenger.onEvent((e) => {
    if (e.type === 'all-locked' && e.reason !== 'request') void copies.takeBack().catch(() => undefined);
  });
  app.on('before-quit', () => void copies.takeBack().catch(() => undefined));
  const route = createRouter({
    messenger,
    writeClipboard: (text) => void copies.copy(text).catch(() => undefined),
    readClipboard: () => clipboard.readText(),
    emit: (e) => sendEvent(state.win, e),
    files: fileDialogs(() => state.win),
    onInternalError: (call, e) => log.record(`call ${call}`, e),
  });
  serveRenderer(rendererDir(env.mainDir));
  bindIpc(() => state.win, route);
  installMenu(process.platform, {
    packaged: app.isPackaged,
    send: (command) => sendEvent(state.win, { type: 'menu', command }),
    lockAll: () => lockAllFromMenu(messenger),
    about: () => showAbout(state.win),
  });
  const stateFile = windowStateFile(app.getPath('userData'));
  const win = createMainWindow(preloadFile(env.mainDir), restorePlacement(stateFile));
  rememberWindowState(win, stateFile);
  state.win = win;
  // Electron's own words for how the page went (crashed, oom, killed…), never the page's.
  win.webContents.on('render-process-gone', (_e, details: { reason?: unknown; exitCode?: unknown }) => {
    const reason =
      typeof details?.reason === 'string' && /^[a-z-]{1,30}$/.test(details.reason)
        ? details.reason
        : 'unknown';
    log.note(`render-process-gone: ${reason} (exit ${Number(details?.exitCode) || 0})`);
  });
  win.on('closed', () => {
    state.win = undefined;
  });
  logoutOnSuspend(messenger);
  // argv[0] is the program; a link the system launched the app with (macOS) came by open-url.
  handOver(win, [...env.argv.slice(1), ...state.pendingLinks.splice(0)]);
}

/**
 * The desktop app: one instance, one hardened window on app://clm, the vault
 * opened before it (or a dialog saying why not), and quit waiting for the
 * vault to close. Resolves once started, or once it has decided to quit.
 */
export async function main(env: ShellEnv): Promise<void> {
  registerAppScheme();
  // A second launch hands its command line to the first (second-instance below) and leaves.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const state: ShellState = { pendingLinks: [] };
  const log = crashLog(join(app.getPath('userData'), 'logs'));
  logUncaught(log);
  app.on('second-instance', (_e, argv) => {
    bringToFront(state.win);
    handOver(state.win, argv.slice(1));
  });
  // macOS hands clicked clm:// links to the running app (or the one it starts) by open-url.
  app.on('open-url', (e, url) => {
    e.preventDefault();
    if (!state.win) return void state.pendingLinks.push(url);
    bringToFront(state.win);
    handOver(state.win, [url]);
  });
  // Windows and Linux start the app (or hand a second launch) with the link on the command line.
  if (app.isPackaged) app.setAsDefaultProtocolClient(LINK_SCHEME);
  app.on('window-all-closed', () => app.quit());
  app.on('web-contents-created', (_e, contents) => guardContents(contents));
  closeVaultBeforeQuit(() => state.messenger);
  await app.whenReady();
  try {
    start(env, state, log);
  } catch (e) {
    log.record('start', e);
    // Nothing reaches a person as an exception: one sentence, then quit (which closes the vault).
    dialog.showErrorBox(
      'Chrono-Library Messenger',
      `The app could not start (${e instanceof Error ? e.message.split('\n')[0] : String(e)}).`,
    );
    app.quit();
  }
}
