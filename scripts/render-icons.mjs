#!/usr/bin/env node
// Renders every icon the installers need from the one source, build/icon.svg
// (run by `npm run dist`; the results are build outputs, not committed):
//   build/icon.png        1024 px, what electron-builder takes for the app
//   build/icons/NxN.png   the Linux sizes (AppImage and deb)
//   build/icon.icns       macOS
//   build/icon.ico        Windows (NSIS)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

const png = (svg, size) => new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();

/** Writes every icon into `dir` (build/ by default) from `dir`/icon.svg; returns the files written. */
export function renderIcons(dir = join(import.meta.dirname, '..', 'build')) {
  const svg = readFileSync(join(dir, 'icon.svg'));
  const big = png(svg, 1024);
  const files = { [join(dir, 'icon.png')]: big };
  for (const size of LINUX_SIZES) files[join(dir, 'icons', `${size}x${size}.png`)] = png(svg, size);
  const icns = png2icons.createICNS(big, png2icons.BICUBIC, 0);
  const ico = png2icons.createICO(big, png2icons.BICUBIC, 0, false, true);
  if (!icns || !ico) throw new Error('render-icons: could not make the macOS or Windows icon.');
  files[join(dir, 'icon.icns')] = icns;
  files[join(dir, 'icon.ico')] = ico;
  mkdirSync(join(dir, 'icons'), { recursive: true });
  for (const [file, data] of Object.entries(files)) writeFileSync(file, data);
  return Object.keys(files);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`render-icons: ${renderIcons().length} icons written from build/icon.svg.`);
}
