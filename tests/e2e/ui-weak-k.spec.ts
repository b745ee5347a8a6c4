// A sealed chat that arrived with a k below the app's default (its sender chose it) is shown as
// weak in the list and in its details, with what one guess at its secret costs; k = 17 is not.
import { expect, test } from './harness.js';
import { chatEntry, createProfile, detail, openChatMenuItem } from './ui-helpers.js';

test('a chat with a low k shows as weak, with the cost of a guess; one at the default does not', async ({
  app,
}) => {
  const page = app.page;
  await createProfile(page, 'wren');
  // Made by the service directly: k as a sender chose it (12, the lowest accepted) and the default.
  await app.messenger.createChat({ name: 'Cheap chat', secret: 'cheap secret', format: 'sealed-v2', k: 12 });
  await app.messenger.createChat({
    name: 'Strong chat',
    secret: 'strong secret',
    format: 'sealed-v2',
    k: 17,
  });
  // Locking all reloads the window's list (the all-locked event), which now holds both.
  app.messenger.lockAll();

  await expect(chatEntry(page, 'Cheap chat')).toHaveAccessibleName(/ weak: about 40 ms a guess sealed v2 /);
  await expect(chatEntry(page, 'Strong chat')).not.toHaveAccessibleName(/weak/);

  await chatEntry(page, 'Cheap chat').click();
  const unlock = page.getByRole('form', { name: 'Unlock Cheap chat' });
  await unlock.getByLabel('Chat secret').fill('cheap secret');
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { name: 'Cheap chat', level: 2 })).toBeVisible();
  await openChatMenuItem(page, 'Chat details…');
  const d = page.getByRole('dialog', { name: 'Chat details' });
  await expect(detail(d, 'Cost k')).toHaveText('12');
  await expect(detail(d, 'Protection')).toHaveText(
    'Weak protection: k = 12 (4 MiB), about 40 ms a guess; chats made here use k = 17.',
  );
});
