import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, test as base, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { createRouter } from '../../src-main/ipc/router.js';
import { Messenger } from '../../src-main/service/messenger.js';
import { EVENT_CHANNEL } from '../../src-shared/contract.js';
// The policy the shell sets on app://clm: the harness serves the same header.
import { CSP } from '../../src-shared/csp.js';
import { serveDir } from './static-server.js';

let bridgeScript: Promise<string> | undefined;
/** tests/e2e/bridge-entry.ts bundled for the page, once per worker. */
function bridgeBundle(): Promise<string> {
  bridgeScript ??= build({
    entryPoints: [join(import.meta.dirname, 'bridge-entry.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    platform: 'browser',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]?.text ?? '');
  return bridgeScript;
}

export interface AppHandle {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly messenger: Messenger;
  readonly vaultPath: string;
  /** The clipboard: what the app last wrote (main writes it; here, this double), or what a test put there. */
  readonly clipboard: { text: string };
  /** The save and open dialogs main shows: the paths the person picks, in order (undefined: Cancel). */
  readonly fileDialogs: { picks: (string | undefined)[]; shown: string[] };
  /** This app's temp folder (removed by close()), for files a test writes or picks. */
  readonly dir: string;
  /** Closes the window, the vault and the page server and removes the temp folder; again, nothing. */
  close(): Promise<void>;
}

/**
 * One person's app: a real vault in a temp folder, the real router and
 * service in this process, the built renderer in Chromium, window.clm bound
 * to the router. Low scrypt costs keep the suite fast. close() ends it all and
 * removes the folder; so does a launch that fails halfway.
 */
export async function launchApp(
  browser: Browser,
  opts: { autoLockCheckMs?: number } = {},
): Promise<AppHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'clm-e2e-'));
  // What close() undoes, last first; every step runs even when one before it fails.
  const undo: (() => unknown)[] = [() => rmSync(dir, { recursive: true, force: true })];
  const close = async () => {
    const failures = [];
    for (const step of undo.splice(0).reverse()) {
      try {
        await step();
      } catch (e) {
        failures.push(e);
      }
    }
    if (failures.length > 0) throw failures[0];
  };
  try {
    const vaultPath = join(dir, 'vault.sqlite');
    const messenger = Messenger.open(vaultPath, {
      chatLog2N: 12,
      profileLog2N: 12,
      ...(opts.autoLockCheckMs ? { idleCheckMs: opts.autoLockCheckMs } : {}),
    });
    undo.push(() => messenger.close());
    const { url, server } = await serveDir(join(import.meta.dirname, '../../out/renderer'), CSP);
    undo.push(() => server.close());
    const context = await browser.newContext();
    undo.push(() => context.close());
    const clipboard = { text: '' };
    const fileDialogs = { picks: [] as (string | undefined)[], shown: [] as string[] };
    const page = await context.newPage();
    const route = createRouter({
      messenger,
      writeClipboard: (text) => {
        clipboard.text = text;
      },
      // The window's clipboard offer reads the same double a test puts text on.
      readClipboard: () => clipboard.text,
      files: {
        saveAs: async (o) => {
          fileDialogs.shown.push(o.title);
          return fileDialogs.picks.shift();
        },
        open: async (o) => {
          fileDialogs.shown.push(o.title);
          return fileDialogs.picks.shift();
        },
      },
      emit: (e) => {
        void page
          .evaluate(([ch, payload]) => window.__clmDispatch(ch as string, payload), [
            EVENT_CHANNEL,
            e,
          ] as const)
          .catch(() => {});
      },
    });
    await page.exposeBinding('__clmInvoke', (_source, channel: string, args: unknown) =>
      route(channel, args),
    );
    await page.addInitScript({ content: await bridgeBundle() });
    await page.goto(url);
    return { page, context, messenger, vaultPath, clipboard, fileDialogs, dir, close };
  } catch (e) {
    await close().catch(() => {});
    throw e;
  }
}

/** This process's wall clock, moved ahead on demand (see the clock fixture). */
export interface Clock {
  /** As if `ms` passed with nobody touching the app. */
  advance(ms: number): void;
}

export const test = base.extend<{
  /** Opens another person's app; each one opened is closed (and its folder removed) after the test. */
  launch: (opts?: { autoLockCheckMs?: number }) => Promise<AppHandle>;
  /** One person's app, on the first-run screen. */
  app: AppHandle;
  /**
   * Date.now of this process (which the service reads for a chat's last use and
   * for idleness) made to run ahead when told to, put back after the test. The
   * pages keep their own clock.
   */
  clock: Clock;
}>({
  launch: async ({ browser }, use) => {
    const apps: AppHandle[] = [];
    await use(async (opts) => {
      const app = await launchApp(browser, opts);
      apps.push(app);
      return app;
    });
    const closed = await Promise.allSettled(apps.map((a) => a.close()));
    for (const c of closed) if (c.status === 'rejected') throw c.reason;
  },
  app: async ({ launch }, use) => {
    await use(await launch());
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures name what they need by destructuring; this needs nothing
  clock: async ({}, use) => {
    const real = Date.now;
    let ahead = 0;
    Date.now = () => real() + ahead;
    try {
      await use({
        advance: (ms) => {
          ahead += ms;
        },
      });
    } finally {
      Date.now = real;
    }
  },
});

export { expect } from '@playwright/test';
