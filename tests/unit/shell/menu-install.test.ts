/**
 * The menu the real shell installs at start-up, clicked as a person would:
 * renderer commands arrive on the event channel in a shape the preload lets
 * through, Lock All locks in the main process, About names the version and
 * where the pointer format is written down.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, eventSchema } from '../../../src-shared/contract.js';
import { electron } from './electron-double.js';
import { type Started, shellFixture } from './shell-fixture.js';

vi.mock('electron', async () => (await import('./electron-double.js')).electronModule);

const fx = shellFixture();

type Item = MenuItemConstructorOptions;
const items = (list: Item[]): Item[] =>
  list.flatMap((i) => [i, ...items(Array.isArray(i.submenu) ? (i.submenu as Item[]) : [])]);

/** The application menu the shell installed (none: empty). */
const installed = () => (electron.Menu.application?.items ?? []) as Item[];

/** Clicks the installed menu's item by its label. */
function choose(label: string): void {
  const item = items(installed()).find((i) => i.label === label);
  if (!item?.click) throw new Error(`no menu item ${label}`);
  (item.click as () => void)();
}

const events = (s: Started) =>
  s.win?.webContents.sent.filter((m) => m.channel === EVENT_CHANNEL).map((m) => m.payload) ?? [];

describe('the installed menu', () => {
  it('replaces the default menu at start-up', async () => {
    await fx.start();
    const labels = installed().map((m) => m.label);
    expect(labels).toEqual(expect.arrayContaining(['Edit', 'View', 'Window', 'Help']));
  });

  it.each([
    ['New Chat…', 'new-chat'],
    ['Import Pointers…', 'import'],
    ['Open a Hidden Chat…', 'open-hidden'],
    ['Search in Chat', 'search'],
  ])('%s sends { type: menu, command: %s }, which the preload passes on', async (label, command) => {
    const s = await fx.start();
    choose(label);
    expect(events(s)).toEqual([{ type: 'menu', command }]);
    expect(eventSchema.safeParse(events(s)[0]).success).toBe(true);
  });

  it('after the window is closed a menu command goes nowhere and fails nothing', async () => {
    const s = await fx.start();
    s.win?.close();
    expect(() => choose('New Chat…')).not.toThrow();
    expect(events(s)).toEqual([]);
  });

  it('a packaged app has no reload or developer tools', async () => {
    electron.app.isPackaged = true;
    await fx.start(fx.project('packaged'));
    const roles = items(installed()).map((i) => i.role);
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('toggleDevTools');
  });
});

describe('Lock All', () => {
  it('locks every chat that is not remembered and tells the window', async () => {
    const s = await fx.start();
    await s.call('createProfile', { nickname: 'alice', master: 'shell master' });
    await s.call('createChat', { name: 'Open', secret: 'chat secret', format: 'sealed-v2' });
    expect(await s.call('listChats')).toMatchObject({ value: [{ locked: false }] });
    choose('Lock All');
    expect(await s.call('listChats')).toMatchObject({ ok: true, value: [{ name: 'Open', locked: true }] });
    expect(events(s)).toContainEqual({ type: 'all-locked', reason: 'request' });
  });

  it('with no one logged in does nothing and fails nothing', async () => {
    const s = await fx.start();
    expect(() => choose('Lock All')).not.toThrow();
    expect(events(s)).toEqual([]);
  });
});

describe('About', () => {
  it('on the window: the name, the version, MIT, and docs/protocol.md named without a link', async () => {
    electron.app.version = '9.8.7';
    const s = await fx.start();
    choose('About Chrono-Library Messenger');
    expect(electron.dialog.boxParents).toEqual([s.win]);
    const box = electron.dialog.messageBoxes[0] as { message: string; detail: string };
    expect(box.message).toBe('Chrono-Library Messenger');
    expect(box.detail).toContain('Version 9.8.7');
    expect(box.detail).toContain('MIT');
    expect(box.detail).toContain('docs/protocol.md');
    expect(box.detail).not.toMatch(/https?:/);
    expect(electron.shell.opened).toEqual([]);
  });
});
