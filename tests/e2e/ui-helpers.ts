import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

export const SHOTS = join(import.meta.dirname, '..', 'screenshots');

/** A full-window screenshot into tests/screenshots/, for people to look at (the README says where). */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
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
    await d.getByLabel(/^Legacy/).check();
    await d.getByRole('textbox', { name: 'Chat id' }).fill(legacy.id);
    if (legacy.suffix) await d.getByLabel('Seed suffix').fill(legacy.suffix);
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
