import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { missingText, PartCollector } from '../../src-shared/qr-parts.js';
import { CliError } from './cli-error.js';

/**
 * The text of the QR code in a PNG image (a screenshot of the app's QR dialog,
 * or a saved photo): a pointer, several, or a clm:// link, for `clm import --qr`.
 */
export function readQrPng(path: string): string {
  let png: PNG;
  try {
    png = PNG.sync.read(readFileSync(path));
  } catch {
    throw new CliError(`Cannot read ${path} as a PNG image.`);
  }
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height, {
    inversionAttempts: 'attemptBoth',
  });
  if (!found || found.data === '') throw new CliError(`There is no QR code in ${path} that can be read.`);
  return found.data;
}

/**
 * The text of the QR codes in these PNG images, one code each: a series (a
 * pointer too long for one code) joined in whatever order the files come,
 * and the texts of plain codes one a line, as pasted pointers are.
 */
export function readQrSeries(paths: readonly string[]): string {
  const collector = new PartCollector();
  const texts: string[] = [];
  for (const path of paths) {
    const got = collector.add(readQrPng(path));
    if (got.kind === 'error') throw new CliError(`${path}: ${got.message}`);
    if (got.kind === 'text') texts.push(got.text);
  }
  const pending = collector.pending();
  if (pending)
    throw new CliError(
      `These images hold part of a series of ${pending.count} QR codes; ${missingText(pending.missing)} ${pending.missing.length === 1 ? 'is' : 'are'} missing. Give every code's image.`,
    );
  return texts.join('\n');
}
