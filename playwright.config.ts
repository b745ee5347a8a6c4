import { defineConfig } from '@playwright/test';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findBrowser } from './scripts/browser.mjs';

// The system's Chromium or Chrome (or CHROMIUM_PATH); Playwright's own download only when there is
// none (then Playwright finds it itself). scripts/browser.mjs says where each system keeps them.
const found = findBrowser({ playwrightOwn: chromium.executablePath() });
const executablePath = found && !found.own ? found.path : undefined;

export default defineConfig({
  testDir: 'tests',
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
  globalSetup: './tests/e2e/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  outputDir: 'test-results/playwright',
  use: {
    browserName: 'chromium',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: CHROMIUM_ARGS,
    },
    viewport: { width: 1100, height: 760 },
    trace: 'off',
  },
});
