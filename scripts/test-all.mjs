#!/usr/bin/env node
// `npm test`: every check and suite in turn, each run even when an earlier one
// failed, then one summary line: "N passed, N failed" (the last line printed).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { chromium } from 'playwright';
import { findBrowser, NO_BROWSER } from './browser.mjs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const run = (args) => spawnSync(npx, args, { stdio: 'inherit' }).status ?? 1;

let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];

for (const [name, args] of [
  ['typecheck', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', ['biome', 'check', '.']],
]) {
  const ok = run(args) === 0;
  ok ? passed++ : failed++;
  lines.push(`${name}: ${ok ? 'ok' : 'FAILED'}`);
}

/** Counts one suite's results from its JSON report; a missing report means the suite itself failed. */
function suite(name, args, report, count) {
  rmSync(report, { force: true });
  const status = run(args);
  if (!existsSync(report)) {
    failed++;
    lines.push(`${name}: FAILED to run (exit ${status})`);
    return;
  }
  const c = count(JSON.parse(readFileSync(report, 'utf8')));
  // A suite that exits non-zero with no failed test still failed (e.g. an error outside tests).
  if (status !== 0 && c.failed === 0) c.failed = 1;
  passed += c.passed;
  failed += c.failed;
  skipped += c.skipped;
  lines.push(`${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
}

suite('vitest', ['vitest', 'run'], 'test-results/vitest.json', (r) => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0),
  skipped: r.numPendingTests + r.numTodoTests,
}));

/**
 * A browser for the UI tests: the system's, or Playwright's own; on a fresh
 * machine with neither, Playwright's Chromium is fetched once (where the
 * network allows; never on CI, whose machines install Debian's).
 */
function browserReady() {
  const find = () => findBrowser({ playwrightOwn: chromium.executablePath() });
  if (find()) return true;
  if (!process.env.CI) {
    console.log("No Chromium or Chrome found; fetching Playwright's Chromium for the UI tests…");
    run(['playwright', 'install', 'chromium']);
  }
  return find() !== undefined;
}

// Renderer end to end in Chromium through the harness, and the Electron launch tests (which skip,
// saying why, where no Electron binary exists).
if (!browserReady()) {
  failed++;
  lines.push(`playwright: not run. ${NO_BROWSER}`);
} else
  suite('playwright', ['playwright', 'test'], 'test-results/playwright.json', (r) => ({
    passed: r.stats.expected + r.stats.flaky,
    failed: r.stats.unexpected,
    skipped: r.stats.skipped,
  }));

console.log('\n== summary ==');
for (const l of lines) console.log(l);
if (skipped > 0) console.log(`${skipped} skipped (each says why in the suite output above)`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
