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
  /** What the app last wrote to the clipboard (main writes the clipboard; here, this double). */
  readonly clipboard: { text: string };
  close(): Promise<void>;
}

/**
 * One person's app: a real vault in a temp folder, the real router and
 * service in this process, the built renderer in Chromium, window.clm bound
 * to the router. Low scrypt costs keep the suite fast.
 */
export async function launchApp(
  browser: Browser,
  opts: { autoLockCheckMs?: number } = {},
): Promise<AppHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'clm-e2e-'));
  const vaultPath = join(dir, 'vault.sqlite');
  const messenger = Messenger.open(vaultPath, {
    chatLog2N: 12,
    profileLog2N: 12,
    ...(opts.autoLockCheckMs ? { idleCheckMs: opts.autoLockCheckMs } : {}),
  });
  const clipboard = { text: '' };
  const context = await browser.newContext();
  const page = await context.newPage();
  const route = createRouter({
    messenger,
    writeClipboard: (text) => {
      clipboard.text = text;
    },
    emit: (e) => {
      void page
        .evaluate(([ch, payload]) => window.__clmDispatch(ch as string, payload), [EVENT_CHANNEL, e] as const)
        .catch(() => {});
    },
  });
  await page.exposeBinding('__clmInvoke', (_source, channel: string, args: unknown) => route(channel, args));
  await page.addInitScript({ content: await bridgeBundle() });
  const { url, server } = await serveDir(join(import.meta.dirname, '../../out/renderer'), CSP);
  await page.goto(url);
  return {
    page,
    context,
    messenger,
    vaultPath,
    clipboard,
    async close() {
      await context.close();
      await messenger.close();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ app: AppHandle }>({
  app: async ({ browser }, use) => {
    const app = await launchApp(browser);
    await use(app);
    await app.close();
  },
});

export { expect } from '@playwright/test';
