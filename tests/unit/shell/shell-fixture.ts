/**
 * Starts the real shell (src-main/shell/app.ts main()) against the Electron
 * double, on a project laid out the way the build and prepare-electron lay it
 * out, in a temp folder. The test file itself calls
 * `vi.mock('electron', ...)`, since vi.mock only applies to the file it is in.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import {
  MAIN_DIR,
  NATIVE_ADDON_FILE,
  NATIVE_STAMP_FILE,
  nativeBuildDir,
  PACKAGED_NATIVE_DIR,
  RENDERER_DIR_FROM_MAIN,
} from '../../../src-main/app-paths.mjs';
import { Messenger } from '../../../src-main/service/messenger.js';
import { main } from '../../../src-main/shell/app.js';
import type { ShellEnv } from '../../../src-main/shell/shell-env.js';
import { VAULT_FILE_NAME } from '../../../src-main/vault/paths.js';
import { tempDirs } from '../../integration/temp-dirs.js';
import { electron, FakeBrowserWindow, FakeFrame, resetElectron } from './electron-double.js';

export const ELECTRON_VERSION = '45.5.0';
export const RENDERER_INDEX = '<!doctype html><title>Chrono-Library Messenger</title>';
export const SECRET = 'outside the renderer folder';
const RESOURCES = 'resources';
const RESOURCES_NATIVE = `${RESOURCES}/${PACKAGED_NATIVE_DIR}`;

/** The Node build of better-sqlite3: under the double, the shell runs in Node, not Electron. */
const nodeAddon = join(
  dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
  'build',
  'Release',
  NATIVE_ADDON_FILE,
);

/** The Electron build of better-sqlite3: where prepare-electron puts it, or in a packaged app's resources. */
export type NativeBuild = 'ready' | 'missing' | 'stale' | 'not-an-addon' | 'packaged';

export interface Project {
  readonly root: string;
  readonly mainDir: string;
  readonly userData: string;
  readonly vault: string;
}

export interface Started extends Project {
  readonly env: ShellEnv;
  /** The one window, if the shell opened it. */
  readonly win: FakeBrowserWindow | undefined;
  /** The messengers the shell opened (the last is the live one). */
  readonly messengers: Messenger[];
  /** A call from the window's own top frame, as the preload makes it. */
  call(name: string, args?: unknown): Promise<unknown>;
}

export function shellFixture() {
  const tmp = tempDirs('clm-shell-');
  const opened: Messenger[] = [];
  beforeEach(() => resetElectron());
  // Registered after tempDirs, so it runs before the folders go (after-each hooks run last-first).
  afterEach(async () => {
    for (const m of opened.splice(0)) await m.close();
  });

  /** out/main, out/renderer (index.html, and a file beside the folder that must stay out of reach), the native build. */
  function project(native: NativeBuild = 'ready'): Project {
    const root = tmp();
    const mainDir = join(root, MAIN_DIR);
    const renderer = join(mainDir, RENDERER_DIR_FROM_MAIN);
    mkdirSync(mainDir, { recursive: true });
    mkdirSync(renderer, { recursive: true });
    writeFileSync(join(renderer, 'index.html'), RENDERER_INDEX);
    writeFileSync(join(renderer, '..', 'secret.txt'), SECRET);
    const nativeDir = join(root, native === 'packaged' ? RESOURCES_NATIVE : nativeBuildDir(process.arch));
    if (native !== 'missing') {
      mkdirSync(nativeDir, { recursive: true });
      const addon = join(nativeDir, NATIVE_ADDON_FILE);
      if (native === 'not-an-addon') writeFileSync(addon, 'not a shared library');
      else copyFileSync(nodeAddon, addon);
      writeFileSync(
        join(nativeDir, NATIVE_STAMP_FILE),
        native === 'stale' ? '44.0.0\n' : `${ELECTRON_VERSION}\n`,
      );
    }
    const userData = join(root, 'user-data');
    return { root, mainDir, userData, vault: join(userData, VAULT_FILE_NAME) };
  }

  /** Runs main() as src-main/index.ts does, with a lower scrypt cost so logging in is quick. */
  /** `loaded: false` leaves the page loading, as it is right after start-up. */
  async function start(
    p: Project = project(),
    argv: readonly string[] = ['/opt/clm/clm'],
    opts: { loaded?: boolean } = {},
  ): Promise<Started> {
    electron.app.userData = p.userData;
    electron.app.appPath = p.root;
    const messengers: Messenger[] = [];
    const env: ShellEnv = {
      mainDir: p.mainDir,
      argv,
      resourcesPath: join(p.root, RESOURCES),
      electronVersion: ELECTRON_VERSION,
      arch: process.arch,
      openMessenger: (path, opts) => {
        const m = Messenger.open(path, { ...opts, profileLog2N: 12, chatLog2N: 12 });
        messengers.push(m);
        opened.push(m);
        return m;
      },
    };
    await main(env);
    const win = FakeBrowserWindow.all[0];
    if (opts.loaded !== false) win?.webContents.finishLoad();
    const call = (name: string, args?: unknown) =>
      electron.ipcMain.invoke(`clm:${name}`, win?.webContents.mainFrame ?? new FakeFrame(''), args);
    return { ...p, env, win, messengers, call };
  }

  return { tmp, project, start };
}
