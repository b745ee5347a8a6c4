// Settings: lock on suspend, changing the master phrase, deleting the profile.
import { expect, test } from './harness.js';
import { createProfile, newChat, shot } from './ui-helpers.js';

test('settings: lock on suspend persists, change master phrase, delete profile', async ({ app }) => {
  const page = app.page;
  await createProfile(page, 'sam', 'sam old phrase');
  await newChat(page, 'Doomed chat', 'doomed secret');
  await page.getByRole('button', { name: 'Settings' }).click();
  let s = page.getByRole('dialog', { name: 'Settings' });
  const suspend = () =>
    s.getByRole('checkbox', { name: 'Log out when the computer sleeps or the screen locks' });
  await expect(suspend()).toBeChecked();
  await shot(page, '23-settings');
  await suspend().click();
  await expect(suspend()).not.toBeChecked();
  await s.getByRole('button', { name: 'Close' }).click();
  await expect(s).toBeHidden();
  await page.getByRole('button', { name: 'Settings' }).click();
  s = page.getByRole('dialog', { name: 'Settings' });
  await expect(suspend()).not.toBeChecked();
  expect(app.messenger.settings().lockOnSuspend).toBe(false);

  // Change the master phrase: a wrong current one is refused, the right one works.
  const current = s.getByLabel('Current master phrase');
  const next = s.getByLabel('New master phrase', { exact: true });
  const again = s.getByLabel('New master phrase again');
  const change = s.getByRole('button', { name: 'Change master phrase' });
  await current.fill('not my phrase');
  await next.fill('sam new phrase');
  await again.fill('sam new phrase');
  await change.click();
  await expect(s.getByRole('alert')).toHaveText('That master phrase is not the right one.');
  await current.fill('sam old phrase');
  await again.fill('sam newer phrase');
  await change.click();
  await expect(s.getByRole('alert')).toHaveText('The two new master phrases differ.');
  await again.fill('sam new phrase');
  await change.click();
  await expect(page.getByText('Master phrase changed.')).toBeVisible();
  await expect(current).toHaveValue('');
  await expect(s.getByRole('alert')).toHaveCount(0);
  await s.getByRole('button', { name: 'Close' }).click();
  await expect(s).toBeHidden();

  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByLabel('Master phrase').fill('sam old phrase');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toHaveText('That master phrase is not the right one.');
  await page.getByLabel('Master phrase').fill('sam new phrase');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('button', { name: 'New chat' })).toBeVisible();
  // Settings survive the login.
  expect(app.messenger.settings().lockOnSuspend).toBe(false);

  // Delete the profile: the button waits for the exact word DELETE.
  await page.getByRole('button', { name: 'Settings' }).click();
  s = page.getByRole('dialog', { name: 'Settings' });
  const del = s.getByRole('button', { name: 'Delete profile' });
  await expect(del).toBeDisabled();
  await s.getByLabel('Type DELETE to confirm').fill('delete');
  await expect(del).toBeDisabled();
  await s.getByLabel('Type DELETE to confirm').fill('DELETE');
  await expect(del).toBeEnabled();
  await del.click();
  await expect(page.getByRole('heading', { name: 'Chrono-Library Messenger' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create profile' })).toBeVisible();
  // The old vault is gone: nothing of it is left, and the first-run screen makes a new, empty profile.
  expect(app.messenger.status()).toEqual({ exists: false, loggedIn: false });
  await createProfile(page, 'sam again');
  await expect(page.getByText('No chats yet.', { exact: false })).toBeVisible();
  expect(app.messenger.listChats()).toEqual([]);
});
