// Accessibility: every screen and dialog scanned by axe (WCAG 2.1 A/AA and best practice), light and dark.
import type { Page } from '@playwright/test';
import { expectNoViolations, subjectsInSources } from './a11y.js';
import { sendAndTake } from './exchange-helpers.js';
import { type AppHandle, expect, test } from './harness.js';
import {
  chatEntry,
  createProfile,
  messagesLog,
  newChat,
  openChatMenuItem,
  sendMessage,
} from './ui-helpers.js';

/**
 * Everything the walk below scans: each screen (a file in src-renderer/src/screens/)
 * and each dialog (by its title), plus the pieces no file or title names. The first
 * test fails when the sources hold a screen or a dialog missing here, so a new
 * one cannot be added without its scan.
 */
const SUBJECTS = [
  'FirstRunScreen',
  'LoginScreen',
  'MainScreen',
  'UnlockScreen',
  'ChatView',
  'NewChatDialog',
  'New chat',
  'ImportDialog',
  'Import pointers',
  'SettingsDialog',
  'Settings',
  'DetailsDialog',
  'Chat details',
  'Pointer as a QR code',
  'Pointer as QR codes',
  'Restore from a backup',
  'Rename chat',
  'Clear history',
  'Delete chat',
  'Empty trash',
  'HideChatDialog',
  'Hide this chat',
  'OpenHiddenDialog',
  'Open a hidden chat',
  'chat menu',
  'toast',
  'clipboard banner',
];

test.describe.configure({ mode: 'parallel' });

test('every screen and dialog in the sources is on the scan list', () => {
  const { subjects, problems } = subjectsInSources();
  expect(problems).toEqual([]);
  expect(
    subjects.filter((s) => !SUBJECTS.includes(s)),
    'screens or dialogs with no accessibility scan: add each to SUBJECTS and to the walk',
  ).toEqual([]);
});

/** Scans the page as it is, naming the subjects this state shows; remembers which were scanned. */
function scanner(page: Page, scheme: string) {
  const scanned = new Set<string>();
  const at = async (subjects: string | string[], state: string) => {
    const list = typeof subjects === 'string' ? [subjects] : subjects;
    for (const s of list) {
      if (!SUBJECTS.includes(s)) throw new Error(`"${s}" is not in SUBJECTS`);
      scanned.add(s);
    }
    await expectNoViolations(page, `${list.join(' / ')}: ${state} (${scheme})`);
  };
  return { at, scanned };
}

/** Bob, in a window of his own, starts a sealed chat and sends one message; returns its pointer. */
async function pointerFromBob(bob: AppHandle): Promise<string> {
  await createProfile(bob.page, 'bob');
  await newChat(bob.page, 'Walk', 'walking secret');
  return sendAndTake(bob, 'A received message, for the scan.');
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds nothing on any screen or dialog: ${scheme}`, async ({ app, launch }) => {
    test.setTimeout(240_000);
    const page = app.page;
    await page.emulateMedia({ colorScheme: scheme });
    const { at, scanned } = scanner(page, scheme);
    const bob = await launch();
    const pointer = await pointerFromBob(bob);

    // First run: empty, a weak phrase, two phrases that differ.
    await expect(page.getByLabel('Nickname')).toBeFocused();
    await at('FirstRunScreen', 'empty');
    await page.getByLabel('Nickname').fill('ana');
    await page.getByLabel('Master phrase', { exact: true }).fill('abc');
    await page.getByLabel('Master phrase again').fill('abd');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await at('FirstRunScreen', 'weak phrase, phrases differ');
    await page.getByLabel('Master phrase', { exact: true }).fill('');
    await page.getByLabel('Master phrase again').fill('');
    await createProfile(page, 'ana');
    await at('MainScreen', 'no chats');

    // The new chat dialog, sealed and legacy.
    await page.getByRole('button', { name: 'New chat' }).click();
    const nc = page.getByRole('dialog', { name: 'New chat' });
    await expect(nc).toBeVisible();
    await at(['NewChatDialog', 'New chat'], 'sealed');
    await nc.getByRole('radio', { name: /^Legacy/ }).check();
    await expect(nc.getByRole('note')).toBeVisible();
    await at(['NewChatDialog', 'New chat'], 'legacy');
    await page.keyboard.press('Escape');
    await expect(nc).toBeHidden();

    // Import: empty, a row asking for the secret, then for the name, then stored.
    await page.getByRole('button', { name: 'Import pointers' }).click();
    const imp = page.getByRole('dialog', { name: 'Import pointers' });
    await expect(imp).toBeVisible();
    await at(['ImportDialog', 'Import pointers'], 'empty');
    await imp.getByLabel(/Paste one or many pointers/).fill(pointer);
    await imp.getByRole('button', { name: 'Import', exact: true }).click();
    const row = imp.getByRole('region', { name: 'Import results' }).getByRole('region').first();
    await expect(row.getByRole('button', { name: 'Check secret' })).toBeVisible();
    await at(['ImportDialog', 'Import pointers'], 'a new chat asks for its secret');
    await row.getByLabel('Secret for this pointer').fill('wrong secret');
    await row.getByRole('button', { name: 'Check secret' }).click();
    await expect(row.getByRole('alert')).toBeVisible();
    await at(['ImportDialog', 'Import pointers'], 'a wrong secret');
    await row.getByLabel('Secret for this pointer').fill('walking secret');
    await row.getByRole('button', { name: 'Check secret' }).click();
    await expect(row.getByLabel('Name for the new chat')).toBeVisible();
    await at(['ImportDialog', 'Import pointers'], 'the name asked');
    await row.getByRole('button', { name: 'Create chat' }).click();
    await expect(row).toContainText('created and the message stored');
    await at(['ImportDialog', 'Import pointers'], 'stored');
    await imp.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(imp).toBeHidden();

    // A legacy chat too, then the list of chats and a chat with sent and received messages.
    await newChat(page, 'Old room', 'legacy pass', { id: '1' });
    await expect(page.getByText(/^Legacy chat: pointers are not authenticated/)).toBeVisible();
    await at('ChatView', 'legacy, empty');
    await page.getByRole('button', { name: 'Details', exact: true }).click();
    const details = page.getByRole('dialog', { name: 'Chat details' });
    await expect(details.getByText('Seed suffix')).toBeVisible();
    await at(['DetailsDialog', 'Chat details'], 'legacy');
    await page.keyboard.press('Escape');
    await expect(details).toBeHidden();
    await chatEntry(page, 'Walk').click();
    await expect(messagesLog(page)).toContainText('A received message');
    await at('MainScreen', 'chat list, one chat selected');
    // The clipboard banner: a pointer not stored yet on the clipboard when the window comes to the front.
    app.clipboard.text = await sendAndTake(bob, 'Another message, on the clipboard.');
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    const banner = page.getByRole('region', { name: 'Clipboard' });
    await expect(banner).toBeVisible();
    await at(['MainScreen', 'clipboard banner'], 'a pointer on the clipboard');
    await banner.getByRole('button', { name: 'Not now' }).click();
    await expect(banner).toHaveCount(0);
    await sendMessage(page, 'A sent message, for the scan.');
    await expect(page.getByRole('status').getByText(/^Sent: the pointer is on the clipboard/)).toBeVisible();
    await at(['ChatView', 'toast'], 'sent and received messages, a toast');

    await page.getByRole('button', { name: 'Details', exact: true }).click();
    await expect(details.getByText('Cost k')).toBeVisible();
    await at(['DetailsDialog', 'Chat details'], 'sealed');
    await page.keyboard.press('Escape');
    await expect(details).toBeHidden();

    const log = messagesLog(page);
    await log
      .locator('.bubble')
      .filter({ hasText: 'A sent message' })
      .getByRole('button', { name: /^QR/ })
      .click();
    const qr = page.getByRole('dialog', { name: 'Pointer as a QR code' });
    await expect(qr.getByRole('img')).toBeVisible();
    await at('Pointer as a QR code', 'a sent message');
    await page.keyboard.press('Escape');
    await expect(qr).toBeHidden();
    // A message longer than one code holds: a series, one code at a time.
    await sendMessage(page, `A long one. ${'Long enough for several codes. '.repeat(70)}`.trim());
    await log
      .locator('.bubble')
      .filter({ hasText: 'A long one.' })
      .getByRole('button', { name: /^QR/ })
      .click();
    const series = page.getByRole('dialog', { name: 'Pointer as QR codes' });
    await expect(series.getByRole('img', { name: /^QR code 1 of \d+ of the pointer$/ })).toBeVisible();
    await series.getByRole('button', { name: 'Next code' }).click();
    await expect(series.getByRole('img', { name: /^QR code 2 of / })).toBeVisible();
    await at('Pointer as QR codes', 'the second code of a series');
    await page.keyboard.press('Escape');
    await expect(series).toBeHidden();

    // The chat menu, and each of its confirmations.
    await page.getByRole('button', { name: 'Chat menu' }).click();
    await expect(page.getByRole('menu', { name: 'Chat menu' })).toBeVisible();
    await at('chat menu', 'open');
    await page.keyboard.press('Escape');
    for (const [item, title] of [
      ['Rename…', 'Rename chat'],
      ['Clear history…', 'Clear history'],
      ['Delete chat…', 'Delete chat'],
    ] as const) {
      await openChatMenuItem(page, item);
      const d = page.getByRole('dialog', { name: title });
      await expect(d).toBeVisible();
      await at(title, 'asked');
      await page.keyboard.press('Escape');
      await expect(d).toBeHidden();
    }

    // Hiding a chat (its secret asked again), and opening a hidden one: asked, and a wrong secret.
    await openChatMenuItem(page, 'Hide this chat…');
    const hide = page.getByRole('dialog', { name: 'Hide this chat' });
    await expect(hide.getByLabel('Chat secret')).toBeFocused();
    await at(['HideChatDialog', 'Hide this chat'], 'asked');
    await hide.getByLabel('Chat secret').fill('not it');
    await hide.getByRole('button', { name: 'Hide chat' }).click();
    await expect(hide.getByRole('alert')).toBeVisible();
    await at(['HideChatDialog', 'Hide this chat'], 'a wrong secret');
    await page.keyboard.press('Escape');
    await expect(hide).toBeHidden();
    await page.getByRole('button', { name: 'Open a hidden chat…' }).click();
    const openHidden = page.getByRole('dialog', { name: 'Open a hidden chat' });
    await expect(openHidden.getByLabel('Chat secret')).toBeFocused();
    await at(['OpenHiddenDialog', 'Open a hidden chat'], 'asked');
    await openHidden.getByLabel('Chat secret').fill('not it');
    await openHidden.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(openHidden.getByRole('alert')).toBeVisible();
    await at(['OpenHiddenDialog', 'Open a hidden chat'], 'a wrong secret');
    await page.keyboard.press('Escape');
    await expect(openHidden).toBeHidden();

    // Search results, the trash and its confirmation.
    const search = page.getByRole('searchbox', { name: 'Search this chat' });
    await search.fill('message');
    await search.press('Enter');
    await expect(page.getByRole('region', { name: 'Search results' })).toContainText('2 results');
    await at('ChatView', 'search results');
    await page.getByRole('button', { name: 'Clear search' }).click();
    await log
      .locator('.bubble')
      .filter({ hasText: 'A received message' })
      .getByRole('button', { name: /^Trash/ })
      .click();
    await page.getByRole('button', { name: 'Trash (1)' }).click();
    await expect(page.getByRole('log', { name: 'Trash' })).toContainText('A received message');
    await at('ChatView', 'the trash');
    await page.getByRole('button', { name: 'Empty trash' }).click();
    const empty = page.getByRole('dialog', { name: 'Empty trash' });
    await expect(empty).toBeVisible();
    await at('Empty trash', 'asked');
    await page.keyboard.press('Escape');
    await expect(empty).toBeHidden();

    // Settings, with the delete button armed.
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await expect(settings.getByRole('spinbutton', { name: /^Lock chats after/ })).toBeVisible();
    await at(['SettingsDialog', 'Settings'], 'opened');
    await settings.getByLabel('Type DELETE to confirm').fill('DELETE');
    await expect(settings.getByRole('button', { name: 'Delete profile' })).toBeEnabled();
    await at(['SettingsDialog', 'Settings'], 'delete profile armed');
    await settings.getByRole('button', { name: 'Restore from a backup…' }).click();
    const restore = page.getByRole('dialog', { name: 'Restore from a backup' });
    await expect(restore).toBeVisible();
    await at('Restore from a backup', 'asked');
    await restore.getByRole('button', { name: 'Cancel' }).click();
    await expect(restore).toBeHidden();
    await page.keyboard.press('Escape');
    await expect(settings).toBeHidden();

    // A locked chat: its unlock screen, and a wrong secret.
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    const unlock = page.getByRole('form', { name: 'Unlock Walk' });
    await expect(unlock).toBeVisible();
    await at('UnlockScreen', 'locked');
    await unlock.getByLabel('Chat secret').fill('not it');
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await expect(unlock.getByRole('alert')).toBeVisible();
    await at('UnlockScreen', 'a wrong secret');

    // The login screen, and a wrong master phrase.
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('heading', { name: 'Welcome back, ana' })).toBeVisible();
    await at('LoginScreen', 'asked');
    await page.getByLabel('Master phrase').fill('wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await at('LoginScreen', 'a wrong master phrase');

    expect([...scanned].sort(), 'every subject on the list was scanned').toEqual([...SUBJECTS].sort());
  });
}
