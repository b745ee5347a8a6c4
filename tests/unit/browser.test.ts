import { describe, expect, it } from 'vitest';
import { findBrowser, NO_BROWSER, systemBrowsers } from '../../scripts/browser.mjs';

/** A file system holding exactly these executables. */
const only =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);

const own = '/home/me/.cache/ms-playwright/chromium-1/chrome-linux64/chrome';

describe("the UI tests find a browser on a newcomer's machine", () => {
  it('CHROMIUM_PATH wins, and a wrong one is not silently replaced', () => {
    const env = { CHROMIUM_PATH: '/opt/chromium/chrome' };
    expect(
      findBrowser({ platform: 'linux', env, exists: only('/opt/chromium/chrome', '/usr/bin/chromium') }),
    ).toEqual({
      path: '/opt/chromium/chrome',
    });
    expect(findBrowser({ platform: 'linux', env, exists: only('/usr/bin/chromium') })).toBeUndefined();
  });

  it.each([
    ['linux', {}, '/usr/bin/chromium'],
    ['linux', {}, '/usr/bin/google-chrome'],
    ['darwin', {}, '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
    [
      'win32',
      { PROGRAMFILES: 'C:\\Program Files' },
      // path.join on this machine uses '/', as it would use '\\' on Windows.
      systemBrowsers('win32', { PROGRAMFILES: 'C:\\Program Files' })[1] as string,
    ],
  ])("%s: the system browser at %s, before Playwright's own", (platform, env, path) => {
    expect(findBrowser({ platform, env, exists: only(path, own), playwrightOwn: own })).toEqual({ path });
  });

  it('Windows looks for Chrome under Program Files', () => {
    expect(systemBrowsers('win32', { PROGRAMFILES: 'C:\\Program Files' }).join('\n')).toMatch(
      /Google.Chrome.Application.chrome\.exe/,
    );
  });

  it("Playwright's own download when the system has none; nothing when neither exists", () => {
    expect(findBrowser({ platform: 'darwin', env: {}, exists: only(own), playwrightOwn: own })).toEqual({
      path: own,
      own: true,
    });
    expect(findBrowser({ platform: 'linux', env: {}, exists: only(), playwrightOwn: own })).toBeUndefined();
  });

  it('with no browser, one sentence says what to install', () => {
    expect(NO_BROWSER).toMatch(/apt-get install chromium/);
    expect(NO_BROWSER).toMatch(/npx playwright install chromium/);
    expect(NO_BROWSER).toMatch(/CHROMIUM_PATH/);
  });
});
