// How it looks: dark mode, readable hovered buttons, and a spinner that respects reduced motion.
import { expect, test } from './harness.js';
import { chatEntry, createProfile, newChat, receive, sendMessage, shot } from './ui-helpers.js';

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
