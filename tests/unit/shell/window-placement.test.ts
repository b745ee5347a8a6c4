/**
 * Where the window opens (placeWindow), as geometry: the saved bounds while
 * they are on a screen, else centred on the primary one and no larger.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLACEMENT, placeWindow } from '../../../src-main/shell/window-placement.js';

const LAPTOP = { x: 0, y: 0, width: 1440, height: 860 };
const MONITOR = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('placeWindow', () => {
  it('nothing saved: the default size, no position (Electron centres it), not maximized', () => {
    expect(placeWindow(undefined, [LAPTOP], LAPTOP)).toEqual(DEFAULT_PLACEMENT);
    expect(DEFAULT_PLACEMENT.bounds).not.toHaveProperty('x');
  });

  it('saved on a screen still attached: exactly where it was, maximized or not', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1000, maximized: true };
    expect(placeWindow(saved, [LAPTOP, MONITOR], LAPTOP)).toEqual({
      bounds: { x: 1600, y: 100, width: 1800, height: 1000 },
      maximized: true,
    });
  });

  it('partly off screen but still reachable: left where it was', () => {
    const saved = { x: -300, y: 200, width: 800, height: 600, maximized: false };
    expect(placeWindow(saved, [LAPTOP], LAPTOP).bounds).toEqual({ x: -300, y: 200, width: 800, height: 600 });
  });

  it('saved on a monitor since unplugged: centred on the primary display, clamped to it', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1000, maximized: false };
    expect(placeWindow(saved, [LAPTOP], LAPTOP)).toEqual({
      bounds: { x: 0, y: 0, width: 1440, height: 860 },
      maximized: false,
    });
  });

  it('a smaller window from a gone screen keeps its size, centred in the primary work area', () => {
    const saved = { x: 3000, y: 500, width: 1000, height: 600, maximized: true };
    const primary = { x: 0, y: 25, width: 1440, height: 835 };
    expect(placeWindow(saved, [primary], primary)).toEqual({
      bounds: { x: 220, y: 142, width: 1000, height: 600 },
      maximized: true,
    });
  });

  it('touching a screen only along an edge is not on it', () => {
    const saved = { x: 1440, y: 0, width: 800, height: 600, maximized: false };
    expect(placeWindow(saved, [LAPTOP], LAPTOP).bounds).toEqual({ x: 320, y: 130, width: 800, height: 600 });
  });
});
