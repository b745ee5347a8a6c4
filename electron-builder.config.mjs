// electron-builder's configuration (npm run dist passes it with --config). A
// module rather than package.json's "build", so the paths it packages come
// from src-main/app-paths.mjs, the same source the shell loads them from.
import {
  BUILDER_ARCH,
  KDF_WORKER_FILE,
  LINUX_CLM_SCRIPT,
  MAIN_CHUNKS_DIR,
  MAIN_DIR,
  NATIVE_ADDON_FILE,
  nativeBuildDir,
  OUT_DIR,
  PACKAGED_NATIVE_DIR,
  VAULT_WRITER_FILE,
} from './src-main/app-paths.mjs';

/** @type {import('electron-builder').Configuration} */
export default {
  appId: 'org.chronolibrary.messenger',
  productName: 'Chrono-Library Messenger',
  directories: { buildResources: 'build', output: 'dist' },
  // Only the built app: no sources, no tests, no configuration.
  files: [`${OUT_DIR}/**`, 'package.json'],
  // Worker threads cannot load a script from inside the asar (see src-main/worker-file.ts), nor
  // a package it imports: the vault writer's thread imports better-sqlite3's JavaScript (the
  // addon itself is the Electron build in extraResources).
  asarUnpack: [
    `${MAIN_DIR}/${KDF_WORKER_FILE}`,
    `${MAIN_DIR}/${VAULT_WRITER_FILE}`,
    `${MAIN_DIR}/${MAIN_CHUNKS_DIR}/**`,
    'node_modules/better-sqlite3/**',
  ],
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
    // The renderer is served from app://clm, never file://, so file:// needs no powers beyond a browser's.
    grantFileProtocolExtraPrivileges: false,
  },
  // Icons rendered from build/icon.svg by scripts/render-icons.mjs (npm run dist runs it first).
  // The system hands clicked clm:// links to the app (src-shared/link.ts; src-main/shell/app.ts).
  protocols: [{ name: 'Chrono-Library pointer link', schemes: ['clm'] }],
  linux: { target: ['AppImage', 'deb'], category: 'Network', icon: 'build/icons' },
  // The deb puts `clm` on the PATH: a two-line script that runs the installed app as the command.
  deb: { fpm: [`${LINUX_CLM_SCRIPT}=/usr/bin/clm`] },
  mac: { target: ['dmg'], category: 'public.app-category.social-networking', icon: 'build/icon.icns' },
  win: { target: ['nsis'], icon: 'build/icon.ico' },
  // better-sqlite3 in node_modules stays the Node build the tests use; the app carries the Electron build.
  npmRebuild: false,
  extraResources: [
    {
      from: `${nativeBuildDir(BUILDER_ARCH)}/${NATIVE_ADDON_FILE}`,
      to: `${PACKAGED_NATIVE_DIR}/${NATIVE_ADDON_FILE}`,
    },
  ],
};
