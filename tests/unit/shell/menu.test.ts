/**
 * The application menu as data (menuTemplate): what a person finds in it on
 * each platform, and what its own items do when clicked or their shortcut
 * pressed. The roles themselves are Electron's.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { type MenuActions, menuTemplate } from '../../../src-main/shell/menu.js';

vi.mock('electron', async () => (await import('./electron-double.js')).electronModule);

type Item = MenuItemConstructorOptions;
const PLATFORMS = ['darwin', 'win32', 'linux'] as const;

function actions(packaged = true) {
  return { packaged, send: vi.fn(), lockAll: vi.fn(), about: vi.fn() } satisfies MenuActions;
}

const submenu = (menu: Item | undefined): Item[] => (Array.isArray(menu?.submenu) ? menu.submenu : []);
const top = (template: Item[], label: string) => template.find((m) => m.label === label);
const roles = (menu: Item | undefined) => submenu(menu).flatMap((i) => (i.role ? [i.role] : []));
const allItems = (template: Item[]): Item[] => template.flatMap((m) => [m, ...allItems(submenu(m))]);
const byLabel = (template: Item[], label: string) => allItems(template).find((i) => i.label === label);
const click = (item: Item | undefined) => (item?.click as (() => void) | undefined)?.();

describe('Edit menu', () => {
  it.each(PLATFORMS)('%s: undo, redo, cut, copy, paste (also matching style) and select all', (platform) => {
    expect(roles(top(menuTemplate(platform, actions()), 'Edit'))).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'pasteAndMatchStyle',
      'selectAll',
    ]);
  });
});

describe('macOS app menu', () => {
  it('comes first, named after the app: About, Hide and Quit', () => {
    const a = actions();
    const [first] = menuTemplate('darwin', a);
    expect(first?.label).toBe('Chrono-Library Messenger');
    expect(roles(first)).toEqual(expect.arrayContaining(['hide', 'hideOthers', 'unhide', 'quit']));
    const about = submenu(first)[0];
    expect(about?.label).toBe('About Chrono-Library Messenger');
    click(about);
    expect(a.about).toHaveBeenCalledOnce();
  });

  it.each(['win32', 'linux'] as const)('%s has none; File ends with Quit instead', (platform) => {
    const template = menuTemplate(platform, actions());
    expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(submenu(top(template, 'File')).at(-1)?.role).toBe('quit');
  });
});

describe('shortcuts', () => {
  it.each([
    ['New Chat…', 'CmdOrCtrl+N', 'new-chat'],
    ['Import Pointers…', 'CmdOrCtrl+I', 'import'],
    ['Search in Chat', 'CmdOrCtrl+F', 'search'],
  ])('%s (%s) sends %s to the renderer', (label, accelerator, command) => {
    for (const platform of PLATFORMS) {
      const a = actions();
      const item = byLabel(menuTemplate(platform, a), label);
      expect(item?.accelerator).toBe(accelerator);
      click(item);
      expect(a.send.mock.calls).toEqual([[command]]);
      expect(a.lockAll).not.toHaveBeenCalled();
    }
  });

  it('Open a Hidden Chat… sends open-hidden and has no shortcut (opened on purpose, not by a stray key)', () => {
    for (const platform of PLATFORMS) {
      const a = actions();
      const item = byLabel(menuTemplate(platform, a), 'Open a Hidden Chat…');
      expect(item?.accelerator).toBeUndefined();
      click(item);
      expect(a.send.mock.calls).toEqual([['open-hidden']]);
    }
  });

  it('Lock All (CmdOrCtrl+L) locks in the main process, sending nothing', () => {
    const a = actions();
    const item = byLabel(menuTemplate('linux', a), 'Lock All');
    expect(item?.accelerator).toBe('CmdOrCtrl+L');
    click(item);
    expect(a.lockAll).toHaveBeenCalledOnce();
    expect(a.send).not.toHaveBeenCalled();
  });

  it.each(PLATFORMS)('%s: no two items share a shortcut', (platform) => {
    const keys = allItems(menuTemplate(platform, actions())).flatMap((i) =>
      i.accelerator ? [i.accelerator] : [],
    );
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('View menu', () => {
  it.each(PLATFORMS)('%s, packaged: zoom and full screen, no reload or developer tools', (platform) => {
    expect(roles(top(menuTemplate(platform, actions(true)), 'View'))).toEqual([
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
    ]);
  });

  it('a development build keeps reload and the developer tools', () => {
    expect(roles(top(menuTemplate('linux', actions(false)), 'View'))).toEqual(
      expect.arrayContaining(['reload', 'toggleDevTools']),
    );
  });
});

describe('Window and Help', () => {
  it('Window: minimize and close everywhere, zoom on macOS', () => {
    expect(roles(top(menuTemplate('darwin', actions()), 'Window'))).toEqual(
      expect.arrayContaining(['minimize', 'zoom', 'close']),
    );
    expect(roles(top(menuTemplate('win32', actions()), 'Window'))).toEqual(['minimize', 'close']);
  });

  it.each(PLATFORMS)('%s: Help has About', (platform) => {
    const a = actions();
    click(byLabel(submenu(top(menuTemplate(platform, a), 'Help')), 'About Chrono-Library Messenger'));
    expect(a.about).toHaveBeenCalledOnce();
  });
});
