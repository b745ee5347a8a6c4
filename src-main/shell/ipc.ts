import { type BrowserWindow, ipcMain, type WebFrameMain } from 'electron';
import type { BridgeEvent } from '../../src-shared/contract.js';
import { CALL_NAMES, EVENT_CHANNEL, INVOKE_CHANNEL_PREFIX } from '../../src-shared/contract.js';
import type { Router } from '../ipc/router.js';
import { APP_ORIGIN } from './protocol.js';

/** Only the app's own top frame, loaded from app://clm, may call. */
function trusted(win: BrowserWindow, frame: WebFrameMain | null): boolean {
  return frame !== null && frame === win.webContents.mainFrame && frame.url.startsWith(`${APP_ORIGIN}/`);
}

export function bindIpc(win: () => BrowserWindow | undefined, route: Router): void {
  for (const name of CALL_NAMES) {
    const channel = `${INVOKE_CHANNEL_PREFIX}${name}`;
    ipcMain.handle(channel, (event, args: unknown) => {
      const w = win();
      if (!w || !trusted(w, event.senderFrame)) {
        return { ok: false, error: { code: 'forbidden', message: 'This window may not call the app.' } };
      }
      return route(channel, args);
    });
  }
}

export function sendEvent(win: BrowserWindow | undefined, e: BridgeEvent): void {
  if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, e);
}
