/**
 * The window opens where the person left it: size, position and maximized
 * saved to user-data/window-state.json as it closes, restored at the next
 * start, moved onto the primary display when its screen is gone, and the
 * defaults, never a crash, when the file is missing or damaged.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { display, electron, resetElectron } from './electron-double.js';
import { type Project, type Started, shellFixture } from './shell-fixture.js';

vi.mock('electron', async () => (await import('./electron-double.js')).electronModule);

const fx = shellFixture();
const LAPTOP = display(1, { x: 0, y: 0, width: 1440, height: 900 });
const MONITOR = display(2, { x: 1440, y: 0, width: 2560, height: 1440 });
const ON_MONITOR = { x: 1700, y: 120, width: 1600, height: 1000 };

const stateFile = (p: Project) => join(p.userData, 'window-state.json');

function withState(content: string, p: Project = fx.project()): Project {
  mkdirSync(p.userData, { recursive: true });
  writeFileSync(stateFile(p), content);
  return p;
}

const saved = (bounds: typeof ON_MONITOR, maximized = false) =>
  withState(JSON.stringify({ ...bounds, maximized }));

/** The window as it is once its page is ready (when a saved maximize is applied). */
function shown(s: Started) {
  s.win?.emit('ready-to-show');
  return { bounds: s.win?.getNormalBounds(), maximized: s.win?.isMaximized(), visible: s.win?.visible };
}

/** Closes the window, lets the app quit (the vault closes), and starts it again on the same files. */
async function relaunch(s: Started): Promise<Started> {
  s.win?.close();
  electron.app.emit('window-all-closed');
  await vi.waitUntil(() => electron.app.exited);
  const screens = electron.screen.displays;
  resetElectron();
  electron.screen.displays = screens;
  return fx.start(s);
}

describe('window state across launches', () => {
  it('first launch: 1100×760, centred on the primary display, not maximized', async () => {
    const s = await fx.start();
    expect(shown(s)).toEqual({
      bounds: { x: 410, y: 140, width: 1100, height: 760 },
      maximized: false,
      visible: true,
    });
  });

  it('comes back where it was moved and the size it was given', async () => {
    electron.screen.displays = [LAPTOP, MONITOR];
    const first = await fx.start();
    first.win?.setBounds(ON_MONITOR);
    const second = await relaunch(first);
    expect(shown(second)).toMatchObject({ bounds: ON_MONITOR, maximized: false });
  });

  it('a maximized window comes back maximized, and un-maximizes to the size it had', async () => {
    const first = await fx.start();
    first.win?.setBounds({ x: 100, y: 50, width: 900, height: 600 });
    first.win?.maximize();
    const second = await relaunch(first);
    expect(second.win?.isMaximized()).toBe(false);
    expect(shown(second)).toEqual({
      bounds: { x: 100, y: 50, width: 900, height: 600 },
      maximized: true,
      visible: true,
    });
  });

  it('saves only the bounds and the maximized flag, in the user-data folder beside the vault', async () => {
    const s = await fx.start();
    s.win?.setBounds({ x: 10, y: 20, width: 1000, height: 700 });
    s.win?.close();
    expect(JSON.parse(readFileSync(stateFile(s), 'utf8'))).toEqual({
      x: 10,
      y: 20,
      width: 1000,
      height: 700,
      maximized: false,
    });
    expect(existsSync(`${stateFile(s)}.tmp`)).toBe(false);
  });
});

describe('a screen that is gone', () => {
  it('a window saved on an unplugged monitor opens centred on the primary display, clamped to it', async () => {
    electron.screen.displays = [LAPTOP];
    const s = await fx.start(saved(ON_MONITOR, true));
    // LAPTOP's work area is 1440×860: the 1600×1000 window is cut to it.
    expect(shown(s)).toMatchObject({ bounds: { x: 0, y: 0, width: 1440, height: 860 }, maximized: true });
  });

  it('the same file with the monitor plugged in opens on the monitor', async () => {
    electron.screen.displays = [LAPTOP, MONITOR];
    const s = await fx.start(saved(ON_MONITOR));
    expect(shown(s).bounds).toEqual(ON_MONITOR);
  });
});

describe('a missing or damaged file means the defaults', () => {
  it.each([
    ['empty', ''],
    ['not JSON', '{"x": 10, "y":'],
    ['JSON of another shape', '[1100, 760]'],
    ['a size of zero', JSON.stringify({ x: 0, y: 0, width: 0, height: 760, maximized: false })],
    [
      'strings for numbers',
      JSON.stringify({ x: '0', y: '0', width: '900', height: '700', maximized: false }),
    ],
    ['no maximized flag', JSON.stringify({ x: 0, y: 0, width: 900, height: 700 })],
    [
      'NaN written as null',
      JSON.stringify({ x: Number.NaN, y: 0, width: 900, height: 700, maximized: false }),
    ],
  ])('%s', async (_what, content) => {
    const s = await fx.start(withState(content));
    expect(electron.dialog.messageBoxes).toEqual([]);
    expect(shown(s)).toMatchObject({ bounds: { width: 1100, height: 760 }, maximized: false, visible: true });
  });

  it('a folder in the file’s place: defaults, and closing still closes', async () => {
    const p = fx.project();
    mkdirSync(stateFile(p), { recursive: true });
    const s = await fx.start(p);
    expect(shown(s).bounds).toMatchObject({ width: 1100, height: 760 });
    expect(() => s.win?.close()).not.toThrow();
    expect(s.win?.isDestroyed()).toBe(true);
  });
});
