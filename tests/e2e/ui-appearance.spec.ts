// How it looks: dark mode, readable hovered buttons, a spinner that respects reduced motion, the focus
// ring in light, dark and forced colours, and text at 200%.
import type { Locator } from '@playwright/test';
import { expect, test } from './harness.js';
import {
  bubble,
  chatEntry,
  createProfile,
  messagesLog,
  newChat,
  receive,
  sendMessage,
  shot,
  shotAround,
  tabTo,
} from './ui-helpers.js';

test('dark mode: the chat view', async ({ app, launch }) => {
  const page = app.page;
  await page.emulateMedia({ colorScheme: 'dark' });
  await createProfile(page, 'dana');

  // A received message too: Bea sends, Dana imports it with the secret.
  const bea = await launch();
  await createProfile(bea.page, 'bea');
  await newChat(bea.page, 'Night shift', 'owl secret');
  await sendMessage(bea.page, 'Are you still up? The build finished.');
  await bea.close();
  await receive(page, bea.clipboard.text, 'owl secret');
  await newChat(page, 'Old friends', 'legacy pass', { id: '1' });
  await chatEntry(page, 'Night shift').click();
  await sendMessage(page, 'Yes, reading the logs now.');
  await sendMessage(page, 'Two lines:\nall green ✓');
  expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
  await shot(page, '26-dark');
});

test('a hovered primary button stays readable, light and dark', async ({ app }) => {
  const page = app.page;
  await createProfile(page, 'hov');
  const button = page.getByRole('button', { name: 'New chat' });
  /** WCAG contrast of the button's text colour on its background. */
  const contrast = () =>
    button.evaluate((el) => {
      const lum = (c: string) => {
        const [r, g, b] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
          const s = Number(v) / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
      };
      const st = getComputedStyle(el);
      const [hi, lo] = [lum(st.color), lum(st.backgroundColor)].sort((a, b) => b - a);
      return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
    });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.mouse.move(0, 0);
    expect(await contrast(), `${scheme}, at rest`).toBeGreaterThanOrEqual(3);
    await button.hover();
    expect(await contrast(), `${scheme}, hovered`).toBeGreaterThanOrEqual(3);
  }
});

test('with reduced motion the spinner stands still, and still shows', async ({ app }) => {
  const page = app.page;
  // A spinner as the forms show one (beside "Opening…", "Deriving the chat key…"), measured and removed.
  const spinner = () =>
    page.evaluate(() => {
      const el = document.createElement('span');
      el.className = 'spinner';
      document.body.append(el);
      const st = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      const seen = { animation: st.animationName, width: box.width, display: st.display };
      el.remove();
      return seen;
    });
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  expect((await spinner()).animation).not.toBe('none');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const still = await spinner();
  expect(still.animation).toBe('none');
  expect(still.display).toBe('inline-block');
  expect(still.width).toBeGreaterThan(10);
});

test('the focus ring shows in light, dark and forced colours, on a sent bubble and on a primary button', async ({
  app,
}) => {
  const page = app.page;
  await createProfile(page, 'fern');
  await newChat(page, 'Rings', 'ring secret');
  await sendMessage(page, 'A sent message, its button focused.');
  // The toast would cover the newest bubble in the picture; it goes by itself.
  await expect(page.locator('.toast')).toHaveCount(0, { timeout: 15_000 });
  const composer = page.getByLabel('Message', { exact: true });
  const copy = bubble(messagesLog(page), 'A sent message').getByRole('button', { name: /^Copy pointer/ });
  const send = page.getByRole('button', { name: 'Send' });
  await composer.fill('draft');
  /** The outline of the focused element, as computed. */
  const ring = (el: Locator) =>
    el.evaluate((e) => {
      const s = getComputedStyle(e);
      return { style: s.outlineStyle, width: s.outlineWidth, focusVisible: e.matches(':focus-visible') };
    });
  for (const [mode, media] of [
    ['light', { colorScheme: 'light', forcedColors: 'none' }],
    ['dark', { colorScheme: 'dark', forcedColors: 'none' }],
    ['forced-colors', { colorScheme: 'light', forcedColors: 'active' }],
  ] as const) {
    await page.emulateMedia(media);
    // Reached with the keyboard, as :focus-visible shows it to a keyboard user.
    await composer.focus();
    await tabTo(page, copy, true);
    expect(await ring(copy), mode).toEqual({ style: 'solid', width: '2px', focusVisible: true });
    await shot(page, `30-focus-${mode}`);
    await shotAround(page, copy, `31-focus-${mode}-sent-bubble`);
    await composer.focus();
    await page.keyboard.press('Tab');
    await expect(send).toBeFocused();
    expect(await ring(send), mode).toEqual({ style: 'solid', width: '2px', focusVisible: true });
    await shotAround(page, send, `32-focus-${mode}-primary`);
  }
});

test('text at 200%: the screens reflow, nothing scrolls sideways, the controls stay reachable', async ({
  app,
}) => {
  const page = app.page;
  // Every font size is in rem: doubling the root's size doubles all the text (a text-only zoom, the layout in px).
  const zoomText = () =>
    page.evaluate(() => {
      const root = document.documentElement;
      root.style.fontSize = `${2 * Number.parseFloat(getComputedStyle(root).fontSize)}px`;
      return getComputedStyle(document.body).fontSize;
    });
  expect(await zoomText()).toBe('28px');
  /** No sideways scrolling of the window: everything fits its width. */
  const fitsWidth = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  await expect(page.getByRole('button', { name: 'Create profile' })).toBeVisible();
  expect(await fitsWidth()).toBe(true);
  await shot(page, '33-text-200-first-run');

  await createProfile(page, 'zoe');
  await newChat(page, 'Large print', 'large secret');
  await sendMessage(page, 'Twice the size, and still fits.');
  await expect(page.locator('.toast')).toHaveCount(0, { timeout: 15_000 });
  expect(await fitsWidth()).toBe(true);
  for (const name of ['Send', 'Chat menu', 'Lock', 'New chat', 'Settings']) {
    await expect(page.getByRole('button', { name, exact: true }), name).toBeInViewport();
  }
  await shot(page, '34-text-200-chat');

  await page.getByRole('button', { name: 'New chat' }).click();
  const d = page.getByRole('dialog', { name: 'New chat' });
  await d.getByRole('radio', { name: /^Legacy/ }).check();
  const create = d.getByRole('button', { name: 'Create chat' });
  await create.scrollIntoViewIfNeeded();
  await expect(create).toBeInViewport();
  expect(await fitsWidth()).toBe(true);
  await shot(page, '35-text-200-dialog');
});
