import type { BrowserWindow } from 'electron';
import { sendEvent } from './ipc.js';

/**
 * Pointer text on a command line (a pointer is a JSON object, so its
 * arguments hold a brace and a quote): the program and Chromium's switches
 * are left out.
 */
export const pointerText = (argv: readonly string[]): string =>
  argv
    .slice(1)
    .filter((a) => a.includes('{') && a.includes('"'))
    .join('\n');

/** Text handed to a launch (a pointer, or several) goes to the import dialog. */
export function handOver(win: BrowserWindow | undefined, argv: readonly string[]): void {
  const text = pointerText(argv);
  if (text) sendEvent(win, { type: 'open-import', text });
}

/** A second launch brings the one window forward instead of opening another. */
export function bringToFront(win: BrowserWindow | undefined): void {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.focus();
}
