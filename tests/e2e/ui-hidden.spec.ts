// Hidden chats in the window (issue 13): created hidden, used, gone on lock; opened again by the
// secret alone; a pointer of a closed one reads as unknown until its secret routes it there; an
// existing chat hidden and shown. Screenshots of the list before and after opening one.
import type { Page } from '@playwright/test';
import { openImport, sendAndTake } from './exchange-helpers.js';
import { type AppHandle, expect, test } from './harness.js';
import {
  chatEntry,
  createProfile,
  messagesLog,
  newChat,
  openChatMenuItem,
  receive,
  sendMessage,
  shot,
  tabTo,
} from './ui-helpers.js';

const WHISTLE = 'whistle secret';
const NO_HIDDEN = 'No hidden chat opens with this secret.';

/** The chats the service lists for this window's login: names, each marked when hidden. */
const listed = (app: AppHandle) =>
  app.messenger
    .listChats()
    .map((c) => (c.hidden ? `${c.name} (hidden)` : c.name))
    .sort();

/** New chat, with the Hidden chat box ticked. */
async function newHiddenChat(page: Page, name: string, secret: string): Promise<void> {
  await page.getByRole('button', { name: 'New chat' }).click();
  const d = page.getByRole('dialog', { name: 'New chat' });
  await d.getByLabel('Name').fill(name);
  await d.getByLabel('Chat secret', { exact: true }).fill(secret);
  await d.getByLabel('Chat secret again').fill(secret);
  await d.getByRole('checkbox', { name: 'Hidden chat' }).check();
  await d.getByRole('button', { name: 'Create chat' }).click();
  await expect(d).toBeHidden();
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
}

/** Open a hidden chat…, the secret, Open: the dialog closes on the chat. */
async function openHidden(page: Page, secret: string): Promise<void> {
  await page.getByRole('button', { name: 'Open a hidden chat…' }).click();
  const d = page.getByRole('dialog', { name: 'Open a hidden chat' });
  await d.getByLabel('Chat secret').fill(secret);
  await d.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(d).toBeHidden();
}

test('a hidden chat: created and used, gone on lock, back with its secret alone', async ({ app }) => {
  const page = app.page;
  await createProfile(page, 'hana');
  await newChat(page, 'Book club', 'club secret');
  await sendMessage(page, 'chapter three on Friday');
  await newHiddenChat(page, 'Whistle', WHISTLE);
  await expect(chatEntry(page, 'Whistle')).toHaveAccessibleName(/ hidden /);
  await expect(chatEntry(page, 'Book club')).not.toHaveAccessibleName(/ hidden /);
  await sendMessage(page, 'meet at the quay');
  expect(listed(app)).toEqual(['Book club', 'Whistle (hidden)']);

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(chatEntry(page, 'Whistle')).toHaveCount(0);
  await expect(page.getByRole('main', { name: 'No chat selected' })).toBeVisible();
  await expect(page.getByText('Hidden chat closed: only its secret opens it again.')).toBeVisible();
  // Nothing on the screen names it once it is closed.
  await expect(page.getByText(/Whistle/)).toHaveCount(0);
  // Its place gone, the focus goes to the list.
  await expect(chatEntry(page, 'Book club'), 'after the hidden chat closed: the list').toBeFocused();
  expect(listed(app)).toEqual(['Book club']);
  await expect(page.getByRole('list', { name: 'Chats' }).getByRole('listitem')).toHaveCount(1);
  await shot(page, 'hidden-before');

  // A wrong secret: one sentence, nothing opened.
  await page.getByRole('button', { name: 'Open a hidden chat…' }).click();
  const d = page.getByRole('dialog', { name: 'Open a hidden chat' });
  await expect(d.getByLabel('Chat secret')).toBeFocused();
  await d.getByLabel('Chat secret').fill('club secret');
  await d.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(d.getByRole('alert')).toHaveText(NO_HIDDEN);
  expect(listed(app)).toEqual(['Book club']);
  await d.getByLabel('Chat secret').fill(WHISTLE);
  await d.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(d).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Whistle', level: 2 })).toBeVisible();
  await expect(messagesLog(page)).toContainText('meet at the quay');
  await expect(chatEntry(page, 'Whistle')).toHaveAttribute('aria-current', 'true');
  await expect(chatEntry(page, 'Whistle')).toHaveAccessibleName(/ hidden /);
  await expect(page.getByLabel('Message', { exact: true })).toBeFocused();
  await shot(page, 'hidden-after');

  // Logging out closes it too.
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByLabel('Master phrase').fill('hana master phrase');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(chatEntry(page, 'Book club')).toBeVisible();
  await expect(chatEntry(page, 'Whistle')).toHaveCount(0);
  expect(listed(app)).toEqual(['Book club']);
});

test('a closed hidden chat’s pointer reads as an unknown chat; its secret stores it there, no visible copy', async ({
  app,
  launch,
}) => {
  const page = app.page;
  await createProfile(page, 'hana');
  await newHiddenChat(page, 'Whistle', WHISTLE);
  const first = await sendAndTake(app, 'meet at the quay');
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(chatEntry(page, 'Whistle')).toHaveCount(0);

  // Bob holds the same chat, visibly, and answers.
  const bob = await launch();
  await createProfile(bob.page, 'bob');
  await receive(bob.page, first, WHISTLE);
  await chatEntry(bob.page, 'Whistle').click();
  const reply = await sendAndTake(bob, 'at noon');

  const d = await openImport(page, reply);
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  const group = d.getByRole('region', { name: 'Import results' }).getByRole('region').first();
  await expect(group).toHaveAccessibleName('A new chat');
  await expect(group.getByRole('listitem')).toContainText('New chat');
  expect(listed(app)).toEqual([]);

  await group.getByLabel('Chat secret for this pointer').fill(WHISTLE);
  await group.getByRole('button', { name: 'Check secret' }).click();
  await expect(group.getByLabel('Name for the new chat')).toBeVisible();
  await group.getByRole('button', { name: 'Create chat' }).click();
  await expect(group.getByRole('listitem')).toContainText('Stored');
  await d.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(d).toBeHidden();

  // One chat, the hidden one, open now and holding both messages.
  expect(listed(app)).toEqual(['Whistle (hidden)']);
  await chatEntry(page, 'Whistle').click();
  await expect(messagesLog(page)).toContainText('meet at the quay');
  await expect(messagesLog(page)).toContainText('at noon');
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(chatEntry(page, 'Whistle')).toHaveCount(0);
  expect(listed(app)).toEqual([]);
});

test('a chat created on receipt can be made hidden from the import dialog', async ({ app, launch }) => {
  const bob = await launch();
  await createProfile(bob.page, 'bob');
  await newChat(bob.page, 'Whistle', WHISTLE);
  const pointer = await sendAndTake(bob, 'meet at the quay');

  const page = app.page;
  await createProfile(page, 'hana');
  const d = await openImport(page, pointer);
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  const group = d.getByRole('region', { name: 'Import results' }).getByRole('region').first();
  await group.getByLabel('Chat secret for this pointer').fill(WHISTLE);
  await group.getByRole('button', { name: 'Check secret' }).click();
  await group.getByRole('checkbox', { name: 'Hidden chat' }).check();
  await group.getByRole('button', { name: 'Create chat' }).click();
  await expect(group.getByRole('listitem')).toContainText('Stored');
  await d.getByRole('button', { name: 'Close', exact: true }).click();
  expect(listed(app)).toEqual(['Whistle (hidden)']);
  await expect(chatEntry(page, 'Whistle')).toHaveAccessibleName(/ hidden /);
  await chatEntry(page, 'Whistle').click();
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(chatEntry(page, 'Whistle')).toHaveCount(0);
  expect(listed(app)).toEqual([]);
});

test('hide an existing chat (its secret asked again), then show it in the list again', async ({ app }) => {
  const page = app.page;
  await createProfile(page, 'hana');
  await newChat(page, 'Plans', 'plans secret');
  await sendMessage(page, 'the first plan');

  await openChatMenuItem(page, 'Hide this chat…');
  const hide = page.getByRole('dialog', { name: 'Hide this chat' });
  await expect(hide.getByLabel('Chat secret')).toBeFocused();
  await hide.getByLabel('Chat secret').fill('not the secret');
  await hide.getByRole('button', { name: 'Hide chat' }).click();
  await expect(hide.getByRole('alert')).toHaveText('That is not the secret of chat "Plans".');
  expect(listed(app)).toEqual(['Plans']);
  await hide.getByLabel('Chat secret').fill('plans secret');
  await hide.getByRole('button', { name: 'Hide chat' }).click();
  await expect(hide).toBeHidden();
  await expect(chatEntry(page, 'Plans')).toHaveAccessibleName(/ hidden /);
  await expect(messagesLog(page)).toContainText('the first plan');
  expect(listed(app)).toEqual(['Plans (hidden)']);

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(chatEntry(page, 'Plans')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'New chat' }), 'no chat left: New chat').toBeFocused();
  expect(listed(app)).toEqual([]);

  await openHidden(page, 'plans secret');
  await expect(messagesLog(page)).toContainText('the first plan');
  await openChatMenuItem(page, 'Show in the chat list');
  await expect(chatEntry(page, 'Plans')).not.toHaveAccessibleName(/ hidden /);
  await expect(page.getByRole('heading', { name: 'Plans', level: 2 })).toBeVisible();
  expect(listed(app)).toEqual(['Plans']);
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(chatEntry(page, 'Plans')).toHaveAccessibleName(/ locked /);
});

test('keyboard only: the new dialogs open, close with Escape or Cancel, and give the focus back', async ({
  app,
}) => {
  const page = app.page;
  await createProfile(page, 'hana');
  await newChat(page, 'Plans', 'plans secret');
  const opener = page.getByRole('button', { name: 'Open a hidden chat…' });
  await tabTo(page, opener, true);
  await page.keyboard.press('Enter');
  const open = page.getByRole('dialog', { name: 'Open a hidden chat' });
  await expect(open.getByLabel('Chat secret')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(open).toBeHidden();
  await expect(opener).toBeFocused();
  await page.keyboard.press('Enter');
  await tabTo(page, open.getByRole('button', { name: 'Cancel' }));
  await page.keyboard.press('Enter');
  await expect(open).toBeHidden();
  await expect(opener).toBeFocused();

  const menuButton = page.getByRole('button', { name: 'Chat menu' });
  await menuButton.focus();
  await page.keyboard.press('Enter');
  const item = page
    .getByRole('menu', { name: 'Chat menu' })
    .getByRole('menuitem', { name: 'Hide this chat…' });
  for (let i = 0; i < 8 && !(await item.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const hide = page.getByRole('dialog', { name: 'Hide this chat' });
  await expect(hide.getByLabel('Chat secret')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(hide).toBeHidden();
  await expect(menuButton).toBeFocused();

  // Opening one by keys alone: the secret, Enter; the chat's composer takes the focus.
  await newHiddenChat(page, 'Whistle', WHISTLE);
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(chatEntry(page, 'Whistle')).toHaveCount(0);
  await opener.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type(WHISTLE);
  await page.keyboard.press('Enter');
  await expect(open).toBeHidden();
  await expect(page.getByLabel('Message', { exact: true })).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Whistle', level: 2 })).toBeVisible();
});
