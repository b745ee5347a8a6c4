// The messenger as people use it: the clipboard as the inbox, unread counts, days in the history,
// actions on hover or focus, search results opened in their place, toasts that belong to their screen.
import { closeImport, importDialog, sendAndTake } from './exchange-helpers.js';
import { type AppHandle, expect, test } from './harness.js';
import {
  bubble,
  chatEntry,
  chatIdOf,
  createProfile,
  importText,
  messagesLog,
  newChat,
  receive,
  sendMessage,
  shot,
  textsOf,
} from './ui-helpers.js';

const DAY = 86_400_000;

/** The window coming to the front, as the browser tells the page. */
const focusWindow = (app: AppHandle) => app.page.evaluate(() => window.dispatchEvent(new Event('focus')));

test('the clipboard as the inbox: offered on focus, imported with one click, never offered twice; a setting turns it off', async ({
  launch,
}) => {
  const [a, b] = await Promise.all([launch(), launch()]);
  await Promise.all([createProfile(a.page, 'alice'), createProfile(b.page, 'bob')]);
  await newChat(a.page, 'Inbox', 'clip secret');
  const first = await sendAndTake(a, 'first by clipboard');
  await receive(b.page, first, 'clip secret');
  const p2 = await sendAndTake(a, 'second by clipboard');
  const p3 = await sendAndTake(a, 'third by clipboard');

  // Stored already (the first) or not pointers at all: nothing to offer.
  b.clipboard.text = `hello ${first}`;
  await focusWindow(b);
  const banner = b.page.getByRole('region', { name: 'Clipboard' });
  await expect(b.page.getByRole('button', { name: 'New chat' })).toBeVisible();
  await expect(banner).toHaveCount(0);

  b.clipboard.text = `from alice:\n${first}\n${p2}\n${p3}`;
  await focusWindow(b);
  await expect(banner.getByRole('button', { name: 'Import 2 pointers from the clipboard' })).toBeVisible();
  await shot(b.page, '36-clipboard-banner');
  expect(textsOf(b, 'Inbox'), 'nothing is stored without a click').toEqual(['first by clipboard']);
  await banner.getByRole('button', { name: 'Import 2 pointers from the clipboard' }).click();
  const d = importDialog(b.page);
  await expect(d.getByRole('region', { name: 'Import results' }).getByRole('status')).toHaveText(
    '2 pointers: 2 stored',
  );
  await closeImport(b.page);
  expect(textsOf(b, 'Inbox')).toEqual(['first by clipboard', 'second by clipboard', 'third by clipboard']);

  // Offered once: not again, even if declined.
  await focusWindow(b);
  await expect(banner).toHaveCount(0);
  const p4 = await sendAndTake(a, 'fourth by clipboard');
  b.clipboard.text = p4;
  await focusWindow(b);
  await banner.getByRole('button', { name: 'Not now' }).click();
  await expect(banner).toHaveCount(0);
  await focusWindow(b);
  await expect(b.page.getByRole('button', { name: 'New chat' })).toBeVisible();
  await expect(banner).toHaveCount(0);

  // Turned off in the settings: the clipboard is not even looked at.
  await b.page.getByRole('button', { name: 'Settings' }).click();
  const settings = b.page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('checkbox', { name: /offer to import pointers on the clipboard/ }).uncheck();
  await expect.poll(() => b.messenger.settings().offerClipboardImport).toBe(false);
  await settings.getByRole('button', { name: 'Close', exact: true }).click();
  b.clipboard.text = await sendAndTake(a, 'fifth by clipboard');
  await focusWindow(b);
  await expect(b.page.getByRole('button', { name: 'New chat' })).toBeVisible();
  await expect(banner).toHaveCount(0);
});

test('unread: pointers imported into a chat not on screen mark it (count, bold, window title) until it is viewed', async ({
  launch,
}) => {
  const [a, b] = await Promise.all([launch(), launch()]);
  await Promise.all([createProfile(a.page, 'alice'), createProfile(b.page, 'bob')]);
  await newChat(a.page, 'Far', 'far secret');
  const p1 = await sendAndTake(a, 'far one');
  await receive(b.page, p1, 'far secret');
  await newChat(b.page, 'Here', 'here secret');
  await expect(b.page.getByRole('heading', { name: 'Here', level: 2 })).toBeVisible();
  const p2 = await sendAndTake(a, 'far two');
  const p3 = await sendAndTake(a, 'far three');

  const far = chatEntry(b.page, 'Far');
  // Created by an import while no chat was open: unread from the start.
  await expect(far).toHaveAccessibleName(/ 1 message 1 unread$/);
  await importText(b.page, `${p2}\n${p3}`);
  await closeImport(b.page);
  await expect(far).toHaveAccessibleName(/ 3 messages 3 unread$/);
  await expect(far.locator('.name')).toHaveCSS('font-weight', '700');
  await expect(b.page).toHaveTitle('(3) Chrono-Library Messenger');
  // The chat on screen gets no count.
  await expect(chatEntry(b.page, 'Here')).not.toHaveAccessibleName(/unread/);
  await shot(b.page, '37-unread');

  await far.click();
  await expect(messagesLog(b.page).getByText('far three')).toBeVisible();
  await expect(far).toHaveAccessibleName(/ 3 messages$/);
  await expect(b.page).toHaveTitle('Chrono-Library Messenger');
});

test('the history: day separators, dates on older messages, the newest message time in the list; actions on hover or focus', async ({
  launch,
  clock,
}) => {
  const [a, b] = await Promise.all([launch(), launch()]);
  await Promise.all([createProfile(a.page, 'alice'), createProfile(b.page, 'bob')]);
  await newChat(a.page, 'Diary', 'diary secret');
  clock.advance(-3 * DAY);
  const old = await sendAndTake(a, 'three days ago');
  clock.advance(3 * DAY);
  const now = await sendAndTake(a, 'just now 🌿🎉 see you');
  await receive(b.page, old, 'diary secret');
  await receive(b.page, now, 'diary secret');
  await chatEntry(b.page, 'Diary').click();
  const log = messagesLog(b.page);
  const days = log.getByRole('heading', { level: 3 });
  const oldEpoch = (JSON.parse(old) as { e: number }).e;
  const oldDay = await b.page.evaluate(
    (e) =>
      new Date(e * 1000).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long' }),
    oldEpoch,
  );
  await expect(days).toHaveText([new RegExp(`^${oldDay}`), 'Today']);
  // An older message shows its date beside its time.
  const shortDay = await b.page.evaluate(
    (e) => new Date(e * 1000).toLocaleDateString(undefined, { day: 'numeric', month: 'short' }),
    oldEpoch,
  );
  await expect(bubble(log, 'three days ago').locator('time')).toContainText(shortDay);

  // Actions: out of sight until the message is hovered or a keyboard reaches them.
  const tools = bubble(log, 'three days ago').locator('.tools');
  await b.page.mouse.move(2, 2);
  await expect(tools).toHaveCSS('opacity', '0');
  await bubble(log, 'three days ago').hover();
  await expect(tools).toHaveCSS('opacity', '1');
  await b.page.mouse.move(2, 2);
  await expect(tools).toHaveCSS('opacity', '0');
  await bubble(log, 'three days ago')
    .getByRole('button', { name: /^Copy pointer of / })
    .focus();
  await expect(tools).toHaveCSS('opacity', '1');
  await expect(bubble(log, 'just now').locator('.tools')).toHaveCSS('opacity', '0');
  await shot(b.page, '38-days-and-hover');
});

test('a search result opens the message in its place in the history, highlighted and focused; results have their actions', async ({
  app,
}) => {
  const page = app.page;
  await createProfile(page, 'sara');
  await newChat(page, 'Long', 'long history secret');
  const chatId = chatIdOf(app, 'Long');
  app.messenger.batch(() => {
    for (let i = 0; i < 1200; i++) app.messenger.send(chatId, i === 150 ? 'the blue heron' : `note ${i}`);
  });
  await page.reload();
  await chatEntry(page, 'Long').click();
  const log = messagesLog(page);
  await expect(log.getByText('note 1199', { exact: true })).toBeInViewport();

  await page.getByLabel('Search this chat').fill('heron');
  await page.getByLabel('Search this chat').press('Enter');
  const results = page.getByRole('region', { name: 'Search results' });
  const hit = bubble(results, 'the blue heron');
  await expect(hit.getByRole('button', { name: /^Copy pointer of / })).toBeVisible();
  await expect(hit.getByRole('button', { name: /^QR code of / })).toBeVisible();
  await expect(hit.getByRole('button', { name: /^Trash / })).toBeVisible();
  await hit.getByRole('button', { name: /^Show in chat: / }).click();

  const there = log.locator('.msg.highlight');
  await expect(there).toContainText('the blue heron');
  await expect(there).toBeInViewport();
  await expect(there).toBeFocused();
  await expect(log.getByText('note 149', { exact: true })).toBeAttached();
  await expect(log.getByText('note 1199', { exact: true })).not.toBeInViewport();
  await shot(page, '39-search-jump');
});

test('toasts belong to their screen: one of a kind, gone after logout; an empty chat has its composer at the bottom', async ({
  app,
}) => {
  const page = app.page;
  await createProfile(page, 'tom');
  await newChat(page, 'Empty', 'empty chat secret');
  const composer = page.getByLabel('Message', { exact: true });
  const box = await composer.boundingBox();
  const view = page.viewportSize();
  expect(box && view && view.height - (box.y + box.height)).toBeLessThan(40);

  await sendMessage(page, 'one');
  await sendMessage(page, 'two');
  const toasts = page.getByRole('status').locator('.toast');
  await expect(toasts.filter({ hasText: /^Sent/ })).toHaveCount(1);
  // Above the composer, never over it.
  const t = await toasts.first().boundingBox();
  const c = await composer.boundingBox();
  expect(t && c && t.y + t.height).toBeLessThan(c?.y ?? 0);

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome back, tom' })).toBeVisible();
  await expect(toasts).toHaveCount(0);
});
