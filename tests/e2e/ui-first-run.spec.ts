import { expect, test } from './harness.js';
import { createProfile, newChat, sendMessage, shot } from './ui-helpers.js';

test('first run, login, a new chat and a sent message', async ({ app }) => {
  const page = app.page;
  await expect(page.getByRole('heading', { name: 'Chrono-Library Messenger' })).toBeVisible();
  await page.getByLabel('Master phrase', { exact: true }).fill('abc');
  await expect(page.getByText(/^Weak/)).toBeVisible();
  await shot(page, '01-first-run');
  await page.getByLabel('Master phrase', { exact: true }).fill('');
  await createProfile(page, 'alice');
  await shot(page, '02-empty-main');

  await newChat(page, 'Book club', 'paper lantern');
  await sendMessage(page, 'Chapter 3 by Friday?');
  await expect(page.getByText(/the pointer is on the clipboard/)).toBeVisible();
  expect(JSON.parse(app.clipboard.text)).toMatchObject({ v: 2, k: 12 });
  await shot(page, '03-chat-sent');

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome back, alice' })).toBeVisible();
  await page.getByLabel('Master phrase').fill('wrong');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toHaveText('That master phrase is not the right one.');
  await shot(page, '04-login-wrong');
  await page.getByLabel('Master phrase').fill('alice master phrase');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: /^Book club/ }).click();
  await expect(page.getByRole('form', { name: 'Unlock Book club' })).toBeVisible();
  await shot(page, '05-unlock');
});
