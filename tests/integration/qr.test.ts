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
import { readQrPng, readQrSeries } from '../../src-main/cli/qr-image.js';
import { pointerToText, sealWithSecret } from '../../src-main/core/index.js';
import { pointersToLink } from '../../src-shared/link.js';
import { QR_OPTIONS, QR_SERIES_PX } from '../../src-shared/qr.js';
import { splitForQr } from '../../src-shared/qr-parts.js';
import { legacyVectors, sealedVectors } from '../unit/vectors.js';

const dir = mkdtempSync(join(tmpdir(), 'clm-qr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The app's QR image of a text, as a screenshot of the dialog would hold it (a PNG): 900 pixels
 * wide, or, with `pxPerModule`, a whole number of pixels a module, as the dialog draws a series.
 */
async function screenshotOf(text: string, name: string, pxPerModule?: number): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', ...QR_OPTIONS });
  const modules = QRCode.create(text, QR_OPTIONS).modules.size + 2 * QR_OPTIONS.margin;
  const width = pxPerModule ? modules * pxPerModule : 900;
  const file = join(dir, `${name}.png`);
  writeFileSync(file, new Resvg(svg, { fitTo: { mode: 'width', value: width } }).render().asPng());
  return file;
}

// A fixed nonce keeps each length's pointer the same from run to run: how much a code holds
// depends a little on the characters (the encoder mixes modes), not only on the length.
const nonce = new Uint8Array(16).fill(7);
const sealed = (chars: number, char = 'x') => {
  const p = sealWithSecret(
    {
      format: 'sealed-v2',
      chat: 'AAAAAAAAAAAAAAAAAAAAAA',
      author: 'alice',
      text: char.repeat(chars),
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

describe('a pointer longer than one code holds, as a series of codes read back', () => {
  // The longest message the app sends: 16,384 characters, in ASCII and in 4-byte emoji (the most bytes).
  it.each([
    ['16,384 ASCII characters', 'x'],
    ['16,384 emoji', '😀'],
  ])(
    '%s: every code drawn as the QR dialog draws it, read in shuffled order, to the identical text',
    async (name, char) => {
      const pointer = sealed(16384, char);
      const codes = splitForQr(pointer, fitsOneCode);
      expect(codes.length).toBeGreaterThan(1);
      const files = await Promise.all(
        codes.map((c, i) => screenshotOf(c, `${name.replace(/\W+/g, '-')}-${i}`, QR_SERIES_PX)),
      );
      const shuffled = files
        .map((f, i) => [f, (i * 7919) % files.length] as const)
        .sort((a, b) => a[1] - b[1]);
      expect(readQrSeries(shuffled.map(([f]) => f))).toBe(pointer);
    },
  );

  it('a series with a code missing is refused, saying which', async () => {
    const pointer = sealed(2000);
    const codes = splitForQr(pointer, fitsOneCode);
    const files = await Promise.all(codes.map((c, i) => screenshotOf(c, `missing-${i}`, QR_SERIES_PX)));
    expect(files.length).toBe(3);
    expect(() => readQrSeries([files[0] as string, files[2] as string])).toThrow(
      new CliError(
        "These images hold part of a series of 3 QR codes; code 2 is missing. Give every code's image.",
      ),
    );
  });
});
