// Moving to another computer from the app: a chat's pointers exported to a file, the whole vault
// backed up, and restored (from Settings, and on a new computer's first-run screen). Main shows
// the save and open dialogs; here the harness plays the person answering them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './harness.js';
import { chatIdOf, createProfile, newChat, openChatMenuItem, sendMessage, shot } from './ui-helpers.js';

test('a chat exported to the file the person chose: its pointers, one a line, said in a toast', async ({
  app,
}) => {
  const page = app.page;
  await createProfile(page, 'nora');
  await newChat(page, 'Plans', 'river stone');
  await sendMessage(page, 'first');
  await sendMessage(page, 'second');
  const path = join(app.dir, 'plans.txt');
  app.fileDialogs.picks.push(path);
  await openChatMenuItem(page, 'Export pointers…');
  await expect(page.getByText(`2 pointers written to ${path}.`)).toBeVisible();
  expect(app.fileDialogs.shown).toEqual(['Export the pointers of Plans']);
  expect(readFileSync(path, 'utf8')).toBe(app.messenger.exportChat(chatIdOf(app, 'Plans')));
});

test('backup, then restore from Settings: the login screen says where the replaced vault is kept', async ({
  app,
}) => {
  const page = app.page;
  await createProfile(page, 'nora', 'nora master phrase');
  await newChat(page, 'Kept', 'river stone');
  const backup = join(app.dir, 'backup.sqlite');

  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  app.fileDialogs.picks.push(backup);
  await settings.getByRole('button', { name: 'Back up the vault…' }).click();
  await expect(settings.getByRole('status')).toContainText(`Backed up to ${backup}.`);
  await settings.getByRole('button', { name: 'Close' }).click();

  // A chat made after the backup is gone once the backup is restored.
  await newChat(page, 'Later', 'other stone');
  await page.getByRole('button', { name: 'Settings' }).click();
  await settings.getByRole('button', { name: 'Restore from a backup…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Restore from a backup' });
  // Destructive: the safe choice has the focus.
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  app.fileDialogs.picks.push(backup);
  await confirm.getByRole('button', { name: 'Choose the backup…' }).click();

  const notice = page.getByRole('status').filter({ hasText: `Restored from ${backup}.` });
  await expect(notice).toContainText('The vault it replaced is kept at');
  await shot(page, 'restore-notice');
  await page.getByLabel('Master phrase').fill('nora master phrase');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('button', { name: 'New chat' })).toBeVisible();
  expect(app.messenger.listChats().map((c) => c.name)).toEqual(['Kept']);
});

test('a new computer restores a backup from the first-run screen instead of creating a profile', async ({
  launch,
}) => {
  const old = await launch();
  await createProfile(old.page, 'nora', 'nora master phrase');
  await newChat(old.page, 'Travels', 'river stone');
  const backup = join(old.dir, 'moving.sqlite');
  await old.messenger.backup(backup);

  const fresh = await launch();
  fresh.fileDialogs.picks.push(backup);
  await fresh.page.getByRole('button', { name: 'Restore from a backup…' }).click();
  await expect(fresh.page.getByRole('heading', { name: 'Welcome back, nora' })).toBeVisible();
  await expect(fresh.page.getByRole('status').filter({ hasText: 'Restored from' })).toHaveText(
    `Restored from ${backup}. Log in with the backup's master phrase.`,
  );
  await fresh.page.getByLabel('Master phrase').fill('nora master phrase');
  await fresh.page.getByRole('button', { name: 'Log in' }).click();
  await expect(fresh.page.getByRole('button', { name: /Travels/ })).toBeVisible();
});
