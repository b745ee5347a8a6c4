import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
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
