import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright';
import { findBrowser, NO_BROWSER } from '../../scripts/browser.mjs';

/** Builds the app once (electron-vite: main, preload, renderer) so the tests load what ships. */
export default function globalSetup(): void {
  // `npm test` fetches Playwright's Chromium first when it can; run alone, say what is missing.
  if (!findBrowser({ playwrightOwn: chromium.executablePath() })) throw new Error(NO_BROWSER);
  execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
    stdio: 'inherit',
  });
}
