// Locking: a chat locked by hand, its secret, "remember on this computer", and auto-lock when idle.
import { expect, test } from './harness.js';
import {
  chatEntry,
  createProfile,
  logoutLogin,
  messagesLog,
  newChat,
  sendMessage,
  shot,
  summaryOf,
} from './ui-helpers.js';

test('lock, wrong and right secret, remember on this computer, forget in Details', async ({ app }) => {
  const page = app.page;
  await createProfile(page, 'lena', 'lena master');
  await newChat(page, 'Vault chat', 'correct horse');
  await sendMessage(page, 'hello locked world');

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  const unlock = page.getByRole('form', { name: 'Unlock Vault chat' });
  await expect(unlock).toBeVisible();
  await expect(chatEntry(page, 'Vault chat')).toHaveAccessibleName(/ locked /);
  await expect(page.getByText('hello locked world')).toHaveCount(0);

  await unlock.getByLabel('Chat secret').fill('battery staple');
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await expect(unlock.getByRole('alert')).toHaveText('That is not the secret of chat "Vault chat".');
  await expect(unlock).toBeVisible();
  await expect(chatEntry(page, 'Vault chat')).toHaveAccessibleName(/ locked /);
  expect(summaryOf(app, 'Vault chat').locked).toBe(true);
  await shot(page, '24-unlock-wrong');

  await unlock.getByLabel('Chat secret').fill('correct horse');
  await unlock.getByRole('checkbox', { name: /^Remember on this computer/ }).check();
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { name: 'Vault chat', level: 2 })).toBeVisible();
  await expect(messagesLog(page).getByText('hello locked world')).toBeVisible();
  await expect(page.getByText('remembered on this computer')).toBeVisible();
  await expect(chatEntry(page, 'Vault chat')).toHaveAccessibleName(/ remembered /);

  // After logout and login the remembered chat is open without its secret.
  await logoutLogin(page, 'lena', 'lena master');
  await expect(chatEntry(page, 'Vault chat')).toHaveAccessibleName(
    /^Vault chat .* sealed v2 remembered 1 message$/,
  );
  await chatEntry(page, 'Vault chat').click();
  await expect(page.getByRole('form', { name: 'Unlock Vault chat' })).toHaveCount(0);
  await expect(messagesLog(page).getByText('hello locked world')).toBeVisible();

  // Details: unchecking "Remember" forgets it; the next login needs the secret again.
  await page.getByRole('button', { name: 'Details', exact: true }).click();
  const details = page.getByRole('dialog', { name: 'Chat details' });
  const remember = details.getByRole('checkbox', { name: /^Remember on this computer/ });
  await expect(remember).toBeChecked();
  // The box shows the new state at once; the chat list follows once the service has it.
  await remember.click();
  await expect(remember).not.toBeChecked();
  await expect(chatEntry(page, 'Vault chat')).toHaveAccessibleName(/ open /);
  expect(summaryOf(app, 'Vault chat').remembered).toBe(false);
  await details.getByRole('button', { name: 'Close' }).click();
  await expect(details).toBeHidden();
  await logoutLogin(page, 'lena', 'lena master');
  await expect(chatEntry(page, 'Vault chat')).toHaveAccessibleName(/ locked /);
  await chatEntry(page, 'Vault chat').click();
  await expect(page.getByRole('form', { name: 'Unlock Vault chat' })).toBeVisible();
});

test('auto-lock: a chat idle for the set minutes locks by itself, one used since stays open', async ({
  launch,
  clock,
}) => {
  // The service's own timer checks for idle chats every 200 ms here (15 s in the app).
  const app = await launch({ autoLockCheckMs: 200 });
  const page = app.page;
  await createProfile(page, 'ida');
  await newChat(page, 'Witness chat', 'witness secret');
  await newChat(page, 'Idle chat', 'sleepy secret');
  await sendMessage(page, 'before the nap');

  await page.getByRole('button', { name: 'Settings' }).click();
  const s = page.getByRole('dialog', { name: 'Settings' });
  const minutes = s.getByRole('spinbutton', { name: /^Lock chats after this many idle minutes/ });
  await expect(minutes).toHaveValue('5');
  await minutes.fill('1');
  await expect.poll(() => app.messenger.settings().autoLockMinutes).toBe(1);
  await expect(minutes).toHaveValue('1');
  await s.getByRole('button', { name: 'Close' }).click();
  await expect(s).toBeHidden();

  // 40 s later "Idle chat" is used again; 21 s after that "Witness chat" has been idle for a minute.
  clock.advance(40_000);
  await sendMessage(page, 'still here');
  clock.advance(21_000);
  await expect(chatEntry(page, 'Witness chat')).toHaveAccessibleName(/ locked /);
  await expect(page.getByText('A chat locked itself after being idle.')).toBeVisible();
  // The check that locked it left the chat used 21 s ago open.
  await expect(chatEntry(page, 'Idle chat')).toHaveAccessibleName(/ open /);
  await expect(page.getByRole('heading', { name: 'Idle chat', level: 2 })).toBeVisible();
  expect(summaryOf(app, 'Idle chat').locked).toBe(false);

  // A minute more without a touch: it turns into the unlock screen by itself.
  clock.advance(61_000);
  await expect(page.getByRole('form', { name: 'Unlock Idle chat' })).toBeVisible();
  await expect(page.getByText('before the nap')).toHaveCount(0);
  await expect(chatEntry(page, 'Idle chat')).toHaveAccessibleName(/ locked /);
  await expect(page.getByText('A chat locked itself after being idle.')).toBeVisible();
});
