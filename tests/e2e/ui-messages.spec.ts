// A chat's messages: the trash, search, and each message's own buttons.
import { expect, test } from './harness.js';
import {
  bubble,
  chatEntry,
  createProfile,
  describedAs,
  messagesLog,
  newChat,
  receive,
  sendMessage,
  shot,
  summaryOf,
  textsOf,
} from './ui-helpers.js';

test('trash: move, the trash view, restore, delete forever, empty trash; counts follow', async ({ app }) => {
  const page = app.page;
  await createProfile(page, 'tina');
  await newChat(page, 'Trash chat', 'bin lid secret');
  for (const t of ['alpha one', 'bravo two', 'charlie three', 'delta four']) await sendMessage(page, t);
  const entry = chatEntry(page, 'Trash chat');
  const log = messagesLog(page);
  await expect(entry).toHaveAccessibleName(/ 4 messages$/);
  await expect(page.getByRole('button', { name: 'Trash (0)' })).toBeVisible();

  let n = 0;
  for (const t of ['alpha one', 'bravo two', 'charlie three']) {
    const b = bubble(log, t);
    // The button says what a person sees: its text first, then the author and time the bubble shows.
    const trashIt = b.getByRole('button', { name: /^Trash / });
    await expect(trashIt).toHaveAccessibleName(`Trash ${await describedAs(b)}`);
    await trashIt.click();
    n++;
    await expect(page.getByRole('button', { name: `Trash (${n})` })).toBeVisible();
    await expect(entry).toHaveAccessibleName(new RegExp(` ${4 - n} messages?$`));
    await expect(log.getByText(t)).toHaveCount(0);
  }
  await expect(page.getByText('Moved to the trash.').first()).toBeVisible();
  await expect(log.getByText('delta four')).toBeVisible();

  await page.getByRole('button', { name: 'Trash (3)' }).click();
  const back = page.getByRole('button', { name: 'Back to messages' });
  await expect(back).toHaveAttribute('aria-pressed', 'true');
  const trash = page.getByRole('log', { name: 'Trash' });
  for (const t of ['alpha one', 'bravo two', 'charlie three']) {
    const b = bubble(trash, t);
    await expect(b).toBeVisible();
    const it = await describedAs(b);
    expect(it).toMatch(/^the message from You at /);
    await expect(b.getByRole('button', { name: `Restore ${it}`, exact: true })).toBeVisible();
    await expect(b.getByRole('button', { name: `Delete forever: ${it}`, exact: true })).toBeVisible();
  }
  await expect(trash.getByText('delta four')).toHaveCount(0);
  // The trash has no composer and no "Trash" button per message.
  await expect(page.getByLabel('Message', { exact: true })).toHaveCount(0);
  await expect(trash.getByRole('button', { name: /^Trash / })).toHaveCount(0);
  await shot(page, '20-trash');

  // Restore.
  await bubble(trash, 'alpha one')
    .getByRole('button', { name: /^Restore / })
    .click();
  await expect(page.getByText('Restored.').first()).toBeVisible();
  await expect(trash.getByText('alpha one')).toHaveCount(0);
  await expect(entry).toHaveAccessibleName(/ 2 messages$/);
  expect(summaryOf(app, 'Trash chat')).toMatchObject({ count: 2, trashCount: 2 });

  // Delete forever.
  await bubble(trash, 'bravo two')
    .getByRole('button', { name: /^Delete forever/ })
    .click();
  await expect(page.getByText('Deleted forever.').first()).toBeVisible();
  await expect(trash.getByText('bravo two')).toHaveCount(0);
  await expect(trash.getByText('charlie three')).toBeVisible();
  expect(summaryOf(app, 'Trash chat')).toMatchObject({ count: 2, trashCount: 1 });
  expect(textsOf(app, 'Trash chat')).not.toContain('bravo two');
  expect(textsOf(app, 'Trash chat', true)).toEqual(['charlie three']);

  // Empty trash, with its confirmation (Cancel first: nothing happens).
  const emptyButton = page.getByRole('button', { name: 'Empty trash' });
  await emptyButton.click();
  let confirm = page.getByRole('dialog', { name: 'Empty trash' });
  await expect(confirm).toContainText('in the trash forever?');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(trash.getByText('charlie three')).toBeVisible();
  await emptyButton.click();
  confirm = page.getByRole('dialog', { name: 'Empty trash' });
  await confirm.getByRole('button', { name: 'Empty trash' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText('The trash is empty.')).toBeVisible();
  await expect(emptyButton).toBeDisabled();
  expect(summaryOf(app, 'Trash chat')).toMatchObject({ count: 2, trashCount: 0 });

  // Back to the history: the header count is 0 and the restored message is back.
  await back.click();
  await expect(page.getByRole('button', { name: 'Trash (0)' })).toHaveAttribute('aria-pressed', 'false');
  await expect(log.getByText('alpha one')).toBeVisible();
  await expect(log.getByText('delta four')).toBeVisible();
  await expect(entry).toHaveAccessibleName(/ 2 messages$/);
});

test('search finds messages by every word, case-insensitively; Clear search returns to the history', async ({
  app,
}) => {
  const page = app.page;
  await createProfile(page, 'sid');
  await newChat(page, 'Search chat', 'needle haystack');
  for (const t of ['The Quick brown fox', 'lazy dog sleeps', 'QUICK thinking wins'])
    await sendMessage(page, t);
  const box = page.getByRole('searchbox', { name: 'Search this chat' });

  await box.fill('quick');
  await box.press('Enter');
  let results = page.getByRole('region', { name: 'Search results' });
  await expect(results).toContainText('2 results for “quick”');
  await expect(results.getByText('The Quick brown fox')).toBeVisible();
  await expect(results.getByText('QUICK thinking wins')).toBeVisible();
  await expect(results.getByText('lazy dog sleeps')).toHaveCount(0);
  await expect(messagesLog(page)).toHaveCount(0);

  await box.fill('FOX quick');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  results = page.getByRole('region', { name: 'Search results' });
  await expect(results).toContainText('1 result for “FOX quick”');
  await expect(results.getByText('The Quick brown fox')).toBeVisible();
  await expect(results.getByText('QUICK thinking wins')).toHaveCount(0);

  await box.fill('zebra');
  await box.press('Enter');
  await expect(results).toContainText('0 results for “zebra”');

  await results.getByRole('button', { name: 'Clear search' }).click();
  await expect(results).toBeHidden();
  await expect(box).toHaveValue('');
  for (const t of ['The Quick brown fox', 'lazy dog sleeps', 'QUICK thinking wins']) {
    await expect(messagesLog(page).getByText(t)).toBeVisible();
  }
});

test('per-message Copy pointer and QR; the toast after sending offers Show QR', async ({ app }) => {
  const page = app.page;
  await createProfile(page, 'quinn');
  await newChat(page, 'QR chat', 'square dots');
  await sendMessage(page, 'scan me later');
  const sentPointer = app.clipboard.text;

  // The toast after sending: Show QR opens the dialog.
  const toast = page.getByRole('status').filter({ hasText: 'Sent: the pointer is on the clipboard' });
  await toast.getByRole('button', { name: 'Show QR' }).click();
  let qr = page.getByRole('dialog', { name: 'Pointer as a QR code' });
  await expect(qr.getByRole('img', { name: 'QR code of the pointer' })).toBeVisible();
  await qr.getByRole('button', { name: 'Close' }).click();
  await expect(qr).toBeHidden();

  const [m] = app.messenger.history(summaryOf(app, 'QR chat').id).messages;
  if (!m) throw new Error('no message');
  expect(m.pointer).toBe(sentPointer);

  const b = bubble(messagesLog(page), 'scan me later');
  const it = await describedAs(b);
  app.clipboard.text = '';
  await b.getByRole('button', { name: `Copy pointer of ${it}`, exact: true }).click();
  await expect.poll(() => app.clipboard.text).toBe(m.pointer);
  await expect(page.getByText('Pointer copied to the clipboard.')).toBeVisible();

  await b.getByRole('button', { name: `QR code of ${it}`, exact: true }).click();
  qr = page.getByRole('dialog', { name: 'Pointer as a QR code' });
  const img = qr.getByRole('img', { name: 'QR code of the pointer' });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  await shot(page, '22-qr');
  await page.keyboard.press('Escape');
  await expect(qr).toBeHidden();
});

test('a received message: its buttons name its author and time, not a database id', async ({
  app,
  launch,
}) => {
  const page = app.page;
  await createProfile(page, 'rita');
  const sender = await launch();
  await createProfile(sender.page, 'alice');
  await newChat(sender.page, 'Names', 'names secret');
  await sendMessage(sender.page, 'who sent this?');
  await receive(page, sender.clipboard.text, 'names secret');
  await chatEntry(page, 'Names').click();

  const b = bubble(messagesLog(page), 'who sent this?');
  await expect(b).toBeVisible();
  const when = (await b.locator('time').textContent()) ?? '';
  expect(when).not.toBe('');
  const it = `the message from alice at ${when}`;
  for (const name of [`Copy pointer of ${it}`, `QR code of ${it}`, `Trash ${it}`]) {
    await expect(b.getByRole('button', { name, exact: true })).toBeVisible();
  }
  // Each name begins with the button's visible text.
  for (const button of await b.getByRole('button').all()) {
    const text = (await button.textContent()) ?? '';
    expect(await button.getAttribute('aria-label')).toMatch(new RegExp(`^${text}\\b`));
  }
});
