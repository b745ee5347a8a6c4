/**
 * Where the app's files are, defined once for everything that must agree on
 * it: the shell (src-main/shell/) loading them, the KDF pool starting its
 * worker, scripts/prepare-electron.mjs writing the Electron build of
 * better-sqlite3, and electron-builder.config.mjs packaging all of it. Plain
 * JavaScript, because the script and electron-builder load it with no
 * TypeScript step; app-paths.d.mts gives its types.
 *
 * Every path is relative and written with '/', as electron-builder's globs
 * want; the shell joins them onto a real folder.
 */

/** electron-vite's output, relative to the project and to the packaged app's root. */
export const OUT_DIR = 'out';

/** The main bundle's folder (package.json "main" is its index.js). */
export const MAIN_DIR = `${OUT_DIR}/main`;

/** The built renderer, relative to the main bundle's folder; served as app://clm/. */
export const RENDERER_DIR_FROM_MAIN = '../renderer';

/** The preload script, relative to the main bundle's folder. */
export const PRELOAD_FILE_FROM_MAIN = '../preload/index.cjs';

/** The scrypt worker, beside the main bundle; it loads shared code from the chunks folder. */
export const KDF_WORKER_FILE = 'kdf-worker.js';
export const MAIN_CHUNKS_DIR = 'chunks';

/** The vault writer's thread (src-main/vault/write-worker.ts), beside the main bundle too. */
export const VAULT_WRITER_FILE = 'vault-writer.js';

/** The packed app, and the folder beside it holding what worker threads must load from a real file. */
export const ASAR_FILE = 'app.asar';
export const ASAR_UNPACKED_DIR = `${ASAR_FILE}.unpacked`;

/** better-sqlite3 compiled for Electron's ABI, and the Electron version it was compiled for. */
export const NATIVE_ADDON_FILE = 'better_sqlite3.node';
export const NATIVE_STAMP_FILE = 'electron-version.txt';

/**
 * The Electron build of better-sqlite3 in a checkout, one folder per
 * architecture, relative to the project: prepare-electron.mjs writes it,
 * `npm start` loads it, electron-builder copies it (with BUILDER_ARCH as arch).
 */
export const nativeBuildDir = (arch) => `build/electron-native/${arch}`;

/** electron-builder's macro for the architecture being packaged, filled in by electron-builder. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: electron-builder's own ${arch} syntax, not a template.
export const BUILDER_ARCH = '${arch}';

/** The same file in a packaged app, relative to its resources folder (process.resourcesPath). */
export const PACKAGED_NATIVE_DIR = 'native';

/** The command line tool, built beside the main bundle (package.json "bin"). */
export const CLM_FILE = 'clm.js';

/** The script the deb installs as /usr/bin/clm, relative to the project. */
export const LINUX_CLM_SCRIPT = 'build/linux/clm';
