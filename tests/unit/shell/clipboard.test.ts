/**
 * Finding 10: a pointer the app copies is marked concealed for clipboard
 * history, and taken back after the setting's delay (60 s by default) if the
 * clipboard still holds it. The shell runs against the Electron double, on fake timers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { concealedFormats } from '../../../src-main/shell/clipboard.js';
import { electron } from './electron-double.js';
import { shellFixture } from './shell-fixture.js';

vi.mock('electron', async () => (await import('./electron-double.js')).electronModule);

const fx = shellFixture();
const POINTER = '{"v":2,"c":"abc","m":"secret-bearing"}';
const raw = (f: string) => `electron application/osclipboard;format="${f}"`;

afterEach(() => {
  vi.useRealTimers();
});

/** The shell started, then only setTimeout faked: the copy's timer is the one to move. */
async function started() {
  const s = await fx.start();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  return s;
}

describe('a copied pointer', () => {
  it('is marked for clipboard history on every system, with the marks those systems read', async () => {
    const s = await started();
    expect(await s.call('copyText', { text: POINTER })).toEqual({ ok: true, value: null });
    expect(electron.clipboard.text).toBe(POINTER);
    expect(electron.clipboard.formats).toEqual([
      'text/plain',
      ...Object.keys(concealedFormats(process.platform)),
    ]);
    expect(Object.keys(concealedFormats('darwin'))).toEqual([raw('org.nspasteboard.ConcealedType')]);
    expect(Object.keys(concealedFormats('win32'))).toEqual([
      raw('ExcludeClipboardContentFromMonitorProcessing'),
      raw('CanIncludeInClipboardHistory'),
      raw('CanUploadToCloudClipboard'),
    ]);
    const flag = concealedFormats('win32')[raw('CanIncludeInClipboardHistory')] as Blob;
    expect([...new Uint8Array(await flag.arrayBuffer())]).toEqual([0, 0, 0, 0]);
    const hint = concealedFormats('linux')[raw('x-kde-passwordManagerHint')] as Blob;
    expect(await hint.text()).toBe('secret');
  });

  it('leaves the clipboard after 60 seconds by default, logged out or in', async () => {
    const s = await started();
    await s.call('copyText', { text: POINTER });
    await vi.advanceTimersByTimeAsync(59_000);
    expect(electron.clipboard.text).toBe(POINTER);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(electron.clipboard.text).toBe('');
  });

  it('stays when the person copied something else meanwhile', async () => {
    const s = await started();
    await s.call('copyText', { text: POINTER });
    electron.clipboard.copiedElsewhere('my own note');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(electron.clipboard.text).toBe('my own note');
  });

  it('a second copy restarts the delay, and only the newer text is taken back', async () => {
    const s = await started();
    await s.call('copyText', { text: 'first' });
    await vi.advanceTimersByTimeAsync(50_000);
    await s.call('copyText', { text: POINTER });
    await vi.advanceTimersByTimeAsync(50_000);
    expect(electron.clipboard.text).toBe(POINTER);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(electron.clipboard.text).toBe('');
  });

  it("follows the person's setting; 0 leaves it there", async () => {
    const s = await started();
    await s.call('createProfile', { nickname: 'alice', master: 'shell master' });
    await s.call('setSettings', { clipboardClearSeconds: 5 });
    await s.call('copyText', { text: POINTER });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(electron.clipboard.text).toBe('');
    await s.call('setSettings', { clipboardClearSeconds: 0 });
    await s.call('copyText', { text: POINTER });
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    expect(electron.clipboard.text).toBe(POINTER);
  });

  it('is taken back at once on logout, if still there', async () => {
    const s = await started();
    await s.call('createProfile', { nickname: 'alice', master: 'shell master' });
    await s.call('copyText', { text: POINTER });
    await s.call('logout');
    await vi.advanceTimersByTimeAsync(0);
    expect(electron.clipboard.text).toBe('');
  });
});
