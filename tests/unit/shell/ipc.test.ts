/**
 * The shell's IPC: every contract call is bound, only the window's own top
 * frame on app://clm reaches the router, and the router's events and the
 * clipboard go where they should.
 */
import { describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, EVENT_CHANNEL } from '../../../src-shared/contract.js';
import { electron, FakeFrame } from './electron-double.js';
import { shellFixture } from './shell-fixture.js';

vi.mock('electron', async () => (await import('./electron-double.js')).electronModule);

const fx = shellFixture();
const FORBIDDEN = { ok: false, error: { code: 'forbidden', message: 'This window may not call the app.' } };

describe('IPC from the window', () => {
  it('binds one handler per contract call, and no other', async () => {
    await fx.start();
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(CALL_NAMES.map((n) => `clm:${n}`).sort());
  });

  it("the window's own top frame on app://clm reaches the vault", async () => {
    const s = await fx.start();
    expect(await s.call('createProfile', { nickname: 'alice', master: 'shell master' })).toEqual({
      ok: true,
      value: null,
    });
    expect(await s.call('status')).toEqual({
      ok: true,
      value: { exists: true, nickname: 'alice', loggedIn: true },
    });
  });

  it.each([
    ['a child frame, even on app://clm', () => new FrameLike('app://clm/index.html')],
    ['no frame (it went away)', () => null],
  ])('refuses %s', async (_what, frame) => {
    await fx.start();
    expect(await electron.ipcMain.invoke('clm:status', frame())).toEqual(FORBIDDEN);
  });

  it('refuses the top frame once it shows another origin', async () => {
    const s = await fx.start();
    const top = s.win?.webContents.mainFrame as FakeFrame;
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://clm.evil/', 'app://other/']) {
      top.url = url;
      expect(await electron.ipcMain.invoke('clm:status', top), url).toEqual(FORBIDDEN);
    }
  });

  it('refuses every call once the window is closed', async () => {
    const s = await fx.start();
    const top = s.win?.webContents.mainFrame as FakeFrame;
    s.win?.close();
    expect(await electron.ipcMain.invoke('clm:status', top)).toEqual(FORBIDDEN);
    expect(await electron.ipcMain.invoke('clm:copyText', top, { text: 'x' })).toEqual(FORBIDDEN);
  });

  it('does not let a refused call write the clipboard', async () => {
    await fx.start();
    await electron.ipcMain.invoke('clm:copyText', new FrameLike('app://clm/'), { text: 'from a frame' });
    expect(electron.clipboard.text).toBe('');
  });

  it('copyText writes the clipboard from main', async () => {
    const s = await fx.start();
    expect(await s.call('copyText', { text: 'a pointer' })).toEqual({ ok: true, value: null });
    expect(electron.clipboard.text).toBe('a pointer');
  });

  it("sends the messenger's events to the window on the event channel", async () => {
    const s = await fx.start();
    await s.call('createProfile', { nickname: 'alice', master: 'shell master' });
    await s.call('logout');
    expect(s.win?.webContents.sent).toContainEqual({
      channel: EVENT_CHANNEL,
      payload: { type: 'all-locked', reason: 'logout' },
    });
  });

  it('sends nothing to a closed window', async () => {
    const s = await fx.start();
    await s.call('createProfile', { nickname: 'alice', master: 'shell master' });
    const win = s.win;
    win?.close();
    s.messengers[0]?.logout();
    expect(win?.webContents.sent).toEqual([]);
  });
});

/** A frame that is not the window's main frame (a child frame, or another window's). */
class FrameLike extends FakeFrame {}
