/**
 * Which Chromium the UI tests drive, found the same way by playwright.config.ts
 * and by `npm test` (scripts/test-all.mjs): CHROMIUM_PATH; else the system's
 * Chromium or Chrome; else Playwright's own download, if someone installed it.
 * Plain JavaScript, because test-all.mjs runs with no TypeScript step;
 * browser.d.mts gives its types.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where each system keeps Chromium and Chrome, in the order they are preferred. */
export function systemBrowsers(platform, env) {
  if (platform === 'darwin') {
    return [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    ];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean);
    return roots.flatMap((r) => [
      join(r, 'Chromium', 'Application', 'chrome.exe'),
      join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
    ]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ];
}

/**
 * The browser to use: `{ path }` for a system one (or CHROMIUM_PATH), `{ path,
 * own: true }` for Playwright's own download, undefined when there is none.
 */
export function findBrowser({
  platform = process.platform,
  env = process.env,
  exists = existsSync,
  playwrightOwn,
} = {}) {
  if (env.CHROMIUM_PATH) return exists(env.CHROMIUM_PATH) ? { path: env.CHROMIUM_PATH } : undefined;
  const system = systemBrowsers(platform, env).find((p) => exists(p));
  if (system) return { path: system };
  return playwrightOwn && exists(playwrightOwn) ? { path: playwrightOwn, own: true } : undefined;
}

/** The one sentence `npm test` stops the UI tests with when no browser can be found or fetched. */
/** How the UI tests and the renderer bench start Chromium: headless, quiet, nothing fetched. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const NO_BROWSER =
  'No Chromium or Chrome for the UI tests: install one (Debian/Ubuntu: apt-get install chromium; ' +
  'macOS/Windows: Google Chrome), or run `npx playwright install chromium`, or set CHROMIUM_PATH.';
