import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { ChatSummary, LocalChatId } from '../../src-shared/types.js';
import type { AppHandle } from './harness.js';

export const SHOTS = join(import.meta.dirname, '..', 'screenshots');

/** A full-window screenshot into tests/screenshots/, for people to look at (the README says where). */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** A closeup: the area `margin` px around `target`, into tests/screenshots/. */
export async function shotAround(page: Page, target: Locator, name: string, margin = 40): Promise<void> {
  const box = await target.boundingBox();
  const view = page.viewportSize();
  if (!box || !view) throw new Error(`${name}: the element is not on screen`);
  const x = Math.max(0, box.x - margin);
  const y = Math.max(0, box.y - margin);
  const width = Math.min(view.width, box.x + box.width + margin) - x;
  const height = Math.min(view.height, box.y + box.height + margin) - y;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), clip: { x, y, width, height } });
}

export async function createProfile(
  page: Page,
  nickname: string,
  master = `${nickname} master phrase`,
): Promise<void> {
  await page.getByLabel('Nickname').fill(nickname);
  await page.getByLabel('Master phrase', { exact: true }).fill(master);
  await page.getByLabel('Master phrase again').fill(master);
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.getByRole('button', { name: 'New chat' })).toBeVisible();
}

export async function newChat(
  page: Page,
  name: string,
  secret: string,
  legacy?: { id: string; suffix?: string },
): Promise<void> {
  await page.getByRole('button', { name: 'New chat' }).click();
  const d = page.getByRole('dialog', { name: 'New chat' });
  await d.getByLabel('Name').fill(name);
  await d.getByLabel('Chat secret', { exact: true }).fill(secret);
  await d.getByLabel('Chat secret again').fill(secret);
  if (legacy) {
    await d.getByRole('radio', { name: /^Legacy/ }).check();
    await d.getByRole('textbox', { name: 'Chat id' }).fill(legacy.id);
    if (legacy.suffix) await d.getByRole('textbox', { name: 'Seed suffix' }).fill(legacy.suffix);
  }
  await d.getByRole('button', { name: 'Create chat' }).click();
  await expect(d).toBeHidden();
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
}

export async function sendMessage(page: Page, text: string): Promise<void> {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByLabel('Message', { exact: true }).press('Enter');
  await expect(page.getByRole('log', { name: 'Messages' }).getByText(text)).toBeVisible();
}

/** Opens the import dialog, pastes, imports, and returns the results region. */
export async function importText(page: Page, text: string, secret?: string) {
  await page.getByRole('button', { name: 'Import pointers' }).click();
  const d = page.getByRole('dialog', { name: 'Import pointers' });
  await d.getByLabel(/Paste one or many pointers/).fill(text);
  if (secret) await d.getByLabel(/Chat secret for locked or new chats/).fill(secret);
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(d.getByRole('region', { name: 'Import results' })).toBeVisible();
  return d;
}

/** The chat named `name`, as the service lists it (the test's view of the vault). */
export function summaryOf(app: AppHandle, name: string): ChatSummary {
  const c = app.messenger.listChats().find((x) => x.name === name);
  if (!c) throw new Error(`no chat named "${name}"`);
  return c;
}

/** The chat's local id, from the service. */
export const chatIdOf = (app: AppHandle, name: string): LocalChatId => summaryOf(app, name).id;

/** The texts of a chat's history (or trash), oldest first, as the service stores them. */
export const textsOf = (app: AppHandle, name: string, trash = false): string[] =>
  app.messenger.history(chatIdOf(app, name), { trash }).messages.map((m) => m.text);

/** A string matched literally inside a RegExp. */
export const literally = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The chat's entry in the sidebar list. Its accessible name is its visible text:
 * name, last activity, format, lock state and count ("Plans 14:02 sealed v2 open 3 messages").
 */
export const chatEntry = (page: Page, name: string): Locator =>
  page.getByRole('list', { name: 'Chats' }).getByRole('button', { name: new RegExp(`^${literally(name)} `) });

/** The open chat's history. */
export const messagesLog = (page: Page): Locator => page.getByRole('log', { name: 'Messages' });

/**
 * The bubble of the message containing `text`, in a history or the trash. (Its buttons are
 * named by what the bubble shows: "Copy pointer of the message from alice at 14:02".)
 */
export const bubble = (log: Locator, text: string): Locator =>
  log.locator('.bubble').filter({ hasText: text });

/** "the message from alice at 14:02": the bubble's author and time as it shows them. */
export async function describedAs(b: Locator): Promise<string> {
  const who = await b.locator('.who').textContent();
  const when = await b.locator('time').textContent();
  return `the message from ${who} at ${when}`;
}

/** The value beside a term of the details dialog's description list. */
export const detail = (dialog: Locator, term: string): Locator =>
  dialog
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${term}$`) })
    .locator('xpath=following-sibling::*[1]');

/** Presses Tab (or Shift+Tab) until `target` has the focus: keyboard only, no clicks. */
export async function tabTo(page: Page, target: Locator, back = false, max = 60): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

/** Types each value into a form's fields from the focused one on, Tab between them, Enter to submit. */
export async function fillByKeys(page: Page, values: string[]): Promise<void> {
  for (const [i, v] of values.entries()) {
    if (i > 0) await page.keyboard.press('Tab');
    await page.keyboard.type(v);
  }
  await page.keyboard.press('Enter');
}

/** Logs out, and back in with the master phrase. */
export async function logoutLogin(page: Page, nickname: string, master: string): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: `Welcome back, ${nickname}` })).toBeVisible();
  await page.getByLabel('Master phrase').fill(master);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('button', { name: 'New chat' })).toBeVisible();
}

/** Opens the chat menu and picks an item. */
export async function openChatMenuItem(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Chat menu' }).click();
  await page.getByRole('menu', { name: 'Chat menu' }).getByRole('menuitem', { name: item }).click();
}

/** Imports one pointer with its chat's secret, expects it stored, and closes the dialog. */
export async function receive(page: Page, pointer: string, secret: string): Promise<void> {
  const d = await importText(page, pointer, secret);
  await expect(d.getByRole('region', { name: 'Import results' })).toContainText('1 stored');
  await d.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(d).toBeHidden();
}
