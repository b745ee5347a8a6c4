// A chat of 100,000 messages: the history is virtualized and fetched in pages as it scrolls.
import { expect, test } from './harness.js';
import { chatEntry, chatIdOf, createProfile, messagesLog, newChat, shot } from './ui-helpers.js';

test('100,000 messages: newest at the bottom, virtualized, scrolls to the first and the middle', async ({
  app,
}) => {
  test.setTimeout(240_000);
  const page = app.page;
  await createProfile(page, 'hugo');
  await newChat(page, 'Archive', 'very long history');
  const chatId = chatIdOf(app, 'Archive');
  const t0 = Date.now();
  app.messenger.batch(() => {
    for (let i = 0; i < 100_000; i++) app.messenger.send(chatId, `message ${i}`);
  });
  console.log(`seeded 100,000 messages in ${Date.now() - t0} ms`);

  // The renderer learns of the new history by reopening the chat.
  await page.reload();
  await chatEntry(page, 'Archive').click();
  await expect(chatEntry(page, 'Archive')).toHaveAccessibleName(/ 100,000 messages$/);
  const log = messagesLog(page);
  const t1 = Date.now();
  await expect(log.getByText('message 99999', { exact: true })).toBeInViewport();
  console.log(`newest message shown ${Date.now() - t1} ms after opening`);
  const rows = log.getByRole('button', { name: /^Copy pointer of the message from You at / });
  expect(await rows.count()).toBeGreaterThan(0);
  expect(await rows.count()).toBeLessThan(100);

  // The texts inside the log's visible box (overscan rows above and below it do not count).
  const onScreen = () =>
    log.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const out: number[] = [];
      for (const n of el.querySelectorAll('*')) {
        const t = n.childElementCount === 0 ? (n.textContent ?? '') : '';
        const r = n.getBoundingClientRect();
        if (/^message \d+$/.test(t) && r.bottom > box.top && r.top < box.bottom) out.push(Number(t.slice(8)));
      }
      return out;
    });
  // To the top with the keyboard, and back: Home, End, Page Up and Down go to exact messages.
  await log.focus();
  await page.keyboard.press('Control+Home');
  await expect(log.getByText('message 0', { exact: true })).toBeInViewport({ timeout: 5_000 });
  expect(await rows.count()).toBeLessThan(100);
  await page.keyboard.press('End');
  await expect(log.getByText('message 99999', { exact: true })).toBeInViewport({ timeout: 5_000 });
  await page.keyboard.press('Home');
  await expect(log.getByText('message 0', { exact: true })).toBeInViewport({ timeout: 5_000 });
  // Page Down: the message after the last one on screen comes to the top; Page Up: the one before the first, to the bottom.
  const shown = async () => {
    await expect(log.getByText('…', { exact: true })).toHaveCount(0, { timeout: 5_000 });
    return onScreen();
  };
  const before = await shown();
  await page.keyboard.press('PageDown');
  await expect.poll(async () => Math.min(...(await shown())), { timeout: 5_000 }).toBeGreaterThan(0);
  const next = Math.min(...(await shown()));
  expect([Math.max(...before), Math.max(...before) + 1]).toContain(next);
  const atNext = await shown();
  await page.keyboard.press('PageUp');
  await expect
    .poll(async () => Math.max(...(await shown())), { timeout: 5_000 })
    .toBeLessThan(Math.max(...atNext));
  const back = Math.max(...(await shown()));
  expect([Math.min(...atNext) - 1, Math.min(...atNext)]).toContain(back);
  await page.keyboard.press('Control+End');
  await expect(log.getByText('message 99999', { exact: true })).toBeInViewport({ timeout: 5_000 });

  // The middle: real messages, not just placeholders.
  await log.evaluate((el) => {
    el.scrollTop = el.scrollHeight / 2;
  });
  await expect(log.getByText('…', { exact: true })).toHaveCount(0, { timeout: 5_000 });
  await expect.poll(async () => (await onScreen()).length, { timeout: 5_000 }).toBeGreaterThan(2);
  const numbers = await onScreen();
  expect(Math.min(...numbers)).toBeGreaterThan(30_000);
  expect(Math.max(...numbers)).toBeLessThan(70_000);
  expect(await rows.count()).toBeLessThan(100);
  await shot(page, '25-hundred-thousand');
});
