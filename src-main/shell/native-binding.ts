import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';

/**
 * better-sqlite3 compiled for Electron's ABI, kept apart from the Node build
 * in node_modules that `npm test` uses (scripts/prepare-electron.mjs makes it;
 * a packaged app carries it in its resources). Undefined means: use the
 * default, which only works if node_modules holds an Electron build.
 */
export function electronNativeBinding(): string | undefined {
  const candidates = app.isPackaged
    ? [join(process.resourcesPath, 'native', 'better_sqlite3.node')]
    : [
        join(
          app.getAppPath(),
          'build',
          'electron-native',
          process.versions.electron,
          process.arch,
          'better_sqlite3.node',
        ),
      ];
  return candidates.find((p) => existsSync(p));
}
