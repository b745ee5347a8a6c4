/**
 * The app's life around the vault: a second launch hands its pointer to the
 * first, suspend and screen lock log out when the setting says so, and quit
 * waits until the vault is closed.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL } from '../../../src-shared/contract.js';
import { pointersToLink } from '../../../src-shared/link.js';
import { electron, FakeEvent, resetElectron } from './electron-double.js';
import { type Started, shellFixture } from './shell-fixture.js';

vi.mock('electron', async () => (await import('./electron-double.js')).electronModule);

const fx = shellFixture();
const POINTER = '{"v":2,"chat":7,"k":12,"t":1700000000,"n":"AAAA","c":"BBBB"}';

const importEvents = (s: Started) =>
  s.win?.webContents.sent.filter(
    (m) => m.channel === EVENT_CHANNEL && (m.payload as { type: string }).type === 'open-import',
  );

async function loggedIn(): Promise<Started> {
  const s = await fx.start();
  await s.call('createProfile', { nickname: 'alice', master: 'shell master' });
  return s;
}

const loggedInNow = async (s: Started) =>
  ((await s.call('status')) as { value: { loggedIn: boolean } }).value.loggedIn;

describe('second launch', () => {
  it('restores and focuses the one window and sends its pointer to the import dialog', async () => {
    const s = await fx.start();
    if (s.win) s.win.minimized = true;
    electron.app.emit('second-instance', new FakeEvent(), ['/opt/clm/clm', '--no-sandbox', POINTER], '/home');
    expect(s.win?.minimized).toBe(false);
    expect(s.win?.focused).toBe(true);
    expect(importEvents(s)).toEqual([
      { channel: EVENT_CHANNEL, payload: { type: 'open-import', text: POINTER } },
    ]);
  });

  it('sends several pointers as one text, one a line, and nothing for a launch without any', async () => {
    const s = await fx.start();
    electron.app.emit('second-instance', new FakeEvent(), ['/opt/clm/clm', '--flag', 'file.txt'], '/home');
    expect(importEvents(s)).toEqual([]);
    electron.app.emit('second-instance', new FakeEvent(), ['/opt/clm/clm', POINTER, POINTER], '/home');
    expect(importEvents(s)?.map((m) => m.payload)).toEqual([
      { type: 'open-import', text: `${POINTER}\n${POINTER}` },
    ]);
  });

  it('a pointer on the first launch command line goes to the import dialog once the page listens', async () => {
    const s = await fx.start(fx.project(), ['/opt/clm/clm', POINTER], { loaded: false });
    expect(importEvents(s)).toEqual([]);
    s.win?.webContents.finishLoad();
    expect(importEvents(s)?.map((m) => m.payload)).toEqual([{ type: 'open-import', text: POINTER }]);
  });

  it('after the window is closed a second launch changes nothing and fails nothing', async () => {
    const s = await fx.start();
    s.win?.close();
    expect(() =>
      electron.app.emit('second-instance', new FakeEvent(), ['/opt/clm/clm', POINTER], '/home'),
    ).not.toThrow();
    expect(importEvents(s)).toEqual([]);
  });
});

describe('clm:// links', () => {
  const LINK = pointersToLink([POINTER]) as string;

  it('a second launch with a link (Windows, Linux) fills the import dialog with its pointers', async () => {
    const s = await fx.start();
    electron.app.emit('second-instance', new FakeEvent(), ['/opt/clm/clm', LINK], '/home');
    expect(importEvents(s)?.map((m) => m.payload)).toEqual([{ type: 'open-import', text: POINTER }]);
    expect(s.win?.focused).toBe(true);
  });

  it('a damaged link is handed on as it is, for the import dialog to refuse with its sentence', async () => {
    const s = await fx.start();
    electron.app.emit('second-instance', new FakeEvent(), ['/opt/clm/clm', 'clm://import?p=QR'], '/home');
    expect(importEvents(s)?.map((m) => m.payload)).toEqual([
      { type: 'open-import', text: 'clm://import?p=QR' },
    ]);
  });

  it('macOS open-url: before the window exists it waits for it; later it brings the window forward', async () => {
    const early = new FakeEvent();
    // The system starts the app for the link: open-url comes before the window.
    const pending = fx.start(fx.project(), ['/opt/clm/clm'], { loaded: false });
    electron.app.emit('open-url', early, LINK);
    const s = await pending;
    expect(early.defaultPrevented).toBe(true);
    // Nothing is sent to a page still loading; once it listens, the link's pointers arrive.
    expect(importEvents(s)).toEqual([]);
    s.win?.webContents.finishLoad();
    expect(importEvents(s)?.map((m) => m.payload)).toEqual([{ type: 'open-import', text: POINTER }]);
    if (s.win) s.win.minimized = true;
    electron.app.emit('open-url', new FakeEvent(), LINK);
    expect(s.win?.minimized).toBe(false);
    expect(importEvents(s)).toHaveLength(2);
  });

  it('the packaged app asks the system for clm:// links; a checkout does not claim them', async () => {
    await fx.start();
    expect(electron.app.protocolClients).toEqual([]);
    resetElectron();
    electron.app.isPackaged = true;
    await fx.start(fx.project('packaged'));
    expect(electron.app.protocolClients).toEqual(['clm']);
  });
});

describe('suspend and screen lock', () => {
  it.each(['suspend', 'lock-screen'])('%s logs out, telling the window why', async (what) => {
    const s = await loggedIn();
    electron.powerMonitor.emit(what);
    expect(await loggedInNow(s)).toBe(false);
    expect(s.win?.webContents.sent).toContainEqual({
      channel: EVENT_CHANNEL,
      payload: { type: 'all-locked', reason: 'suspend' },
    });
  });

  it('does not log out when the setting is off', async () => {
    const s = await loggedIn();
    expect(await s.call('setSettings', { lockOnSuspend: false })).toMatchObject({ ok: true });
    electron.powerMonitor.emit('suspend');
    electron.powerMonitor.emit('lock-screen');
    expect(await loggedInNow(s)).toBe(true);
  });

  it('does nothing, and fails nothing, when no one is logged in', async () => {
    const s = await fx.start();
    expect(() => electron.powerMonitor.emit('suspend')).not.toThrow();
    expect(s.win?.webContents.sent).toEqual([]);
  });
});

describe('quit', () => {
  it('waits for the vault to close (keys wiped, -wal checkpointed) before the app exits', async () => {
    const s = await loggedIn();
    expect(existsSync(`${s.vault}-wal`)).toBe(true);
    let walAtExit: boolean | undefined;
    electron.app.onExit = () => {
      walAtExit = existsSync(`${s.vault}-wal`);
    };
    electron.app.quit();
    // Held back: the vault is still closing.
    expect(electron.app.exited).toBe(false);
    await vi.waitUntil(() => electron.app.exited);
    expect(walAtExit).toBe(false);
    expect(await s.call('status')).toMatchObject({ ok: false, error: { code: 'vault-closed' } });
  });

  it('a second quit while the vault closes does not close it twice or exit early', async () => {
    const s = await loggedIn();
    const close = vi.spyOn(s.messengers[0] as { close: () => Promise<void> }, 'close');
    electron.app.quit();
    electron.app.quit();
    expect(electron.app.exited).toBe(false);
    await vi.waitUntil(() => electron.app.exited);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('closing the last window quits, through the same wait', async () => {
    const s = await loggedIn();
    s.win?.close();
    electron.app.emit('window-all-closed');
    await vi.waitUntil(() => electron.app.exited);
    expect(existsSync(`${s.vault}-wal`)).toBe(false);
  });
});
