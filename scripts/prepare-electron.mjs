#!/usr/bin/env node
// Prepares what `npm start` needs and `npm install` deliberately skips, on a
// machine with internet: Electron's binary, and better-sqlite3 compiled for
// Electron's ABI into build/electron-native/ (apart from node_modules, so the
// Node build that `npm test` uses is never overwritten). Where it goes is
// src-main/app-paths.mjs's, shared with the shell that loads it and
// electron-builder that packages it.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATIVE_ADDON_FILE, NATIVE_STAMP_FILE, nativeBuildDir } from '../src-main/app-paths.mjs';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const root = join(import.meta.dirname, '..');

function step(what, fn) {
  try {
    fn();
  } catch (e) {
    console.error(`prepare-electron: ${what} failed (${e.message.split('\n')[0]}).`);
    console.error('Electron needs internet access the first time it starts; the tests (npm test) do not.');
    process.exit(1);
  }
}

// Electron downloads its binary on first use; do it now, visibly.
step('downloading Electron', () => {
  execFileSync(process.execPath, [require.resolve('electron/install.js')], { stdio: 'inherit' });
});

// One build per architecture, stamped with the Electron version it was made for.
const target = join(root, nativeBuildDir(process.arch));
const addon = join(target, NATIVE_ADDON_FILE);
const stamp = join(target, NATIVE_STAMP_FILE);
const current = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
if (!existsSync(addon) || current !== electronVersion) {
  step('building better-sqlite3 for Electron', () => {
    const work = mkdtempSync(join(tmpdir(), 'clm-native-'));
    const pkg = join(work, 'better-sqlite3');
    cpSync(join(root, 'node_modules', 'better-sqlite3'), pkg, { recursive: true });
    rmSync(join(pkg, 'build'), { recursive: true, force: true });
    const gyp = join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    execFileSync(
      process.execPath,
      [
        gyp,
        'rebuild',
        '--release',
        `--target=${electronVersion}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      { cwd: pkg, stdio: 'inherit' },
    );
    mkdirSync(target, { recursive: true });
    cpSync(join(pkg, 'build', 'Release', NATIVE_ADDON_FILE), addon);
    writeFileSync(stamp, `${electronVersion}\n`);
    rmSync(work, { recursive: true, force: true });
  });
}
console.log(`prepare-electron: Electron ${electronVersion} and its better-sqlite3 build are ready.`);
