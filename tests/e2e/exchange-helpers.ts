import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { Messenger } from '../../src-main/service/messenger.js';
import type { LocalChatId } from '../../src-shared/types.js';
import type { AppHandle } from './harness.js';
import { sendMessage } from './ui-helpers.js';

/**
 * Sends a message from the chat open on `app.page` and returns the pointer the
 * app put on the clipboard (waits for the clipboard to change: the copy is the
 * last step of a send).
 */
export async function sendAndTake(app: AppHandle, text: string): Promise<string> {
  const before = app.clipboard.text;
  await sendMessage(app.page, text);
  await expect.poll(() => app.clipboard.text).not.toBe(before);
  const pointer = app.clipboard.text;
  JSON.parse(pointer); // the clipboard holds one JSON pointer
  return pointer;
}

/** The import dialog (when open). */
export const importDialog = (page: Page): Locator => page.getByRole('dialog', { name: 'Import pointers' });

/** Opens the import dialog with the Import pointers button and fills the paste box (nothing imported yet). */
export async function openImport(page: Page, text: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Import pointers' }).click();
  const d = importDialog(page);
  await expect(d).toBeVisible();
  await d.getByLabel(/Paste one or many pointers/).fill(text);
  return d;
}

/** The rows of the import results, one per pointer (or per object-like garbage) found. */
export const resultRows = (d: Locator): Locator =>
  d.getByRole('region', { name: 'Import results' }).getByRole('listitem');

/** A chat's group in the import results (its pointers and its one form); the first group without a name. */
export const resultGroup = (d: Locator, name?: string): Locator => {
  const groups = d.getByRole('region', { name: 'Import results' }).getByRole('region');
  return name === undefined
    ? groups.first()
    : groups.filter({ has: d.page().getByRole('heading', { name }) });
};

/** Closes the import dialog with its Close button. */
export async function closeImport(page: Page): Promise<void> {
  const d = importDialog(page);
  await d.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(d).toBeHidden();
}

/**
 * A paste event as Ctrl+V delivers it: a ClipboardEvent whose DataTransfer holds
 * text/plain, dispatched at the element that has the focus (the body when nothing has).
 */
export async function pasteEvent(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

/** Drops a text file holding `text` on `target`, as a file dragged from the desktop arrives. */
export async function dropTextFile(page: Page, target: Locator, text: string, name = 'pointers.txt') {
  const dataTransfer = await page.evaluateHandle(
    ([t, n]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'text/plain' }));
      return dt;
    },
    [text, name] as const,
  );
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
  await dataTransfer.dispose();
}

declare global {
  interface Window {
    /** The progress text showing when cancelOnFirstProgress pressed Cancel import. */
    __cancelPressedAt?: string | undefined;
  }
}

/**
 * Presses "Cancel import" from inside the page the moment the import's progress
 * text first shows "N of M pointers" (a person's fastest click, without the
 * round trips of a Playwright click to the busy test process).
 */
export async function cancelOnFirstProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const obs = new MutationObserver(() => {
      const status = [...document.querySelectorAll('dialog [role="status"]')].find((s) =>
        /[\d,]+ of [\d,]+ pointers/.test(s.textContent ?? ''),
      );
      const cancel = [...(status?.querySelectorAll('button') ?? [])].find(
        (btn) => btn.textContent === 'Cancel import',
      );
      if (!cancel) return;
      obs.disconnect();
      window.__cancelPressedAt = status?.textContent?.match(/[\d,]+ of [\d,]+ pointers/)?.[0];
      cancel.click();
    });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/** A pointer's JSON with every straight quote turned into typographic ones, as chat apps do. */
export function curlyQuotes(pointer: string): string {
  let open = true;
  return pointer.replace(/"/g, () => {
    const q = open ? '\u201C' : '\u201D';
    open = !open;
    return q;
  });
}

/**
 * A third person with no window: a vault in a temp folder that receives the first
 * pointer of a sealed chat (so it holds the same chat id and key) and then writes
 * `count` messages into it in one transaction. Returns the pointers, in order.
 */
export async function bulkPointers(
  firstPointer: string,
  secret: string,
  count: number,
  nickname = 'carol',
): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'clm-e2e-bulk-'));
  let opened: Messenger | undefined;
  try {
    const m = Messenger.open(join(dir, 'vault.sqlite'), { chatLog2N: 12, profileLog2N: 12 });
    opened = m;
    await m.createProfile(nickname, `${nickname} master phrase`);
    const [o] = await m.importPaste(firstPointer, { secret });
    if (o?.kind !== 'stored') throw new Error(`the bulk sender could not join the chat: ${o?.message}`);
    const chatId = o.chatId as LocalChatId;
    const pointers: string[] = [];
    m.batch(() => {
      for (let i = 0; i < count; i++) pointers.push(m.send(chatId, `bulk message ${i + 1}`).pointer);
    });
    return pointers;
  } finally {
    await opened?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
