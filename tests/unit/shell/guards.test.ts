/**
 * What keeps the window on the app's own pages: navigation off app://clm is
 * prevented, no window opens and no URL goes to the browser, no webview
 * attaches, and no permission is granted, asked for or probed; for the main
 * window and for any other web contents Electron creates.
 */
import { describe, expect, it, vi } from 'vitest';
import { electron, FakeEvent, FakeWebContents } from './electron-double.js';
import { shellFixture } from './shell-fixture.js';

vi.mock('electron', async () => (await import('./electron-double.js')).electronModule);

const fx = shellFixture();

/** The main window's contents, and a web contents Electron creates later (devtools, say). */
async function contentsUnderTest(): Promise<[string, FakeWebContents][]> {
  const s = await fx.start();
  const other = new FakeWebContents();
  electron.app.emit('web-contents-created', new FakeEvent(), other);
  return [
    ['the main window', s.win?.webContents as FakeWebContents],
    ['other web contents', other],
  ];
}

describe('navigation and window guards', () => {
  it('prevents navigation anywhere but app://clm', async () => {
    for (const [what, contents] of await contentsUnderTest()) {
      for (const url of [
        'https://example.com/',
        'file:///etc/passwd',
        'http://127.0.0.1:1/',
        'app://clm.evil/index.html',
        'app://other/',
        'javascript:alert(1)',
      ]) {
        expect(contents.dispatch('will-navigate', url).defaultPrevented, `${what}: ${url}`).toBe(true);
      }
      expect(contents.dispatch('will-navigate', 'app://clm/index.html').defaultPrevented, what).toBe(false);
    }
  });

  it('opens no window, and hands no URL to the system browser', async () => {
    for (const [what, contents] of await contentsUnderTest()) {
      for (const url of ['https://example.com/', 'app://clm/index.html', 'about:blank']) {
        expect(contents.windowOpenHandler?.({ url }), `${what}: ${url}`).toEqual({ action: 'deny' });
      }
    }
    expect(electron.shell.opened).toEqual([]);
  });

  it('attaches no webview', async () => {
    for (const [what, contents] of await contentsUnderTest()) {
      expect(contents.dispatch('will-attach-webview', {}, {}).defaultPrevented, what).toBe(true);
    }
  });

  it('denies every permission request and every permission check', async () => {
    for (const [what, contents] of await contentsUnderTest()) {
      const { requestHandler, checkHandler } = contents.session;
      for (const permission of ['media', 'notifications', 'clipboard-read', 'openExternal', 'geolocation']) {
        const granted = vi.fn();
        requestHandler?.(contents, permission, granted);
        expect(granted, `${what}: request ${permission}`).toHaveBeenCalledWith(false);
        expect(checkHandler?.(contents, permission, 'app://clm'), `${what}: check ${permission}`).toBe(false);
      }
    }
  });
});
