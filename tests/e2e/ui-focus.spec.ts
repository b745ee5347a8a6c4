// Focus, by keyboard: every dialog gives it back to its opener, and every action that removes the
// focused element moves it somewhere sensible (the next message, the list, the composer).
import type { Locator, Page } from '@playwright/test';
import { sendAndTake } from './exchange-helpers.js';
import { type AppHandle, expect, test } from './harness.js';
import { bubble, chatEntry, createProfile, fillByKeys, messagesLog, newChat, tabTo } from './ui-helpers.js';

/** Writes a message from the focused composer, by keyboard. */
async function typeMessage(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await expect(messagesLog(page).getByText(text)).toBeVisible();
}

/** The first button of a message's bubble: where the focus lands when a neighbour is removed. */
const firstButtonOf = (log: Locator, text: string): Locator =>
  bubble(log, text).getByRole('button', { name: /^Copy pointer/ });

/**
 * Opens a dialog with Enter on `opener`, closes it with Escape or by Enter on one of its
 * buttons, and expects the focus back on the opener.
 */
async function roundTrip(
  page: Page,
  opener: Locator,
  dialog: string,
  close: string,
  firstFocused?: (d: Locator) => Locator,
): Promise<void> {
  await opener.focus();
  await page.keyboard.press('Enter');
  const d = page.getByRole('dialog', { name: dialog });
  await expect(d).toBeVisible();
  if (firstFocused) await expect(firstFocused(d), `${dialog}: where the focus starts`).toBeFocused();
  if (close === 'Escape') await page.keyboard.press('Escape');
  else {
    await tabTo(page, d.getByRole('button', { name: close, exact: true }));
    await page.keyboard.press('Enter');
  }
  await expect(d).toBeHidden();
  await expect(opener, `${dialog}, closed with ${close}: the focus is back on its opener`).toBeFocused();
}

/** Opens the chat menu from the keyboard and picks `item` with the arrow keys. */
async function menuItemByKeys(page: Page, item: string): Promise<void> {
  const menu = page.getByRole('menu', { name: 'Chat menu' });
  await page.getByRole('button', { name: 'Chat menu' }).focus();
  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  for (let i = 0; i < 6; i++) {
    if (await menu.getByRole('menuitem', { name: item }).evaluate((el) => el === document.activeElement))
      break;
    await page.keyboard.press('ArrowDown');
  }
  await expect(menu.getByRole('menuitem', { name: item })).toBeFocused();
  await page.keyboard.press('Enter');
}

test('every dialog gives the focus back to what opened it: Escape, Close, Cancel, or its action', async ({
  app,
}) => {
  const page = app.page;
  const kb = page.keyboard;
  await createProfile(page, 'fay');
  const newChatButton = page.getByRole('button', { name: 'New chat' });
  await expect(newChatButton, 'after the profile is created: New chat').toBeFocused();

  await roundTrip(page, newChatButton, 'New chat', 'Escape', (d) => d.getByLabel('Name'));
  await roundTrip(page, newChatButton, 'New chat', 'Cancel');
  const importButton = page.getByRole('button', { name: 'Import pointers' });
  await roundTrip(page, importButton, 'Import pointers', 'Escape', (d) => d.getByLabel(/^Paste one or many/));
  await roundTrip(page, importButton, 'Import pointers', 'Close');
  // Settings opens with the focus in its first section, not past it.
  const settingsButton = page.getByRole('button', { name: 'Settings' });
  const minutes = (d: Locator) =>
    d.getByRole('spinbutton', { name: /^Lock chats after this many idle minutes/ });
  await roundTrip(page, settingsButton, 'Settings', 'Escape', minutes);
  await roundTrip(page, settingsButton, 'Settings', 'Close', minutes);

  // Creating a chat: the dialog goes, and the new chat's composer takes the focus.
  await newChatButton.focus();
  await kb.press('Enter');
  await fillByKeys(page, ['Other', 'other secret', 'other secret']);
  const composer = page.getByLabel('Message', { exact: true });
  await expect(composer, 'after a chat is created: its composer').toBeFocused();
  await newChatButton.focus();
  await kb.press('Enter');
  await fillByKeys(page, ['Focus', 'focus secret', 'focus secret']);
  await expect(page.getByRole('heading', { name: 'Focus', level: 2 })).toBeVisible();
  await expect(composer).toBeFocused();
  await typeMessage(page, 'first note');
  await expect(composer, 'after sending: still the composer').toBeFocused();
  // The toast after sending: its Show QR button gets the focus back, and the toast stays while it has it.
  await roundTrip(page, page.getByRole('button', { name: 'Show QR' }), 'Pointer as a QR code', 'Escape');

  await roundTrip(page, page.getByRole('button', { name: 'Details', exact: true }), 'Chat details', 'Escape');
  await roundTrip(page, page.getByRole('button', { name: 'Details', exact: true }), 'Chat details', 'Close');
  const qrButton = bubble(messagesLog(page), 'first note').getByRole('button', { name: /^QR/ });
  await roundTrip(page, qrButton, 'Pointer as a QR code', 'Escape');
  await roundTrip(page, qrButton, 'Pointer as a QR code', 'Close');

  // The chat menu's dialogs: back to the menu button, whether cancelled or done.
  const menuButton = page.getByRole('button', { name: 'Chat menu' });
  await menuItemByKeys(page, 'Rename…');
  const rename = page.getByRole('dialog', { name: 'Rename chat' });
  await expect(rename.getByRole('textbox', { name: 'New name' })).toBeFocused();
  await kb.press('Escape');
  await expect(menuButton, 'Rename cancelled: the menu button').toBeFocused();
  await menuItemByKeys(page, 'Rename…');
  await kb.press('End');
  await kb.type(' notes');
  await kb.press('Enter');
  await expect(page.getByRole('heading', { name: 'Focus notes', level: 2 })).toBeVisible();
  await expect(menuButton, 'renamed: the menu button').toBeFocused();
  for (const [item, title] of [
    ['Clear history…', 'Clear history'],
    ['Delete chat…', 'Delete chat'],
  ] as const) {
    await menuItemByKeys(page, item);
    const d = page.getByRole('dialog', { name: title });
    // Before something that cannot be undone, the focus starts on the safe choice.
    await expect(d.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await kb.press('Enter');
    await expect(d).toBeHidden();
    await expect(menuButton, `${title} cancelled: the menu button`).toBeFocused();
  }

  // Empty trash: Escape returns to its button; emptying disables that button, so the focus goes back to the messages.
  await bubble(messagesLog(page), 'first note')
    .getByRole('button', { name: /^Trash/ })
    .click();
  const toggle = page.getByRole('button', { name: 'Trash (1)' });
  await toggle.focus();
  await kb.press('Enter');
  const back = page.getByRole('button', { name: 'Back to messages' });
  await expect(back, 'the trash button turned into Back to messages, keeping the focus').toBeFocused();
  const emptyTrash = page.getByRole('button', { name: 'Empty trash' });
  await roundTrip(page, emptyTrash, 'Empty trash', 'Escape');
  await roundTrip(page, emptyTrash, 'Empty trash', 'Cancel');
  await emptyTrash.focus();
  await kb.press('Enter');
  const confirmEmpty = page.getByRole('dialog', { name: 'Empty trash' });
  await tabTo(page, confirmEmpty.getByRole('button', { name: 'Empty trash' }));
  await kb.press('Enter');
  await expect(confirmEmpty).toBeHidden();
  await expect(emptyTrash).toBeDisabled();
  await expect(back, 'trash emptied: Back to messages').toBeFocused();

  // Deleting the chat takes its whole view: the focus goes to the chat list.
  await menuItemByKeys(page, 'Delete chat…');
  const del = page.getByRole('dialog', { name: 'Delete chat' });
  await tabTo(page, del.getByRole('button', { name: 'Delete chat' }));
  await kb.press('Enter');
  await expect(del).toBeHidden();
  await expect(chatEntry(page, 'Other'), 'chat deleted: the remaining chat in the list').toBeFocused();
});

test('taking a message away moves the focus to its neighbour, or the composer; so do Clear search, unlock and login', async ({
  app,
}) => {
  const page = app.page;
  const kb = page.keyboard;
  await createProfile(page, 'gus', 'gus master phrase');
  await newChat(page, 'Moves', 'moving secret');
  const composer = page.getByLabel('Message', { exact: true });
  await expect(composer).toBeFocused();
  for (const t of ['one', 'two', 'three']) await typeMessage(page, t);
  const log = messagesLog(page);
  const trashOf = (t: string) => bubble(log, t).getByRole('button', { name: /^Trash/ });

  // Trash from the middle: the next message; from the end: the one before; the last one: the composer.
  await trashOf('two').focus();
  await kb.press('Enter');
  await expect(log.getByText('two')).toHaveCount(0);
  await expect(firstButtonOf(log, 'three'), 'trashed "two": the next message').toBeFocused();
  await trashOf('three').focus();
  await kb.press('Enter');
  await expect(firstButtonOf(log, 'one'), 'trashed the newest: the one before').toBeFocused();
  // From its first button to its Trash button by keyboard (Copy pointer, Copy as link, QR, Trash).
  await tabTo(page, trashOf('one'));
  await kb.press('Enter');
  await expect(page.getByText('No messages yet.', { exact: false })).toBeVisible();
  await expect(composer, 'trashed the only message: the composer').toBeFocused();

  // The same in the trash, with Restore and Delete forever; an emptied trash: Back to messages.
  await page.getByRole('button', { name: 'Trash (3)' }).focus();
  await kb.press('Enter');
  const trash = page.getByRole('log', { name: 'Trash' });
  await expect(trash.locator('.bubble')).toHaveCount(3);
  const order = await trash.locator('.bubble .text').allTextContents();
  const [first = '', second = '', third = ''] = order;
  await bubble(trash, first)
    .getByRole('button', { name: /^Restore/ })
    .focus();
  await kb.press('Enter');
  await expect(firstButtonOf(trash, second), 'restored the first: the next one').toBeFocused();
  await bubble(trash, third)
    .getByRole('button', { name: /^Delete forever/ })
    .focus();
  await kb.press('Enter');
  await expect(firstButtonOf(trash, second), 'deleted the last: the one before').toBeFocused();
  await bubble(trash, second)
    .getByRole('button', { name: /^Delete forever/ })
    .focus();
  await kb.press('Enter');
  await expect(page.getByText('The trash is empty.')).toBeVisible();
  const back = page.getByRole('button', { name: 'Back to messages' });
  await expect(back, 'emptied the trash one by one: Back to messages').toBeFocused();
  await kb.press('Enter');

  // Clear search goes with the results: the focus returns to the search box.
  const box = page.getByRole('searchbox', { name: 'Search this chat' });
  await box.focus();
  await kb.type(first);
  await kb.press('Enter');
  const clear = page.getByRole('button', { name: 'Clear search' });
  await tabTo(page, clear);
  await kb.press('Enter');
  await expect(page.getByRole('region', { name: 'Search results' })).toBeHidden();
  await expect(box, 'Clear search: the search box').toBeFocused();

  // Lock: the secret field; a wrong secret keeps the focus there; the right one: the composer.
  await page.getByRole('button', { name: 'Lock', exact: true }).focus();
  await kb.press('Enter');
  const unlock = page.getByRole('form', { name: 'Unlock Moves' });
  await expect(unlock.getByLabel('Chat secret')).toBeFocused();
  await kb.type('not the secret');
  await kb.press('Enter');
  await expect(unlock.getByRole('alert')).toBeVisible();
  await expect(unlock.getByLabel('Chat secret')).toBeFocused();
  await unlock.getByLabel('Chat secret').fill('moving secret');
  await kb.press('Enter');
  await expect(composer, 'unlocked: the composer').toBeFocused();

  // Logging out and in: the master phrase field, then the chat list.
  await page.getByRole('button', { name: 'Log out' }).focus();
  await kb.press('Enter');
  await expect(page.getByLabel('Master phrase')).toBeFocused();
  await kb.type('gus master phrase');
  await kb.press('Enter');
  await expect(chatEntry(page, 'Moves'), 'logged in: the chat list').toBeFocused();
});

/** Bob's pointers of a chat Ana does not have yet: `count` messages in a new chat `name`. */
async function pointersOf(bob: AppHandle, name: string, count: number): Promise<string[]> {
  await newChat(bob.page, name, `${name} secret`);
  const out: string[] = [];
  for (let i = 1; i <= count; i++) out.push(await sendAndTake(bob, `${name} message ${i}`));
  return out;
}

test('import: the focus stays on Import, moves to the next chat asking for a secret, then back to the opener', async ({
  app,
  launch,
}) => {
  const page = app.page;
  const kb = page.keyboard;
  const bob = await launch();
  await createProfile(bob.page, 'bob');
  const [once = ''] = await pointersOf(bob, 'Once', 1);
  const twice = await pointersOf(bob, 'Twice', 2);
  const thrice = await pointersOf(bob, 'Thrice', 1);
  await createProfile(page, 'ana');

  const importButton = page.getByRole('button', { name: 'Import pointers' });
  const d = page.getByRole('dialog', { name: 'Import pointers' });
  // One group per chat, each with one form for all its pointers.
  const rows = d.getByRole('region', { name: 'Import results' }).getByRole('region');
  /** Opens the dialog, pastes, and presses Enter on Import, which keeps the focus while it works. */
  const importByKeys = async (text: string) => {
    await importButton.focus();
    await kb.press('Enter');
    await expect(d.getByLabel(/^Paste one or many/)).toBeFocused();
    await kb.insertText(text);
    const go = d.getByRole('button', { name: 'Import', exact: true });
    await tabTo(page, go);
    await kb.press('Enter');
    await expect(rows.first()).toContainText('New chat');
    await expect(go, 'imported: the focus is still on Import').toBeFocused();
  };
  /** Gives a group its secret and keeps the name offered, by keyboard. */
  const answer = async (row: Locator, secret: string) => {
    await row.getByLabel(/^Chat secret for th/).focus();
    await kb.type(secret);
    await kb.press('Enter');
    await expect(row.getByLabel('Name for the new chat')).toBeFocused();
    await kb.press('Enter');
    await expect(row).toContainText('created and the message stored');
  };

  // One pointer: once its form is done, nothing else asks, so the focus goes to Close.
  await importByKeys(once);
  await answer(rows.first(), 'Once secret');
  await expect(d.getByRole('button', { name: 'Close', exact: true })).toBeFocused();
  await kb.press('Enter');
  await expect(d).toBeHidden();
  await expect(importButton, 'import closed: its opener').toBeFocused();

  // Two new chats: the first answered (both its pointers), the focus moves to the second's secret.
  await importByKeys([...twice, ...thrice].join('\n'));
  await expect(rows).toHaveCount(2);
  await answer(rows.nth(0), 'Twice secret');
  await expect(rows.nth(0).getByRole('listitem')).toHaveCount(2);
  await expect(rows.nth(1).getByLabel('Chat secret for this pointer')).toBeFocused();
  await kb.press('Escape');
  await expect(d).toBeHidden();
  await expect(importButton).toBeFocused();
});
