/**
 * QR both ways: the code the app draws for a pointer (its exact SVG, as the QR
 * dialog makes it) read back from an image to the same text, from the
 * shortest pointer to the longest one that fits.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src-main/cli/cli-error.js';
import { readQrPng } from '../../src-main/cli/qr-image.js';
import { pointerToText, sealWithSecret } from '../../src-main/core/index.js';
import { pointersToLink } from '../../src-shared/link.js';
import { QR_OPTIONS } from '../../src-shared/qr.js';
import { legacyVectors, sealedVectors } from '../unit/vectors.js';

const dir = mkdtempSync(join(tmpdir(), 'clm-qr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The app's QR image of a text, as a screenshot of the dialog would hold it (a PNG). */
async function screenshotOf(text: string, name: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', ...QR_OPTIONS });
  const file = join(dir, `${name}.png`);
  writeFileSync(file, new Resvg(svg, { fitTo: { mode: 'width', value: 900 } }).render().asPng());
  return file;
}

// A fixed nonce keeps each length's pointer the same from run to run: how much a code holds
// depends a little on the characters (the encoder mixes modes), not only on the length.
const nonce = new Uint8Array(16).fill(7);
const sealed = (chars: number) => {
  const p = sealWithSecret(
    {
      format: 'sealed-v2',
      chat: 'AAAAAAAAAAAAAAAAAAAAAA',
      author: 'alice',
      text: 'x'.repeat(chars),
      epoch: 1795817418,
      k: 12,
      nonce,
    },
    'river stone',
  );
  if (!p.ok) throw new Error(p.error.message);
  return pointerToText(p.value);
};

const fitsOneCode = (text: string) => {
  try {
    QRCode.create(text, QR_OPTIONS);
    return true;
  } catch {
    return false;
  }
};

describe('QR codes read back', () => {
  it.each([
    ['a sealed v2 vector', (sealedVectors[0] as { pointer: string }).pointer],
    ['a legacy vector', (legacyVectors[0] as { pointer: string }).pointer],
    ['a clm:// link to two pointers', pointersToLink([sealed(10), sealed(20)]) as string],
  ])('%s, to the identical text', async (name, text) => {
    expect(readQrPng(await screenshotOf(text, name.replace(/\W+/g, '-')))).toBe(text);
  });

  it('the longest sealed message one code holds at level M, to the identical text; one more does not fit', async () => {
    let lo = 1;
    let hi = 16384;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (fitsOneCode(sealed(mid))) lo = mid;
      else hi = mid - 1;
    }
    // What the README and src-shared/qr.ts promise: about 1,600 ASCII characters.
    expect(lo).toBeGreaterThanOrEqual(1600);
    expect(fitsOneCode(sealed(lo + 1))).toBe(false);
    const longest = sealed(lo);
    expect(readQrPng(await screenshotOf(longest, 'longest'))).toBe(longest);
  });

  it('an image without a code, or not an image, is refused with one sentence', () => {
    const blank = join(dir, 'blank.png');
    writeFileSync(
      blank,
      new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"/>').render().asPng(),
    );
    expect(() => readQrPng(blank)).toThrow(new CliError(`There is no QR code in ${blank} that can be read.`));
    const text = join(dir, 'text.png');
    writeFileSync(text, 'not a picture');
    expect(() => readQrPng(text)).toThrow(new CliError(`Cannot read ${text} as a PNG image.`));
  });
});
