import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import { NATIVE_ADDON_FILE, NATIVE_STAMP_FILE, nativeBuildDir, PACKAGED_NATIVE_DIR } from '../app-paths.mjs';
import type { ShellEnv } from './shell-env.js';

/** The one sentence for an Electron build of better-sqlite3 that is missing, stale or will not load. */
export const nativeBuildProblem = (packaged: boolean): string =>
  packaged
    ? 'This installation of Chrono-Library Messenger is incomplete (its database module is missing or damaged); reinstall the app.'
    : 'The database module built for Electron is missing or out of date; run npm start once on a machine with internet to build it.';

/**
 * better-sqlite3 compiled for Electron's ABI, kept apart from the Node build
 * in node_modules that `npm test` uses: in a checkout where
 * scripts/prepare-electron.mjs put it (and stamped it with the Electron
 * version it was built for), in a packaged app in its resources. Without it
 * the Node build would load and fail with an ABI error, so its absence is
 * reported as a problem instead.
 */
export function electronNativeBinding(env: ShellEnv): { file: string } | { problem: string } {
  if (app.isPackaged) {
    const file = join(env.resourcesPath, PACKAGED_NATIVE_DIR, NATIVE_ADDON_FILE);
    return existsSync(file) ? { file } : { problem: nativeBuildProblem(true) };
  }
  const dir = join(app.getAppPath(), nativeBuildDir(env.arch));
  const file = join(dir, NATIVE_ADDON_FILE);
  const stamp = join(dir, NATIVE_STAMP_FILE);
  const builtFor = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : undefined;
  return existsSync(file) && builtFor === env.electronVersion
    ? { file }
    : { problem: nativeBuildProblem(false) };
}
