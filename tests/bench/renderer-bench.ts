/**
 * The renderer's figures, for `npm run bench`: the built bundle's JavaScript
 * gzipped, and in Chromium through the UI test harness (the real service in
 * this process) with a chat of 100,000 messages: the first render after the
 * data, and the worst frame while Home, End and a drag from the bottom to the
 * top move through it. Each move is checked: the right message must end up on
 * screen, else the figure is not reported. Medians of several runs.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Locator, type Page } from 'playwright';
import { CHROMIUM_ARGS, findBrowser } from '../../scripts/browser.mjs';
import { type AppHandle, launchApp } from '../e2e/harness.js';

export interface RendererFigures {
  rendererFirstRenderMs: number;
  rendererWorstFrameMs: number;
  bundleGzipKB: number;
}

const ROOT = join(import.meta.dirname, '..', '..');
const ASSETS = join(ROOT, 'out', 'renderer', 'assets');
const MESSAGES = 100_000;
const RUNS = 5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** Every JavaScript file the renderer ships (the on-demand QR reader too), gzipped at level 9. */
function bundleGzipKB(): number {
  let bytes = 0;
  for (const f of readdirSync(ASSETS)) {
    if (f.endsWith('.js')) bytes += gzipSync(readFileSync(join(ASSETS, f)), { level: 9 }).length;
  }
  return bytes / 1024;
}

/**
 * Watches frames from now on (requestAnimationFrame intervals) until `done()`
 * holds in the page; returns the time taken and the longest interval.
 */
async function timed(
  page: Page,
  step: string,
  start: string,
  done: string,
): Promise<{ ms: number; worstFrameMs: number }> {
  // A string, not a function: tsx would wrap named closures in a helper the page does not have.
  return page.evaluate(`new Promise((resolve, reject) => {
    const until = () => ${done};
    const t0 = performance.now();
    let last = t0;
    let worst = 0;
    ${start};
    const frame = (now) => {
      worst = Math.max(worst, now - last);
      last = now;
      if (until()) return resolve({ ms: performance.now() - t0, worstFrameMs: worst });
      if (now - t0 > 20000) return reject(new Error(${JSON.stringify(`${step}: the right message not on screen after 20 s`)}));
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })`);
}

/** Page code: whether the message "message N" is inside the history's visible box. */
const onScreen = (n: number) => `(() => {
  const log = document.querySelector('[role="log"]');
  if (!log) return false;
  const box = log.getBoundingClientRect();
  for (const el of log.querySelectorAll('.text')) {
    if (el.textContent !== 'message ${n}') continue;
    const r = el.getBoundingClientRect();
    return r.bottom > box.top && r.top < box.bottom;
  }
  return false;
})()`;

async function seeded(browser: Browser): Promise<AppHandle> {
  const app = await launchApp(browser);
  const m = app.messenger;
  await m.createProfile('bench', 'bench master phrase');
  const chat = await m.createChat({
    name: 'Archive',
    secret: 'bench chat secret',
    format: 'sealed-v2',
    k: 12,
  });
  await m.createChat({ name: 'Other', secret: 'other chat secret', format: 'sealed-v2', k: 12 });
  m.batch(() => {
    for (let i = 0; i < MESSAGES; i++) m.send(chat.id, `message ${i}`);
  });
  await app.page.reload();
  return app;
}

const entry = (page: Page, name: string): Locator =>
  page.getByRole('list', { name: 'Chats' }).getByRole('button', { name: new RegExp(`^${name} `) });

export async function rendererFigures(): Promise<RendererFigures> {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const bundle = bundleGzipKB();
  // The browser the UI tests use (system Chromium or Chrome, CHROMIUM_PATH, else Playwright's own).
  const found = findBrowser({ playwrightOwn: chromium.executablePath() });
  const browser = await chromium.launch({
    ...(found && !found.own ? { executablePath: found.path } : {}),
    args: CHROMIUM_ARGS,
  });
  try {
    const app = await seeded(browser);
    try {
      const { page } = app;
      await page.setViewportSize({ width: 1100, height: 760 });
      await entry(page, 'Other').waitFor();
      const first: number[] = [];
      const worst: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        // From the click that asks for the chat to its newest message on screen.
        await entry(page, 'Other').click();
        await page.getByRole('heading', { name: 'Other', level: 2 }).waitFor();
        const archive = `[...document.querySelectorAll('.chatlist button')].find((b) => b.querySelector('.name')?.textContent === 'Archive').click()`;
        const opened = await timed(page, 'opening the chat', archive, onScreen(MESSAGES - 1));
        first.push(opened.ms);

        await page.getByRole('log', { name: 'Messages' }).focus();
        const key = (k: string) =>
          `document.querySelector('[role="log"]').dispatchEvent(new KeyboardEvent('keydown', { key: '${k}', bubbles: true }))`;
        // A pause between moves, as between a person's keystrokes: each starts from a list at rest.
        const settle = () => page.waitForTimeout(300);
        const home = await timed(page, 'Home', key('Home'), onScreen(0));
        await settle();
        const end = await timed(page, 'End', key('End'), onScreen(MESSAGES - 1));
        await settle();
        // A drag of the scrollbar from the bottom to the top: the scroll position moved frame by frame.
        const drag = await timed(
          page,
          'a drag from the bottom to the top',
          `(() => {
            const log = document.querySelector('[role="log"]');
            const max = log.scrollHeight - log.clientHeight;
            let step = 0;
            const move = () => {
              step++;
              log.scrollTop = Math.max(0, max * (1 - step / 40));
              // Then held at the top, as a hand holds the thumb there until the rows settle.
              if (step < 80) requestAnimationFrame(move);
            };
            requestAnimationFrame(move);
          })()`,
          onScreen(0),
        );
        worst.push(Math.max(home.worstFrameMs, end.worstFrameMs, drag.worstFrameMs));
        if (process.env.CLM_BENCH_VERBOSE)
          console.error(
            `run ${run + 1}: open ${opened.ms.toFixed(0)} ms (worst frame ${opened.worstFrameMs.toFixed(0)}), worst frame: Home ${home.worstFrameMs.toFixed(0)}, End ${end.worstFrameMs.toFixed(0)}, drag ${drag.worstFrameMs.toFixed(0)} ms`,
          );
      }
      return {
        rendererFirstRenderMs: median(first),
        rendererWorstFrameMs: median(worst),
        bundleGzipKB: bundle,
      };
    } finally {
      await app.close();
    }
  } finally {
    await browser.close();
  }
}

// Run alone: `npx tsx tests/bench/renderer-bench.ts` prints the figures.
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  rendererFigures().then(
    (f) => console.log(JSON.stringify(f)),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
