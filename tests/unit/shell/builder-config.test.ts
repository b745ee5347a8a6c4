/**
 * The installers' configuration, read as data: what electron-builder will
 * package, with which fuses, and that the paths it packages are the ones the
 * shell, the KDF pool and prepare-electron use (src-main/app-paths.mjs).
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import * as paths from '../../../src-main/app-paths.mjs';
import { kdfWorkerFile } from '../../../src-main/service/kdf/worker-file.js';
import { bundledWorkerFile } from '../../../src-main/worker-file.js';

const root = join(import.meta.dirname, '../../..');
const configFile = pathToFileURL(join(root, 'electron-builder.config.mjs')).href;
const config = ((await import(configFile)) as { default: Configuration }).default;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  build?: unknown;
  scripts: Record<string, string>;
};

describe('electron-builder configuration', () => {
  it('is the one configuration: package.json has no "build", and npm run dist passes this file', () => {
    expect(pkg.build).toBeUndefined();
    expect(pkg.scripts.dist).toMatch(/electron-builder --config electron-builder\.config\.mjs$/);
  });

  it('electron-builder accepts it (its own schema)', async () => {
    const lib = createRequire(import.meta.url)('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(c: Configuration, log: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    await expect(lib.validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined();
  });

  it('builds AppImage and deb, NSIS, and dmg', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it('sets the fuses: no run-as-node, no NODE_OPTIONS or inspect, asar only and checked, no file:// powers', () => {
    const off = [
      'runAsNode',
      'enableNodeOptionsEnvironmentVariable',
      'enableNodeCliInspectArguments',
      'grantFileProtocolExtraPrivileges',
    ];
    const on = ['enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'enableCookieEncryption'];
    const fuses = config.electronFuses as Record<string, boolean>;
    expect(Object.keys(fuses).sort()).toEqual([...off, ...on].sort());
    for (const f of off) expect(fuses[f], f).toBe(false);
    for (const f of on) expect(fuses[f], f).toBe(true);
  });

  it('packs the app into an asar (not disabled)', () => {
    expect(config.asar).not.toBe(false);
  });

  it('packages only the built app: no sources, no tests, no configuration', () => {
    expect(config.files).toEqual(['out/**', 'package.json']);
    expect(pkg.main).toBe(`${paths.MAIN_DIR}/index.js`);
  });

  it('carries the Electron build of better-sqlite3 from where prepare-electron writes it to where the shell looks', () => {
    expect(config.extraResources).toEqual([
      {
        from: `${paths.nativeBuildDir(paths.BUILDER_ARCH)}/${paths.NATIVE_ADDON_FILE}`,
        to: `${paths.PACKAGED_NATIVE_DIR}/${paths.NATIVE_ADDON_FILE}`,
      },
    ]);
    // The folder README and tests/electron name: build/electron-native/<arch>, no version level.
    expect(paths.nativeBuildDir('x64')).toBe('build/electron-native/x64');
    // better-sqlite3 in node_modules stays the Node build; electron-builder must not rebuild it.
    expect(config.npmRebuild).toBe(false);
  });

  it('unpacks from the asar the very files the worker threads start, the chunks and the package they import', () => {
    const appRoot = '/opt/clm/resources/app.asar';
    const mainBundle = pathToFileURL(`${appRoot}/${paths.MAIN_DIR}/index.js`).href;
    const unpacked = (file: string) => relative('/opt/clm/resources/app.asar.unpacked', file);
    const kdf = unpacked(kdfWorkerFile(mainBundle));
    const writer = unpacked(bundledWorkerFile(paths.VAULT_WRITER_FILE, mainBundle));
    expect(config.asarUnpack).toEqual([
      kdf,
      writer,
      `${paths.MAIN_DIR}/${paths.MAIN_CHUNKS_DIR}/**`,
      // The writer's thread imports better-sqlite3 by name, from node_modules beside the unpacked bundle.
      'node_modules/better-sqlite3/**',
    ]);
    expect(kdf).toBe(`${paths.MAIN_DIR}/${paths.KDF_WORKER_FILE}`);
    expect(writer).toBe(`${paths.MAIN_DIR}/vault-writer.js`);
  });

  it('puts clm on the PATH from the deb: a script running the installed app as the command', () => {
    const fpm = (config.deb as { fpm?: string[] } | undefined)?.fpm ?? [];
    expect(fpm).toContain(`${paths.LINUX_CLM_SCRIPT}=/usr/bin/clm`);
    const script = join(root, paths.LINUX_CLM_SCRIPT);
    expect(statSync(script).mode & 0o111).not.toBe(0);
    // electron-builder installs the app in /opt/<product name>/<package name>.
    const app = `/opt/${config.productName}/${(pkg as { name?: string }).name}`;
    expect(readFileSync(script, 'utf8')).toContain(`exec '${app}' clm "$@"`);
  });

  it('registers the clm:// scheme, so a clicked link opens the app', () => {
    expect(config.protocols).toEqual([{ name: 'Chrono-Library pointer link', schemes: ['clm'] }]);
  });

  it('ships clm built to JavaScript beside the main bundle (package.json "bin")', () => {
    expect((pkg as { bin?: Record<string, string> }).bin).toEqual({
      clm: `${paths.MAIN_DIR}/${paths.CLM_FILE}`,
    });
  });
});
