import type { Page } from '@playwright/test';
import {
  bulkPointers,
  cancelOnFirstProgress,
  closeImport,
  curlyQuotes,
  dropTextFile,
  importDialog,
  openImport,
  pasteEvent,
  resultGroup,
  resultRows,
  sendAndTake,
} from './exchange-helpers.js';
import { type AppHandle, expect, test } from './harness.js';
import { chatEntry, createProfile, importText, messagesLog, newChat, shot } from './ui-helpers.js';

const SECRET = 'paper lantern';

/** Two people, alice (a) and bob (b), each with a profile and a window (closed after each test). */
let a: AppHandle;
let b: AppHandle;

test.beforeEach(async ({ launch }) => {
  [a, b] = await Promise.all([launch(), launch()]);
  await Promise.all([createProfile(a.page, 'alice'), createProfile(b.page, 'bob')]);
});

/** A message imported while its chat is open shows in that chat without reselecting it. */
async function expectShownLive(app: AppHandle, chatName: string, text: string): Promise<void> {
  await expect(app.page.getByRole('heading', { name: chatName, level: 2 })).toBeVisible();
  await expect(
    messagesLog(app.page),
    `"${text}", imported while "${chatName}" is open, shows in it`,
  ).toContainText(text);
}

/** The "no chats" placeholder of the sidebar, and no list of chats. */
async function expectNoChats(app: AppHandle): Promise<void> {
  await expect(app.page.getByText(/^No chats yet/)).toBeVisible();
  await expect(app.page.getByRole('list', { name: 'Chats' })).toHaveCount(0);
  expect(app.messenger.listChats()).toEqual([]);
}

/** The history as the service stores it: direction, author, text. */
function history(app: AppHandle, chatName: string) {
  const chat = app.messenger.listChats().find((c) => c.name === chatName);
  if (!chat) throw new Error(`no chat "${chatName}"`);
  return app.messenger.history(chat.id).messages.map((m) => [m.direction, m.author, m.text]);
}

/** Alice starts a sealed chat and sends one message; Bob receives it with the secret (top-level field). */
async function sealedChatBetween(name = 'Book club'): Promise<string> {
  await newChat(a.page, name, SECRET);
  const p = await sendAndTake(a, 'Chapter 3 by Friday?');
  const d = await importText(b.page, p, SECRET);
  await expect(resultRows(d).first()).toContainText(`New chat "${name}" created and the message stored.`);
  await closeImport(b.page);
  await chatEntry(b.page, name).click();
  await expect(b.page.getByRole('heading', { name, level: 2 })).toBeVisible();
  return p;
}

test('sealed v2 both ways: new chat from a pasted pointer, wrong then right secret, reply, duplicate', async () => {
  await newChat(a.page, 'Book club', SECRET);
  const p1 = await sendAndTake(a, 'Chapter 3 by Friday?');
  expect(JSON.parse(p1)).toMatchObject({ v: 2, k: 12 });

  // Ctrl+V anywhere in Bob's main window (nothing focused that takes text) opens the import dialog pre-filled.
  await expect(b.page.getByRole('dialog')).toHaveCount(0);
  await pasteEvent(b.page, p1);
  const d = importDialog(b.page);
  await expect(d).toBeVisible();
  await expect(d.getByLabel(/Paste one or many pointers/)).toHaveValue(p1);
  await d.getByRole('button', { name: 'Import', exact: true }).click();

  // No secret: the pointer is for a chat Bob does not have; its group asks for its secret first.
  await expect(resultRows(d)).toHaveCount(1);
  const row = resultGroup(d);
  await expect(row).toContainText('New chat');
  await expect(row).toContainText('a chat you do not have yet');
  await expect(row.getByLabel('Secret for this pointer')).toBeVisible();
  await expect(row.getByLabel('Name for the new chat')).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Check secret' })).toBeDisabled();
  await shot(b.page, '11-import-new-chat');

  // A wrong secret: said at once, and nothing is created.
  await row.getByLabel('Secret for this pointer').fill('paper lanterns');
  await row.getByRole('button', { name: 'Check secret' }).click();
  await expect(row.getByRole('alert')).toHaveText(
    'This secret does not open it, or the pointer was altered; nothing was stored.',
  );
  await expectNoChats(b);

  // The right secret: the name is offered from the sender's title, then the chat is created.
  await row.getByLabel('Secret for this pointer').fill(SECRET);
  await row.getByRole('button', { name: 'Check secret' }).click();
  await expect(row.getByLabel('Name for the new chat')).toHaveValue('Book club');
  await expectNoChats(b);
  await row.getByRole('button', { name: 'Create chat' }).click();
  await expect(row).toContainText('Stored');
  await expect(row).toContainText('New chat "Book club" created and the message stored.');
  await expect(row.getByLabel('Secret for this pointer')).toHaveCount(0);
  await closeImport(b.page);
  // Created by an import while no chat was open: unread until it is opened.
  await expect(chatEntry(b.page, 'Book club')).toHaveAccessibleName(
    /^Book club .* sealed v2 open 1 message 1 unread$/,
  );
  await chatEntry(b.page, 'Book club').click();
  await expect(b.page.getByRole('heading', { name: 'Book club', level: 2 })).toBeVisible();
  await expect(messagesLog(b.page)).toContainText('alice');
  await expect(messagesLog(b.page)).toContainText('Chapter 3 by Friday?');

  // Bob replies; Alice imports the reply into the same chat.
  const p2 = await sendAndTake(b, 'Got it, Friday works.');
  const da = await importText(a.page, p2);
  await expect(resultRows(da)).toHaveCount(1);
  await expect(resultRows(da)).toContainText('Stored');
  await expect(resultRows(da)).toContainText('Stored in chat "Book club".');
  await closeImport(a.page);
  expect(a.messenger.listChats()).toHaveLength(1);
  await expectShownLive(a, 'Book club', 'Got it, Friday works.');

  // Both histories show both messages, in order, with the right authors and directions.
  await expect(messagesLog(a.page)).toHaveText(/You.*Chapter 3 by Friday\?.*bob.*Got it, Friday works\./s);
  await expect(messagesLog(b.page)).toHaveText(/alice.*Chapter 3 by Friday\?.*You.*Got it, Friday works\./s);
  expect(history(a, 'Book club')).toEqual([
    ['sent', 'alice', 'Chapter 3 by Friday?'],
    ['received', 'bob', 'Got it, Friday works.'],
  ]);
  expect(history(b, 'Book club')).toEqual([
    ['received', 'alice', 'Chapter 3 by Friday?'],
    ['sent', 'bob', 'Got it, Friday works.'],
  ]);
  await shot(a.page, '14-exchange-a');
  await shot(b.page, '14-exchange-b');

  // The same pointers again: duplicates, on both sides, whether received or sent here.
  // A pointer one sent oneself comes back as the sent message it is.
  for (const [app, p, said] of [
    [a, p2, 'Already stored in chat "Book club".'],
    [a, p1, 'This is a message you sent, already in chat "Book club".'],
    [b, p1, 'Already stored in chat "Book club".'],
    [b, p2, 'This is a message you sent, already in chat "Book club".'],
  ] as const) {
    const dd = await importText(app.page, p);
    await expect(resultRows(dd)).toHaveCount(1);
    await expect(resultRows(dd)).toContainText('Duplicate');
    await expect(resultRows(dd)).toContainText(said);
    await closeImport(app.page);
  }
  expect(history(a, 'Book club')).toHaveLength(2);
  expect(history(b, 'Book club')).toHaveLength(2);
});

test('a real Ctrl+V with the focus on the chat list opens the import dialog with the clipboard', async () => {
  const p = await sealedChatBetween();
  const p2 = await sendAndTake(a, 'And chapter 4?');
  expect(p2).not.toBe(p);
  const origin = new URL(b.page.url()).origin;
  await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await b.page.evaluate((t) => navigator.clipboard.writeText(t), p2);
  await chatEntry(b.page, 'Book club').focus();
  await b.page.keyboard.press('Control+V');
  const d = importDialog(b.page);
  await expect(d).toBeVisible();
  await expect(d.getByLabel(/Paste one or many pointers/)).toHaveValue(p2);
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(resultRows(d)).toContainText('Stored in chat "Book club".');

  // A paste into a text field is the field's own: no import dialog.
  await closeImport(b.page);
  await b.page.getByLabel('Message', { exact: true }).focus();
  await b.page.keyboard.press('Control+V');
  await expect(b.page.getByLabel('Message', { exact: true })).toHaveValue(p2);
  await expect(importDialog(b.page)).toHaveCount(0);
});

test('legacy both ways: preset chat 1, default suffix, warnings in the dialog and in the chat', async () => {
  await a.page.getByRole('button', { name: 'New chat' }).click();
  const nc = a.page.getByRole('dialog', { name: 'New chat' });
  await nc.getByLabel('Name').fill('Console');
  await nc.getByLabel('Chat secret', { exact: true }).fill(SECRET);
  await nc.getByLabel('Chat secret again').fill(SECRET);
  await expect(nc.getByRole('note')).toHaveCount(0);
  await nc.getByLabel(/^Legacy/).check();
  await expect(nc.getByRole('note')).toContainText('Legacy pointers are unauthenticated');
  await expect(nc.getByLabel("The original program's chats")).toHaveValue('1');
  await expect(nc.getByLabel('Chat id', { exact: true })).toHaveValue('1');
  await expect(nc.getByLabel('Seed suffix')).toHaveValue('');
  await expect(nc.getByLabel('Seed suffix')).toHaveAttribute('placeholder', 'general');
  await nc.getByRole('button', { name: 'Create chat' }).click();
  await expect(nc).toBeHidden();
  await expect(a.page.getByRole('heading', { name: 'Console', level: 2 })).toBeVisible();
  await expect(a.page.getByText(/^Legacy chat: pointers are not authenticated/)).toBeVisible();
  await expect(chatEntry(a.page, 'Console')).toHaveAccessibleName(/^Console .* legacy 1 open /);

  const p1 = await sendAndTake(a, 'hello from the new app');
  const json = JSON.parse(p1);
  expect(json).not.toHaveProperty('v');
  expect(String(json.c)).toBe('1');

  // Bob: no secret first, then the secret and a name inline.
  const d = await importText(b.page, p1);
  const row = resultGroup(d);
  await expect(row).toContainText('New chat');
  await row.getByLabel('Secret for this pointer').fill(SECRET);
  await row.getByRole('button', { name: 'Check secret' }).click();
  // Legacy pointers carry no title: the original program's name for chat 1 is offered.
  await expect(row.getByLabel('Name for the new chat')).toHaveValue('General chat');
  await row.getByLabel('Name for the new chat').fill('Console room');
  await row.getByRole('button', { name: 'Create chat' }).click();
  await expect(row).toContainText('New chat "Console room" created and the message stored.');
  await closeImport(b.page);
  await chatEntry(b.page, 'Console room').click();
  await expect(b.page.getByText(/^Legacy chat: pointers are not authenticated/)).toBeVisible();
  await expect(messagesLog(b.page)).toContainText('hello from the new app');

  const p2 = await sendAndTake(b, 'hello back, legacy style');
  expect(String(JSON.parse(p2).c)).toBe('1');
  const da = await importText(a.page, p2);
  await expect(resultRows(da)).toContainText('Stored in chat "Console".');
  await closeImport(a.page);
  await expectShownLive(a, 'Console', 'hello back, legacy style');
  await expect(messagesLog(a.page)).toHaveText(/You.*hello from the new app.*bob.*hello back, legacy style/s);
  expect(history(b, 'Console room')).toEqual([
    ['received', 'alice', 'hello from the new app'],
    ['sent', 'bob', 'hello back, legacy style'],
  ]);
  await shot(b.page, '12-legacy-chat');
});

test('legacy with a custom chat id: the suffix defaults to chat_<id> on both sides', async () => {
  await a.page.getByRole('button', { name: 'New chat' }).click();
  const nc = a.page.getByRole('dialog', { name: 'New chat' });
  await nc.getByLabel('Name').fill('Lab');
  await nc.getByLabel('Chat secret', { exact: true }).fill(SECRET);
  await nc.getByLabel('Chat secret again').fill(SECRET);
  await nc.getByLabel(/^Legacy/).check();
  await nc.getByLabel("The original program's chats").selectOption({ label: 'Another chat id…' });
  await expect(nc.getByLabel('Chat id', { exact: true })).toHaveValue('');
  await nc.getByLabel('Chat id', { exact: true }).fill('lab-7');
  await expect(nc.getByLabel('Seed suffix')).toHaveAttribute('placeholder', 'chat_lab-7');
  await nc.getByRole('button', { name: 'Create chat' }).click();
  await expect(nc).toBeHidden();
  await expect(a.page.getByText(/^Legacy chat: pointers are not authenticated/)).toBeVisible();

  const p1 = await sendAndTake(a, 'custom id here');
  expect(JSON.parse(p1).c).toBe('lab-7');
  // Bob gives the secret in the dialog's top-level field: the chat is created with the default name.
  const d = await importText(b.page, p1, SECRET);
  await expect(resultRows(d)).toContainText('New chat "Legacy chat lab-7" created and the message stored.');
  await closeImport(b.page);
  await chatEntry(b.page, 'Legacy chat lab-7').click();
  const p2 = await sendAndTake(b, 'custom id back');
  const da = await importText(a.page, p2);
  await expect(resultRows(da)).toContainText('Stored in chat "Lab".');
  await closeImport(a.page);
  await expectShownLive(a, 'Lab', 'custom id back');
  expect(b.messenger.listChats()[0]).toMatchObject({ format: 'legacy', wireId: 'lab-7' });
});

test('a locked chat: "Needs the secret" inline, then the top-level secret field', async () => {
  await sealedChatBetween();
  await b.page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(b.page.getByRole('form', { name: 'Unlock Book club' })).toBeVisible();
  await expect(chatEntry(b.page, 'Book club')).toHaveAccessibleName(/locked/);

  // Inline secret.
  const p2 = await sendAndTake(a, 'second message');
  const d = await importText(b.page, p2);
  const row = resultGroup(d);
  await expect(row).toContainText('Needs the secret');
  await expect(row).toContainText('Chat "Book club" is locked');
  await expect(row.getByLabel('Name for the new chat')).toHaveCount(0);
  await row.getByLabel('Secret for this pointer').fill(SECRET);
  await row.getByRole('button', { name: 'Unlock and import' }).click();
  await expect(row).toContainText('Stored in chat "Book club".');
  await closeImport(b.page);
  await expect(b.page.getByRole('form', { name: 'Unlock Book club' })).toHaveCount(0);
  await expect(messagesLog(b.page)).toContainText('second message');

  // A wrong top-level secret: nothing stored, the chat stays locked.
  await b.page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(b.page.getByRole('form', { name: 'Unlock Book club' })).toBeVisible();
  const p3 = await sendAndTake(a, 'third message');
  const dw = await importText(b.page, p3, 'not the secret');
  await expect(resultRows(dw)).toContainText('Not opened');
  await closeImport(b.page);
  await expect(b.page.getByRole('form', { name: 'Unlock Book club' })).toBeVisible();
  expect(b.messenger.listChats()).toMatchObject([{ name: 'Book club', locked: true, count: 2 }]);

  // The right top-level secret.
  const d2 = await importText(b.page, p3, SECRET);
  await expect(resultRows(d2)).toContainText('Stored in chat "Book club".');
  await closeImport(b.page);
  await expect(messagesLog(b.page)).toContainText('third message');
  expect(history(b, 'Book club').map(([, , t]) => t)).toEqual([
    'Chapter 3 by Friday?',
    'second message',
    'third message',
  ]);
});

test('organic creation with a wrong secret creates nothing', async () => {
  await newChat(a.page, 'Book club', SECRET);
  const p = await sendAndTake(a, 'Chapter 3 by Friday?');
  const d = await importText(b.page, p, 'a wrong secret');
  await expect(resultRows(d)).toHaveCount(1);
  await expect(resultRows(d)).toContainText('Not opened');
  await expect(resultRows(d)).toContainText('This secret does not open it, or the pointer was altered');
  await closeImport(b.page);
  await expectNoChats(b);
});

test('a paste of pointers mixed with garbage and typographic quotes: one row each', async () => {
  const p0 = await sealedChatBetween();
  const p1 = await sendAndTake(a, 'plain pointer');
  const p2 = await sendAndTake(a, 'curly pointer');
  const p3 = await sendAndTake(a, 'cut pointer');
  const paste = [
    'Here are the messages from yesterday:',
    p1,
    'and some junk {"hello": "world"} in the middle',
    `from my phone: ${curlyQuotes(p2)}`,
    '{"v":3,"c":"future","k":12}',
    '{"v":2,"c":"too short","k":12,"e":1,"n":"x","d":"y","t":"z"}',
    p0,
    'and a cut one:',
    p3.slice(0, 60),
  ].join('\n');
  const d = await openImport(b.page, paste);
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  const rows = resultRows(d);
  await expect(rows).toHaveCount(7);
  // Grouped by chat, in paste order within each: the chat's three, then the four refused.
  await expect(rows.nth(0)).toContainText('Stored');
  await expect(rows.nth(1)).toContainText('Stored');
  await expect(rows.nth(2)).toContainText('Duplicate');
  await expect(rows.nth(3)).toContainText('Refused');
  await expect(rows.nth(3)).toContainText(`This pointer's "c" field must be a chat id`);
  await expect(rows.nth(4)).toContainText('Refused');
  await expect(rows.nth(4)).toContainText('version 3');
  await expect(rows.nth(5)).toContainText('Refused');
  await expect(rows.nth(5)).toContainText(`This pointer's "c" field must be a chat id of 16 to 64 base64url`);
  await expect(rows.nth(6)).toContainText('Refused');
  await expect(rows.nth(6)).toContainText('not valid JSON');
  await expect(resultGroup(d, 'Not imported').getByRole('listitem')).toHaveCount(4);
  await expect(d.getByRole('region', { name: 'Import results' }).getByRole('status')).toHaveText(
    '7 pointers: 2 stored, 4 refused, 1 duplicate',
  );
  await shot(b.page, '10-import-results');
  await closeImport(b.page);
  await expectShownLive(b, 'Book club', 'curly pointer');
  expect(history(b, 'Book club').map(([, , t]) => t)).toEqual([
    'Chapter 3 by Friday?',
    'plain pointer',
    'curly pointer',
  ]);
});

/** Alice's chat with Bob, and 5000 pointers of it from a third member, Carol. */
async function longPaste(): Promise<{ paste: string; n: number }> {
  const p0 = await sealedChatBetween();
  const bulk = await bulkPointers(p0, SECRET, LONG);
  expect(bulk).toHaveLength(LONG);
  return { paste: bulk.join('\n'), n: LONG };
}
// Large enough that a Playwright click on Cancel (slow here: see below) lands before the end: the
// service imports in batches of 2,000 and cancels between them.
const LONG = 20_000;

/** Opens the import dialog holding a large paste the way a person does: Ctrl+V in the main window. */
async function pasteIntoImport(page: Page, paste: string) {
  await pasteEvent(page, paste);
  const d = importDialog(page);
  await expect(d).toBeVisible();
  await expect(d.getByLabel(/Paste one or many pointers/)).toHaveValue(paste);
  return d;
}

test('a long paste: progress bar, Cancel import, what was stored stays stored, a re-import finishes', async () => {
  test.setTimeout(240_000);
  const { paste, n } = await longPaste();
  const d = await pasteIntoImport(b.page, paste);
  const summary = d.getByRole('region', { name: 'Import results' }).getByRole('status');
  const count = () => b.messenger.listChats()[0]?.count ?? 0;
  const numbers = async () => {
    const text = (await summary.textContent()) ?? '';
    const of = (kind: string) =>
      Number((text.match(new RegExp(`([\\d,]+) ${kind}`))?.[1] ?? '0').replace(/,/g, ''));
    return { duplicate: of('duplicate'), stored: of('stored'), refused: of('cancelled') };
  };

  // 1. Cancel as soon as the first progress shows. (The service runs in this test process, reports after
  //    each batch of 2,000 and cancels between batches, so the click lands a batch or two later: see step 2.)
  await cancelOnFirstProgress(b.page);
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(summary).toHaveText(
    new RegExp(`^${n.toLocaleString()} pointers: [\\d,]+ stored, [\\d,]+ cancelled$`),
    { timeout: 60_000 },
  );
  expect(await b.page.evaluate(() => window.__cancelPressedAt)).toMatch(
    new RegExp(`^[\\d,]+ of ${n.toLocaleString()} pointers$`),
  );
  const first = await numbers();
  expect(first.stored).toBeGreaterThan(0);
  expect(first.stored).toBeLessThan(n);
  expect(first.stored + first.refused).toBe(n);
  await expect(d.getByRole('progressbar')).toHaveCount(0);
  await expect(d.getByRole('button', { name: 'Cancel import' })).toHaveCount(0);
  const rows = resultRows(d);
  await expect(rows.first()).toContainText('Stored in chat "Book club".');
  // The cancelled ones: a group of their own, after the chat's (whose rows fill the first 500 shown).
  await expect(resultGroup(d, 'Not imported').getByRole('heading')).toContainText(
    `${first.refused.toLocaleString()} cancelled`,
  );
  await expect(d.getByText(`…and ${(n - 500).toLocaleString()} more.`)).toBeVisible();
  expect(count()).toBe(1 + first.stored); // what was stored stays stored

  // 2. Import again: the progress bar and "N of M pointers", then a person's (late) Cancel.
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(d.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await expect(d.getByText(new RegExp(`^[\\d,]+ of ${n.toLocaleString()} pointers$`))).toBeVisible();
  // In one look (the import may end any moment now): while the progress bar shows, no old results do.
  const stale = await d.evaluate((el) =>
    el.querySelector('progress') && el.querySelector('[aria-label="Import results"]') ? 1 : 0,
  );
  await shot(b.page, '13-import-progress');
  // A person's late Cancel: the import may end first, taking the button with it (said below).
  await d
    .getByRole('button', { name: 'Cancel import' })
    .click({ timeout: 3_000 })
    .catch(() => {});
  await expect(summary).toHaveText(
    new RegExp(`^${n.toLocaleString()} pointers: ${first.stored.toLocaleString()} duplicate, [\\d,]+ stored`),
    { timeout: 60_000 },
  );
  expect.soft(stale, 'a new import clears the results of the previous one while it runs').toBe(0);
  const second = await numbers();
  expect(count()).toBe(1 + first.stored + second.stored);
  if (second.refused > 0) {
    // However many were stored before the Cancel landed, the dialog says the rest was cancelled.
    await expect
      .soft(d.getByText(/cancelled/).first(), 'a late Cancel: the dialog says the rest was cancelled')
      .toBeVisible({ timeout: 3000 });
  } else {
    test.info().annotations.push({ type: 'note', description: 'the import ended before the late Cancel' });
  }

  // 3. Import again to the end: the stored ones are duplicates, the rest is stored.
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  const done = first.stored + second.stored;
  // (When the late Cancel found the import done, everything is a duplicate now.)
  const rest = n - done > 0 ? `, ${(n - done).toLocaleString()} stored` : '';
  await expect(summary).toHaveText(
    `${n.toLocaleString()} pointers: ${done.toLocaleString()} duplicate${rest}`,
    {
      timeout: 60_000,
    },
  );
  expect(count()).toBe(1 + n);
});

test('dropping a text file of pointers on the paste box fills it', async () => {
  await sealedChatBetween();
  const p1 = await sendAndTake(a, 'first from a file');
  const p2 = await sendAndTake(a, 'second from a file');
  const file = `${p1}\n${p2}\n`;
  await b.page.getByRole('button', { name: 'Import pointers' }).click();
  const d = importDialog(b.page);
  const box = d.getByLabel(/Paste one or many pointers/);
  await expect(box).toHaveValue('');
  await dropTextFile(b.page, box, file);
  await expect(box).toHaveValue(file);
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(resultRows(d)).toHaveCount(2);
  await expect(d.getByRole('region', { name: 'Import results' }).getByRole('status')).toHaveText(
    '2 pointers: 2 stored',
  );
  await closeImport(b.page);
  await expectShownLive(b, 'Book club', 'second from a file');
});
