// Keyboard only: every step without a click, and the chat menu as a WAI-ARIA menu button.
import { expect, test } from './harness.js';
import { bubble, chatIdOf, createProfile, fillByKeys, messagesLog, newChat, tabTo } from './ui-helpers.js';

test('keyboard only: profile, chat and message without a click; Shift+Enter, Escape', async ({ app }) => {
  const page = app.page;
  const kb = page.keyboard;
  await expect(page.getByLabel('Nickname')).toBeFocused();
  await fillByKeys(page, ['kay', 'kay master phrase', 'kay master phrase']);
  const newChatButton = page.getByRole('button', { name: 'New chat' });
  await expect(newChatButton).toBeVisible();

  // Enter opens the dialog, Escape closes it.
  await tabTo(page, newChatButton);
  await kb.press('Enter');
  const d = page.getByRole('dialog', { name: 'New chat' });
  await expect(d).toBeVisible();
  await expect(d.getByLabel('Name')).toBeFocused();
  await kb.press('Escape');
  await expect(d).toBeHidden();

  // Space opens it again; fill it by typing and submit with Enter.
  await tabTo(page, newChatButton);
  await kb.press('Space');
  await expect(d.getByLabel('Name')).toBeFocused();
  await fillByKeys(page, ['Keys only', 'typed secret', 'typed secret']);
  await expect(d).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Keys only', level: 2 })).toBeVisible();

  const composer = page.getByLabel('Message', { exact: true });
  await tabTo(page, composer);
  await kb.type('first line');
  await kb.press('Shift+Enter');
  await kb.type('second line');
  await expect(composer).toHaveValue('first line\nsecond line');
  await kb.press('Enter');
  await expect(composer).toHaveValue('');
  const [m] = app.messenger.history(chatIdOf(app, 'Keys only')).messages;
  expect(m?.text).toBe('first line\nsecond line');
  await expect(messagesLog(page).getByText('first line')).toBeVisible();
  await expect(messagesLog(page).getByText('second line')).toBeVisible();

  // Shift+Tab back from the composer reaches the message's own buttons.
  app.clipboard.text = '';
  await tabTo(
    page,
    bubble(messagesLog(page), 'first line').getByRole('button', { name: /^Copy pointer/ }),
    true,
  );
  await kb.press('Enter');
  await expect.poll(() => app.clipboard.text).toBe(m?.pointer);

  // The settings dialog opens from the keyboard and Escape closes it.
  await tabTo(page, page.getByRole('button', { name: 'Settings' }), true);
  await kb.press('Enter');
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings).toBeVisible();
  await kb.press('Escape');
  await expect(settings).toBeHidden();
});

test('the chat menu behaves as a menu button: focus moves in, Escape and a click outside close it', async ({
  app,
}) => {
  const page = app.page;
  await createProfile(page, 'kit');
  await newChat(page, 'Menu keys', 'menu keys secret');
  const button = page.getByRole('button', { name: 'Chat menu' });
  const menu = page.getByRole('menu', { name: 'Chat menu' });
  // The WAI-ARIA menu button pattern: Enter opens and focuses the first item, arrows move, Escape closes.
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(menu.getByRole('menuitem', { name: 'Rename…' }), 'Enter focuses the first item').toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(
    menu.getByRole('menuitem', { name: 'Chat details…' }),
    'ArrowDown moves to the next item',
  ).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu, 'Escape closes the menu').toBeHidden();
  await expect(button, 'Escape returns the focus to the menu button').toBeFocused();

  // A click elsewhere closes an open menu.
  await button.click();
  await expect(menu).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search this chat' }).click();
  await expect(menu, 'a click outside closes the menu').toBeHidden();
});
