/**
 * Every installer's icon comes from the one source, build/icon.svg, rendered
 * by scripts/render-icons.mjs (which `npm run dist` runs first).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Configuration } from 'electron-builder';
import { afterAll, describe, expect, it } from 'vitest';
import { LINUX_SIZES, renderIcons } from '../../scripts/render-icons.mjs';

const root = join(import.meta.dirname, '../..');
const config = (
  (await import(pathToFileURL(join(root, 'electron-builder.config.mjs')).href)) as { default: Configuration }
).default;
const dir = mkdtempSync(join(tmpdir(), 'clm-icons-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
copyFileSync(join(root, 'build', 'icon.svg'), join(dir, 'icon.svg'));
const written = renderIcons(dir);

/** A PNG's width and height, from its IHDR chunk. */
const pngSize = (file: string) => {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
};

describe('the app icons', () => {
  it('renders the 1024 px app icon and every Linux size, square', () => {
    expect(pngSize(join(dir, 'icon.png'))).toEqual([1024, 1024]);
    for (const s of LINUX_SIZES) expect(pngSize(join(dir, 'icons', `${s}x${s}.png`))).toEqual([s, s]);
  });

  it('renders a real macOS .icns and Windows .ico', () => {
    const icns = readFileSync(join(dir, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const ico = readFileSync(join(dir, 'icon.ico'));
    // ICONDIR: reserved 0, type 1 (icon), then how many images it holds.
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThan(1);
  });

  it('is what each installer is configured with, rendered before every npm run dist', () => {
    const c = config;
    expect(c.linux?.icon).toBe('build/icons');
    expect(c.mac?.icon).toBe('build/icon.icns');
    expect(c.win?.icon).toBe('build/icon.ico');
    expect(written.map((f) => f.slice(dir.length + 1)).sort()).toEqual(
      ['icon.icns', 'icon.ico', 'icon.png', ...LINUX_SIZES.map((s) => `icons/${s}x${s}.png`)].sort(),
    );
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { dist: string } };
    expect(pkg.scripts.dist).toMatch(/node scripts\/render-icons\.mjs && .*electron-builder/);
  });
});
