/** Where the window opens, from what was saved and the screens attached now: pure geometry. */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What is remembered between launches: the normal (un-maximized) bounds, and whether it was maximized. */
export interface WindowState extends Rect {
  readonly maximized: boolean;
}

/** Size and, when known, position for new BrowserWindow(); no position lets Electron centre it. */
export interface Placement {
  readonly bounds: Pick<Rect, 'width' | 'height'> & Partial<Pick<Rect, 'x' | 'y'>>;
  readonly maximized: boolean;
}

export const DEFAULT_PLACEMENT: Placement = { bounds: { width: 1100, height: 760 }, maximized: false };

const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The saved size, no larger than the area, centred on it. */
function centredOn(area: Rect, saved: Rect): Rect {
  const width = Math.min(saved.width, area.width);
  const height = Math.min(saved.height, area.height);
  return {
    x: area.x + Math.floor((area.width - width) / 2),
    y: area.y + Math.floor((area.height - height) / 2),
    width,
    height,
  };
}

/**
 * The saved bounds as they were while they still overlap a display's work
 * area (the person can reach the window and drag it). A window left on a
 * screen that has since been unplugged would open out of sight: it opens
 * centred on the primary display instead, no larger than that display.
 */
export function placeWindow(
  saved: WindowState | undefined,
  workAreas: readonly Rect[],
  primaryWorkArea: Rect,
): Placement {
  if (!saved) return DEFAULT_PLACEMENT;
  const { maximized, ...bounds } = saved;
  if (workAreas.some((area) => overlaps(bounds, area))) return { bounds, maximized };
  return { bounds: centredOn(primaryWorkArea, bounds), maximized };
}
