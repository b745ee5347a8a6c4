import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type BrowserWindow, screen } from 'electron';
import { z } from 'zod';
import { type Placement, placeWindow, type WindowState } from './window-placement.js';

/**
 * The window's size, position and maximized flag, in a small file of its own
 * beside the vault: nothing secret, and a layout preference has no business
 * in the encrypted vault (it must work before anyone logs in).
 */
export const WINDOW_STATE_FILE = 'window-state.json';

export const windowStateFile = (userData: string): string => join(userData, WINDOW_STATE_FILE);

// Whole pixels, a size a window can have; anything else in the file is as good as no file.
const pixels = z.number().int().min(-1_000_000).max(1_000_000);
const size = z.number().int().min(1).max(1_000_000);
const stateSchema = z.object({ x: pixels, y: pixels, width: size, height: size, maximized: z.boolean() });

/** The saved state; undefined for a missing, unreadable or corrupt file (the defaults then apply). */
export function loadWindowState(file: string): WindowState | undefined {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Written beside and renamed over, so a crash mid-write leaves the old file, never half a new one. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state)}\n`);
  renameSync(temp, file);
}

/** Where to open the window this launch: the saved state, on a screen that is still there. */
export function restorePlacement(file: string): Placement {
  return placeWindow(
    loadWindowState(file),
    screen.getAllDisplays().map((d) => d.workArea),
    screen.getPrimaryDisplay().workArea,
  );
}

/**
 * Saves the window's state as it closes (closing the window, quitting, Cmd+Q
 * all pass through 'close'). The normal bounds, not the maximized ones, so a
 * window maximized last time un-maximizes to the size it had. A failed write
 * costs only the layout, so it never stands in the way of closing.
 */
export function rememberWindowState(win: BrowserWindow, file: string): void {
  win.on('close', () => {
    try {
      saveWindowState(file, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch {
      // The next launch opens with the last saved state, or the defaults.
    }
  });
}
