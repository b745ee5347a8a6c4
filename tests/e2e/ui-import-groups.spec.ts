// Import grouped by chat: one secret (and one name) per chat, all its pointers at once.
import { closeImport, importDialog, sendAndTake } from './exchange-helpers.js';
import { type AppHandle, expect, test } from './harness.js';
import { chatEntry, createProfile, importText, newChat, receive, shot, textsOf } from './ui-helpers.js';

let a: AppHandle;
let b: AppHandle;

test.beforeEach(async ({ launch }) => {
  [a, b] = await Promise.all([launch(), launch()]);
  await Promise.all([createProfile(a.page, 'alice'), createProfile(b.page, 'bob')]);
});

/** Alice's chat `name` and `count` pointers of it. */
async function pointersOf(name: string, secret: string, count: number, legacy?: { id: string }) {
  await newChat(a.page, name, secret, legacy);
  const out: string[] = [];
  for (let i = 1; i <= count; i++) out.push(await sendAndTake(a, `${name} ${i}`));
  return out;
}

/** A sealed pointer with one character of its ciphertext changed. */
function tampered(pointer: string): string {
  const p = JSON.parse(pointer) as { d: string };
  const c = p.d[5] === 'A' ? 'B' : 'A';
  return JSON.stringify({ ...p, d: `${p.d.slice(0, 5)}${c}${p.d.slice(6)}` });
}

test('three pointers of one new chat: one group, one secret, one name, all three stored in one chat', async () => {
  const three = await pointersOf('Garden', 'green thumb', 3);
  const d = await importText(b.page, three.join('\n\n'));
  const results = d.getByRole('region', { name: 'Import results' });
  await expect(results.getByRole('status')).toHaveText('3 pointers: 3 of a new chat');
  const group = results.getByRole('region', { name: 'A new chat' });
  await expect(results.getByRole('region')).toHaveCount(1);
  await expect(group.getByRole('listitem')).toHaveCount(3);
  // One secret for the three.
  await expect(group.getByLabel('Chat secret for these 3 pointers')).toHaveCount(1);
  await group.getByLabel('Chat secret for these 3 pointers').fill('a wrong one');
  await group.getByRole('button', { name: 'Check secret' }).click();
  await expect(group.getByRole('alert')).toHaveText(
    'This secret does not open it, or the pointer was altered; nothing was stored.',
  );
  expect(b.messenger.listChats()).toEqual([]);
  await group.getByLabel('Chat secret for these 3 pointers').fill('green thumb');
  await group.getByRole('button', { name: 'Check secret' }).click();
  const name = group.getByLabel('Name for the new chat');
  await expect(name).toHaveValue('Garden');
  await expect(group).toContainText('All 3 pointers go into it.');
  await shot(b.page, '16-import-group-name');
  await name.fill('Our garden');
  await group.getByRole('button', { name: 'Create chat' }).click();

  const mine = results.getByRole('region', { name: 'Chat "Our garden"' });
  await expect(mine.getByRole('listitem')).toHaveCount(3);
  await expect(mine.getByRole('listitem').nth(0)).toContainText('New chat "Our garden" created');
  await expect(mine.getByRole('listitem').nth(1)).toContainText('Stored in chat "Our garden"');
  await expect(mine.getByRole('listitem').nth(2)).toContainText('Stored in chat "Our garden"');
  await expect(mine.getByRole('textbox')).toHaveCount(0);
  await closeImport(b.page);
  expect(b.messenger.listChats().map((c) => c.name)).toEqual(['Our garden']);
  expect(textsOf(b, 'Our garden')).toEqual(['Garden 1', 'Garden 2', 'Garden 3']);
});

test('a paste of two chats, one known and locked: a group each, the summary counts chats', async () => {
  const known = await pointersOf('Known', 'known secret', 2);
  const fresh = await pointersOf('Fresh', 'fresh secret', 2);
  await receive(b.page, known[0] ?? '', 'known secret');
  await chatEntry(b.page, 'Known').click();
  await b.page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(b.page.getByRole('button', { name: 'Unlock' })).toBeVisible();
  const d = await importText(b.page, [fresh[0], known[1], fresh[1]].join('\n'));
  const results = d.getByRole('region', { name: 'Import results' });
  await expect(results.getByRole('status')).toHaveText(
    '3 pointers in 2 chats: 2 of a new chat, 1 waiting for the secret',
  );
  const locked = results.getByRole('region', { name: 'Chat "Known"' });
  await locked.getByLabel('Chat secret for this pointer').fill('known secret');
  await locked.getByRole('button', { name: 'Unlock and import' }).click();
  await expect(locked.getByRole('listitem')).toContainText('Stored in chat "Known"');
  // The focus moves on to the group still asking.
  await expect(
    results.getByRole('region', { name: 'A new chat' }).getByLabel('Chat secret for these 2 pointers'),
  ).toBeFocused();
  await closeImport(b.page);
  expect(textsOf(b, 'Known')).toEqual(['Known 1', 'Known 2']);
});

test("the original program's chats 0 to 2 are offered its names; the top secret field's new chat can be renamed", async () => {
  const [urgent = ''] = await pointersOf('Whatever', 'red phone', 1, { id: '0' });
  const d = await importText(b.page, urgent);
  const group = d.getByRole('region', { name: 'A new legacy chat (id 0)' });
  await group.getByLabel('Chat secret for this pointer').fill('red phone');
  await group.getByRole('button', { name: 'Check secret' }).click();
  await expect(group.getByLabel('Name for the new chat')).toHaveValue('Urgent');
  await closeImport(b.page);
  expect(b.messenger.listChats()).toEqual([]);

  // With the dialog's own secret field the chat is created at once, and its name stays the person's to choose.
  const d2 = await importText(b.page, urgent, 'red phone');
  const created = d2.getByRole('region', { name: 'Chat "Urgent"' });
  await expect(created.getByRole('listitem')).toContainText('New chat "Urgent" created');
  await created.getByLabel('Name of the new chat').fill('Alarm line');
  await created.getByRole('button', { name: 'Rename' }).click();
  await expect(created.getByRole('status')).toHaveText('Renamed to "Alarm line".');
  await closeImport(b.page);
  await expect(chatEntry(b.page, 'Alarm line')).toBeVisible();
});

test('a tampered pointer with the right secret says the secret does not open it or it was altered', async () => {
  const [p = ''] = await pointersOf('Vault', 'steel door', 1);
  const d = await importText(b.page, tampered(p), 'steel door');
  const row = d.getByRole('region', { name: 'Import results' }).getByRole('listitem');
  await expect(row).toContainText('This secret does not open it, or the pointer was altered');
  expect(b.messenger.listChats()).toEqual([]);
  await expect(importDialog(b.page)).toBeVisible();
});
