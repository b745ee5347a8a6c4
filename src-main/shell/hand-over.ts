import type { BrowserWindow } from 'electron';
import { linkToText } from '../../src-shared/link.js';
import { sendEvent } from './ipc.js';

const isLink = (a: string) => a.startsWith('clm://');
// A pointer is a JSON object, so its argument holds a brace and a quote.
const isPointer = (a: string) => a.includes('{') && a.includes('"');

/**
 * What a launch or a clicked link hands the app: pointer text and clm://
 * links, a link read as the pointers it carries. A damaged link is passed on
 * as it is: the import dialog then refuses it with its sentence. Program
 * paths, Chromium's switches and file names are left out.
 */
export function handedText(args: readonly string[]): string {
  return args
    .filter((a) => isLink(a) || isPointer(a))
    .map((a) => {
      if (!isLink(a)) return a;
      const link = linkToText(a);
      return link.ok ? link.text : a;
    })
    .join('\n');
}

/**
 * Text handed over goes to the import dialog, which shows it and imports only
 * when the person confirms. A page still loading (the first launch) gets it
 * once it has loaded and listens.
 */
export function handOver(win: BrowserWindow | undefined, args: readonly string[]): void {
  const text = handedText(args);
  if (!text || !win || win.isDestroyed()) return;
  const send = () => sendEvent(win, { type: 'open-import', text });
  if (win.webContents.isLoading()) win.webContents.once('did-finish-load', send);
  else send();
}

/** A second launch brings the one window forward instead of opening another. */
export function bringToFront(win: BrowserWindow | undefined): void {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.focus();
}
