// Managing a chat: its menu (rename, clear history, delete) and its details (format, fingerprint).
import { expect, test } from './harness.js';
import {
  chatEntry,
  chatIdOf,
  createProfile,
  detail,
  messagesLog,
  newChat,
  openChatMenuItem,
  receive,
  sendMessage,
  shot,
  summaryOf,
} from './ui-helpers.js';

test('chat menu: rename (prefilled), clear history, delete chat, each behind a dialog', async ({ app }) => {
  const page = app.page;
  await createProfile(page, 'mona');
  await newChat(page, 'Other chat', 'other secret');
  await newChat(page, 'Menu chat', 'menu secret');
  await sendMessage(page, 'first words');
  await sendMessage(page, 'second words');

  await page.getByRole('button', { name: 'Chat menu' }).click();
  const menu = page.getByRole('menu', { name: 'Chat menu' });
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Rename…',
    'Chat details…',
    'Export pointers…',
    'Hide this chat…',
    'Clear history…',
    'Delete chat…',
  ]);
  await menu.getByRole('menuitem', { name: 'Rename…' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename chat' });
  await expect(rename.getByRole('textbox', { name: 'New name' })).toHaveValue('Menu chat');
  await rename.getByRole('textbox', { name: 'New name' }).fill('Renamed chat');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Renamed chat', level: 2 })).toBeVisible();
  await expect(chatEntry(page, 'Renamed chat')).toBeVisible();
  await expect(chatEntry(page, 'Menu chat')).toHaveCount(0);

  await openChatMenuItem(page, 'Clear history…');
  const clear = page.getByRole('dialog', { name: 'Clear history' });
  await expect(clear).toContainText('Delete all 2 messages of "Renamed chat" forever?');
  await clear.getByRole('button', { name: 'Clear history' }).click();
  await expect(clear).toBeHidden();
  await expect(page.getByText('No messages yet. Write the first one below.')).toBeVisible();
  await expect(chatEntry(page, 'Renamed chat')).toHaveAccessibleName(/ 0 messages$/);
  expect(app.messenger.history(chatIdOf(app, 'Renamed chat')).total).toBe(0);

  // Delete: Cancel keeps the chat; confirming removes it from the list.
  await openChatMenuItem(page, 'Delete chat…');
  let del = page.getByRole('dialog', { name: 'Delete chat' });
  await del.getByRole('button', { name: 'Cancel' }).click();
  await expect(del).toBeHidden();
  await expect(chatEntry(page, 'Renamed chat')).toBeVisible();
  await openChatMenuItem(page, 'Delete chat…');
  del = page.getByRole('dialog', { name: 'Delete chat' });
  await expect(del).toContainText('Delete "Renamed chat" and all its messages from this computer?');
  await del.getByRole('button', { name: 'Delete chat' }).click();
  await expect(del).toBeHidden();
  await expect(chatEntry(page, 'Renamed chat')).toHaveCount(0);
  await expect(chatEntry(page, 'Other chat')).toBeVisible();
  await expect(page.getByRole('main', { name: 'No chat selected' })).toBeVisible();
  expect(app.messenger.listChats().map((c) => c.name)).toEqual(['Other chat']);
});

test('details: format, id, k or suffix, fingerprint code and picture; same code on two profiles', async ({
  app,
  launch,
}) => {
  const page = app.page;
  await createProfile(page, 'alice');
  await newChat(page, 'Shared', 'river stone');
  await sendMessage(page, 'hi bob, compare codes?');
  const pointer = app.clipboard.text;
  const wire = summaryOf(app, 'Shared').wireId;

  await page.getByRole('button', { name: 'Details', exact: true }).click();
  const d = page.getByRole('dialog', { name: 'Chat details' });
  await expect(detail(d, 'Name')).toHaveText('Shared');
  await expect(detail(d, 'Format')).toHaveText('Sealed v2 (authenticated)');
  await expect(detail(d, 'Chat id')).toHaveText(wire);
  await expect(detail(d, 'Cost k')).toHaveText('12');
  await expect(d.getByRole('term').filter({ hasText: 'Seed suffix' })).toHaveCount(0);
  const code = d.getByText(/^\d{5} \d{5} \d{5} \d{5} \d{5}$/);
  await expect(code).toBeVisible();
  const codeA = (await code.textContent()) ?? '';
  const pictureA = d.getByRole('img', { name: 'Fingerprint picture' });
  await expect(pictureA).toBeVisible();
  const svgA = await pictureA.innerHTML();
  await shot(page, '21-details');
  await d.getByRole('button', { name: 'Close' }).click();
  await expect(d).toBeHidden();

  // A second person imports A's pointer with the secret: the same chat, the same code and picture.
  const b = await launch();
  await createProfile(b.page, 'bob');
  await receive(b.page, pointer, 'river stone');
  await chatEntry(b.page, 'Shared').click();
  await expect(messagesLog(b.page).getByText('hi bob, compare codes?')).toBeVisible();
  await b.page.getByRole('button', { name: 'Details', exact: true }).click();
  const db = b.page.getByRole('dialog', { name: 'Chat details' });
  await expect(detail(db, 'Chat id')).toHaveText(wire);
  await expect(db.getByText(/^\d{5} \d{5} \d{5} \d{5} \d{5}$/)).toHaveText(codeA);
  expect(await db.getByRole('img', { name: 'Fingerprint picture' }).innerHTML()).toBe(svgA);

  // A legacy chat shows its suffix (no k) and the legacy warning.
  await newChat(page, 'Old school', 'legacy pass', { id: 'room42', suffix: 'mysuffix' });
  await page.getByRole('button', { name: 'Details', exact: true }).click();
  const dl = page.getByRole('dialog', { name: 'Chat details' });
  await expect(detail(dl, 'Format')).toHaveText('Legacy (original console program, CLM 2.0.x)');
  await expect(detail(dl, 'Chat id')).toHaveText('room42');
  await expect(detail(dl, 'Seed suffix')).toHaveText('mysuffix');
  await expect(dl.getByRole('term').filter({ hasText: 'Cost k' })).toHaveCount(0);
  await expect(dl.getByText(/^\d{5} \d{5} \d{5} \d{5} \d{5}$/)).toBeVisible();
  await expect(dl.getByText(/^\d{5} \d{5} \d{5} \d{5} \d{5}$/)).not.toHaveText(codeA);
  await expect(dl.getByRole('img', { name: 'Fingerprint picture' })).toBeVisible();
  await expect(dl.getByText(/Legacy pointers are not authenticated/)).toBeVisible();
});
