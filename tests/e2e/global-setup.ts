import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Builds the app once (electron-vite: main, preload, renderer) so the tests load what ships. */
export default function globalSetup(): void {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (p && existsSync(p)) break;
    if (p === '/usr/bin/chromium-browser') {
      console.warn(
        'No Chromium found: set CHROMIUM_PATH, or install one (Debian: apt-get install chromium; elsewhere: npx playwright install chromium).',
      );
    }
  }
  execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
    stdio: 'inherit',
  });
}
