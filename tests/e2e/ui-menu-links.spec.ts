// The application menu's shortcuts as the page receives them from main, and a message copied as a
// clm:// link.
import { EVENT_CHANNEL, type MenuCommand } from '../../src-shared/contract.js';
import { linkToText } from '../../src-shared/link.js';
import { type AppHandle, expect, test } from './harness.js';
import {
  bubble,
  chatEntry,
  chatIdOf,
  createProfile,
  describedAs,
  messagesLog,
  newChat,
  sendMessage,
} from './ui-helpers.js';

/** What main sends when a menu item (or its shortcut) is chosen. */
const menu = (app: AppHandle, command: MenuCommand) =>
  app.page.evaluate(([ch, payload]) => window.__clmDispatch(ch as string, payload), [
    EVENT_CHANNEL,
    { type: 'menu', command },
  ] as const);

test('menu: New chat, Import and Search open what they name; Lock all shows in the list', async ({ app }) => {
  const page = app.page;
  await createProfile(page, 'mia');
  await newChat(page, 'Plans', 'river stone');
  await sendMessage(page, 'menu test');

  await menu(app, 'new-chat');
  const created = page.getByRole('dialog', { name: 'New chat' });
  await expect(created).toBeVisible();
  // A dialog already open keeps the screen: Import from the menu does not replace it.
  await menu(app, 'import');
  await expect(created).toBeVisible();
  await expect(page.getByRole('dialog', { name: /Import/ })).toHaveCount(0);
  await created.getByRole('button', { name: 'Cancel' }).click();
  await expect(created).toBeHidden();

  await menu(app, 'import');
  const importing = page.getByRole('dialog', { name: /Import/ });
  await expect(importing).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(importing).toBeHidden();

  await menu(app, 'open-hidden');
  const hidden = page.getByRole('dialog', { name: 'Open a hidden chat' });
  await expect(hidden).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(hidden).toBeHidden();

  await page.getByLabel('Search this chat').fill('menu');
  await page.getByLabel('Message', { exact: true }).focus();
  await menu(app, 'search');
  await expect(page.getByLabel('Search this chat')).toBeFocused();

  // The Lock all button: the list shows the lock once main says so.
  await page.getByRole('button', { name: 'Lock all' }).click();
  await expect(chatEntry(page, 'Plans')).toHaveAccessibleName(/ locked /);
  const unlock = page.getByRole('form', { name: 'Unlock Plans' });
  await unlock.getByLabel('Chat secret').fill('river stone');
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await expect(chatEntry(page, 'Plans')).toHaveAccessibleName(/ open /);

  // Lock all from the menu goes to the messenger in main, which tells the page.
  app.messenger.lockAll('request');
  await expect(chatEntry(page, 'Plans')).toHaveAccessibleName(/ locked /);
});

test('Copy as link puts a clm:// link to the message on the clipboard', async ({ app }) => {
  const page = app.page;
  await createProfile(page, 'noa');
  await newChat(page, 'Plans', 'river stone');
  await sendMessage(page, 'as a link');
  const b = bubble(messagesLog(page), 'as a link');
  const it = await describedAs(b);
  await b.getByRole('button', { name: `Copy as link: ${it}` }).click();
  await expect(page.getByText(/^Link copied/)).toBeVisible();
  const pointer = app.messenger.history(chatIdOf(app, 'Plans')).messages[0]?.pointer;
  expect(app.clipboard.text).toMatch(/^clm:\/\/import\?p=/);
  expect(linkToText(app.clipboard.text)).toEqual({ ok: true, text: pointer });
});
