// Import from a picture of a QR code: opened, dropped or pasted into the import dialog.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { pointersToLink } from '../../src-shared/link.js';
import { importDialog, resultRows, sendAndTake } from './exchange-helpers.js';
import { expect, test } from './harness.js';
import { createProfile, newChat } from './ui-helpers.js';

const SECRET = 'paper lantern';

/** The QR code of `text` as a PNG, as the app's QR dialog draws it. */
const qrPng = (text: string): Promise<Buffer> =>
  QRCode.toBuffer(text, { errorCorrectionLevel: 'M', margin: 1, scale: 6 });

/** A plain white PNG: a picture with no code in it. */
function blankPng(): Buffer {
  const png = new PNG({ width: 120, height: 80 });
  png.data.fill(255);
  return PNG.sync.write(png);
}

async function openDialog(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Import pointers' }).click();
  const d = importDialog(page);
  await expect(d).toBeVisible();
  return d;
}

const textBox = (d: Locator): Locator => d.getByLabel(/Paste one or many pointers/);
const fileInput = (d: Locator): Locator => d.getByLabel('Or open a text file or a QR code image:');

/** A file event carrying a PNG, as a drop or a Ctrl+V of a screenshot delivers it, at `selector`. */
async function sendPng(page: Page, kind: 'drop' | 'paste', selector: string, png: Buffer): Promise<void> {
  await page.evaluate(
    ([k, sel, b64]) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'screenshot.png', { type: 'image/png' }));
      const target = document.querySelector(sel);
      if (!target) throw new Error(`no ${sel}`);
      const init = { bubbles: true, cancelable: true };
      if (k === 'paste') target.dispatchEvent(new ClipboardEvent('paste', { ...init, clipboardData: dt }));
      else
        for (const t of ['dragenter', 'dragover', 'drop'])
          target.dispatchEvent(new DragEvent(t, { ...init, dataTransfer: dt }));
    },
    [kind, selector, png.toString('base64')] as const,
  );
}

test('a QR code image opened in the import dialog fills the text; Import stores it as a new chat', async ({
  launch,
}) => {
  const [a, b] = await Promise.all([launch(), launch()]);
  await Promise.all([createProfile(a.page, 'alice'), createProfile(b.page, 'bob')]);
  await newChat(a.page, 'Book club', SECRET);
  const pointer = await sendAndTake(a, 'Chapter 3 by Friday?');

  const d = await openDialog(b.page);
  await fileInput(d).setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: await qrPng(pointer) });
  await expect(textBox(d)).toHaveValue(pointer);
  await expect(d.getByRole('alert')).toHaveCount(0);
  // Nothing is imported until Import is pressed.
  expect(b.messenger.listChats()).toEqual([]);
  await expect(d.getByRole('region', { name: 'Import results' })).toHaveCount(0);

  await d.getByLabel(/Chat secret for locked or new chats/).fill(SECRET);
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(resultRows(d)).toHaveCount(1);
  await expect(resultRows(d)).toContainText('New chat "Book club" created and the message stored.');
  expect(b.messenger.listChats().map((c) => c.name)).toEqual(['Book club']);
});

test('a QR code image dropped on or pasted into the import dialog fills the text, as a paste would', async ({
  app,
}) => {
  await createProfile(app.page, 'alice');
  await newChat(app.page, 'Notes', SECRET);
  const p1 = await sendAndTake(app, 'first');
  const p2 = await sendAndTake(app, 'second');
  const link = pointersToLink([p2]);
  if (!link) throw new Error('no link for the pointer');

  const d = await openDialog(app.page);
  await sendPng(app.page, 'drop', '#import-text', await qrPng(p1));
  await expect(textBox(d)).toHaveValue(p1);

  // A screenshot pasted while the text box has the focus replaces the text; so would a paste of text.
  await textBox(d).focus();
  await sendPng(app.page, 'paste', '#import-text', await qrPng(link));
  await expect(textBox(d)).toHaveValue(link);
  await expect(textBox(d)).toBeFocused();

  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(resultRows(d)).toHaveCount(1);
  await expect(resultRows(d)).toContainText('This is a message you sent, already in chat "Notes".');
});

test('an image without a code, or too large, says so in one sentence and changes nothing', async ({
  app,
}) => {
  await createProfile(app.page, 'alice');
  const d = await openDialog(app.page);
  await textBox(d).fill('typed before');

  await sendPng(app.page, 'drop', '#import-text', blankPng());
  await expect(d.getByRole('alert')).toHaveText('No QR code could be read in that image.');
  await expect(textBox(d)).toHaveValue('typed before');

  // From disk: Playwright sends a buffer this large to a multiple-file input too slowly to test.
  const huge = join(app.dir, 'huge.png');
  writeFileSync(huge, Buffer.alloc(21 * 1024 * 1024));
  await fileInput(d).setInputFiles(huge);
  await expect(d.getByRole('alert')).toHaveText(
    'That image is larger than 20 MB; crop it to the code first.',
  );
  await expect(textBox(d)).toHaveValue('typed before');

  await fileInput(d).setInputFiles({ name: 'cat.png', mimeType: 'image/png', buffer: blankPng() });
  await expect(d.getByRole('alert')).toHaveText('No QR code could be read in that image.');
  await expect(textBox(d)).toHaveValue('typed before');

  // Not a picture at all, though named like one.
  await fileInput(d).setInputFiles({
    name: 'broken.png',
    mimeType: 'image/png',
    buffer: Buffer.from('not a png'),
  });
  await expect(d.getByRole('alert')).toHaveText('That file cannot be read as an image.');
  await expect(textBox(d)).toHaveValue('typed before');

  // A text file still reads as text, and clears the sentence.
  await fileInput(d).setInputFiles({
    name: 'p.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('from a file'),
  });
  await expect(textBox(d)).toHaveValue('from a file');
  await expect(d.getByRole('alert')).toHaveCount(0);
});

test('a screenshot of a QR code pasted or dropped on the main window opens the import dialog with it read', async ({
  app,
}) => {
  await createProfile(app.page, 'alice');
  await newChat(app.page, 'Notes', SECRET);
  const pointer = await sendAndTake(app, 'from the window');
  // Nothing focused that takes a paste itself: the window's own shortcut.
  await app.page.locator('body').click({ position: { x: 5, y: 5 } });
  await app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  await sendPng(app.page, 'paste', 'body', await qrPng(pointer));
  let d = importDialog(app.page);
  await expect(textBox(d)).toHaveValue(pointer);
  await d.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(d).toBeHidden();

  await sendPng(app.page, 'drop', '.layout', await qrPng(pointer));
  d = importDialog(app.page);
  await expect(textBox(d)).toHaveValue(pointer);
  // Nothing is imported by reading a picture.
  expect(app.messenger.history(app.messenger.listChats()[0]?.id as never).messages).toHaveLength(1);
});
