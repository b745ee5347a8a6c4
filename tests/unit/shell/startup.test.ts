/**
 * Start-up of the real shell against the Electron double: the hardened
 * window, its preload, and app://clm serving only the renderer folder with the
 * CSP header.
 */
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CSP } from '../../../src-shared/csp.js';
import { electron } from './electron-double.js';
import { RENDERER_INDEX, SECRET, shellFixture } from './shell-fixture.js';

vi.mock('electron', async () => (await import('./electron-double.js')).electronModule);

const fx = shellFixture();

describe('start-up', () => {
  it('opens one window: sandboxed, isolated, no Node, no webview, with the built preload', async () => {
    const s = await fx.start();
    const prefs = s.win?.options.webPreferences ?? {};
    for (const on of ['contextIsolation', 'sandbox', 'webSecurity']) expect(prefs[on], on).toBe(true);
    for (const off of [
      'nodeIntegration',
      'nodeIntegrationInWorker',
      'allowRunningInsecureContent',
      'webviewTag',
    ]) {
      expect(prefs[off], off).toBe(false);
    }
    expect(prefs.preload).toBe(join(s.root, 'out', 'preload', 'index.cjs'));
    expect(s.win?.loadedUrl).toBe('app://clm/index.html');
  });

  it('shows the window only once its page is ready, so no blank frame flashes', async () => {
    const s = await fx.start();
    expect(s.win?.visible).toBe(false);
    s.win?.emit('ready-to-show');
    expect(s.win?.visible).toBe(true);
  });

  it('registers app:// as a secure standard scheme before the app is ready', async () => {
    await fx.start();
    expect(electron.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('opens the vault in the user-data folder at start-up', async () => {
    const s = await fx.start();
    expect(s.messengers.map((m) => m.vaultPath)).toEqual([s.vault]);
    expect(await s.call('status')).toEqual({ ok: true, value: { exists: false, loggedIn: false } });
  });

  it('a second launch leaves at once: no window, no vault, the first instance keeps it', async () => {
    electron.app.gotSingleInstanceLock = false;
    const s = await fx.start();
    expect(s.win).toBeUndefined();
    expect(s.messengers).toEqual([]);
    expect(electron.app.exited).toBe(true);
  });
});

describe('app://clm serves the renderer folder and nothing else', () => {
  it('serves index.html at / and at its name, with the CSP header and nosniff', async () => {
    await fx.start();
    for (const url of ['app://clm/', 'app://clm/index.html']) {
      const res = await electron.protocol.request(url);
      expect(res.status, url).toBe(200);
      expect(await res.text()).toBe(RENDERER_INDEX);
      expect(res.headers.get('Content-Security-Policy')).toBe(CSP);
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    }
  });

  it.each([
    'app://clm/../secret.txt',
    'app://clm/%2e%2e/secret.txt',
    'app://clm/..%2fsecret.txt',
    'app://clm/%2e%2e%2fsecret.txt',
    'app://clm/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    'app://clm/../../etc/passwd',
  ])('refuses a path leaving the folder: %s', async (url) => {
    await fx.start();
    const res = await electron.protocol.request(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(SECRET);
  });

  it.each(['app://other/index.html', 'app://clm.evil/index.html'])(
    'refuses another host: %s',
    async (url) => {
      await fx.start();
      expect((await electron.protocol.request(url)).status).toBe(404);
    },
  );

  it('answers a missing file or a malformed escape with 404, not a failed handler', async () => {
    await fx.start();
    expect((await electron.protocol.request('app://clm/missing.js')).status).toBe(404);
    expect((await electron.protocol.request('app://clm/%E0%A4%A')).status).toBe(404);
  });
});
