// A pointer too long for one QR code: the QR dialog shows it as a numbered series, one code at a
// time, and the import dialog joins the codes' pictures again, in any order, across several opens.
import { importDialog, resultRows } from './exchange-helpers.js';
import { expect, test } from './harness.js';
import { bubble, createProfile, messagesLog, newChat } from './ui-helpers.js';

const SECRET = 'long river';

test('a long message as a series of QR codes, read back in any order into the import dialog', async ({
  launch,
}) => {
  const [a, b] = await Promise.all([launch(), launch()]);
  await Promise.all([createProfile(a.page, 'alice'), createProfile(b.page, 'bob')]);
  await newChat(a.page, 'Letters', SECRET);
  // About 3,000 characters: more than one code holds (about 1,600 at level M).
  const text = `LONG LETTER ${'All is well here; the garden is full of beans. '.repeat(64)}`.trim();
  const composer = a.page.getByLabel('Message', { exact: true });
  await composer.fill(text);
  await composer.press('Enter');
  await expect.poll(() => a.clipboard.text).toContain('"v":2');
  const pointer = a.clipboard.text;

  const message = bubble(messagesLog(a.page), 'LONG LETTER');
  await message.hover();
  await message.getByRole('button', { name: /^QR/ }).click();
  const qr = a.page.getByRole('dialog', { name: 'Pointer as QR codes' });
  const said = qr.getByText(/^This pointer takes \d+ codes: this is code 1 of \d+\./);
  await expect(said).toBeVisible();
  const n = Number((await said.textContent())?.match(/takes (\d+) codes/)?.[1]);
  expect(n).toBeGreaterThanOrEqual(3);
  // The way on is where the focus starts; the last code has no Next.
  await expect(qr.getByRole('button', { name: 'Next code' })).toBeFocused();
  const pictures: Buffer[] = [];
  for (let i = 1; i <= n; i++) {
    const img = qr.getByRole('img', { name: `QR code ${i} of ${n} of the pointer` });
    await expect(img).toBeVisible();
    pictures.push(await img.screenshot());
    if (i < n) await qr.getByRole('button', { name: 'Next code' }).click();
  }
  await expect(qr.getByRole('button', { name: 'Next code' })).toHaveAttribute('aria-disabled', 'true');
  await qr.getByRole('button', { name: 'Close' }).click();

  await b.page.getByRole('button', { name: 'Import pointers' }).click();
  const d = importDialog(b.page);
  const files = d.getByLabel('Or open a text file or a QR code image:');
  const png = (i: number) => ({
    name: `code-${i + 1}.png`,
    mimeType: 'image/png',
    buffer: pictures[i] as Buffer,
  });
  // The last two codes first: the dialog says what is still to read and leaves the text alone.
  await files.setInputFiles([png(n - 1), png(n - 2)]);
  const rest = Array.from({ length: n - 2 }, (_, i) => String(i + 1));
  const list =
    rest.length === 1 ? `code ${rest[0]}` : `codes ${rest.slice(0, -1).join(', ')} and ${rest.at(-1)}`;
  await expect(
    d.getByText(`Read 2 of the ${n} codes of a long pointer; still to read: ${list}.`),
  ).toBeVisible();
  await expect(d.getByLabel(/Paste one or many pointers/)).toHaveValue('');
  // The others together, in reverse: the pointer is whole, exactly as sent.
  await files.setInputFiles(rest.map((_, i) => png(n - 3 - i)));
  await expect(d.getByLabel(/Paste one or many pointers/)).toHaveValue(pointer);
  await expect(d.getByText(/still to read/)).toHaveCount(0);

  await d.getByLabel(/Chat secret for locked or new chats/).fill(SECRET);
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(resultRows(d)).toHaveCount(1);
  const [chat] = b.messenger.listChats();
  expect(chat?.name).toBe('Letters');
  expect(b.messenger.history(chat?.id as never).messages.map((m) => m.text)).toEqual([text]);
});
