/**
 * electron-vite writes the main bundle, the KDF worker, its chunks and the
 * preload under the names src-main/app-paths.mjs gives them, so the shell and
 * the packaged app find them (electron.vite.config.ts, read as data).
 */
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../electron.vite.config.js';
import {
  CLM_FILE,
  KDF_WORKER_FILE,
  MAIN_CHUNKS_DIR,
  PRELOAD_FILE_FROM_MAIN,
  VAULT_WRITER_FILE,
} from '../../../src-main/app-paths.mjs';

interface Rollup {
  input: Record<string, string>;
  output: {
    entryFileNames: string;
    chunkFileNames?: string;
    format?: string;
    banner?: (chunk: { isEntry: boolean; name: string }) => string;
  };
}
const rollup = (side: 'main' | 'preload') =>
  (config as unknown as Record<string, { build: { rollupOptions: Rollup } }>)[side]?.build.rollupOptions;

/** The file an entry is written to, from rollup's [name] pattern. */
const outputOf = (r: Rollup | undefined, entry: string) => r?.output.entryFileNames.replace('[name]', entry);

describe('the build layout', () => {
  it('writes the KDF worker beside the main bundle, under the name the KDF pool loads', () => {
    const main = rollup('main');
    expect(Object.keys(main?.input ?? {})).toContain(KDF_WORKER_FILE.replace(/\.js$/, ''));
    expect(outputOf(main, 'kdf-worker')).toBe(KDF_WORKER_FILE);
    expect(outputOf(main, 'index')).toBe('index.js');
  });

  it('writes the vault writer thread beside the main bundle, under the name VaultWriter loads', () => {
    const main = rollup('main');
    expect(main?.input['vault-writer']).toMatch(/src-main\/vault\/write-worker\.ts$/);
    expect(outputOf(main, 'vault-writer')).toBe(VAULT_WRITER_FILE);
  });

  it('writes clm beside the main bundle as a script Node runs directly (#!), and nothing else with a #!', () => {
    const main = rollup('main');
    expect(outputOf(main, 'clm')).toBe(CLM_FILE);
    expect(main?.output.banner?.({ isEntry: true, name: 'clm' })).toBe('#!/usr/bin/env node');
    for (const name of ['index', 'kdf-worker', 'vault-writer'])
      expect(main?.output.banner?.({ isEntry: true, name })).toBe('');
  });

  it('writes shared chunks into the folder the packaged app unpacks', () => {
    expect(rollup('main')?.output.chunkFileNames?.startsWith(`${MAIN_CHUNKS_DIR}/`)).toBe(true);
  });

  it('writes the preload as the CommonJS file the window loads', () => {
    const preload = rollup('preload');
    expect(preload?.output.format).toBe('cjs');
    expect(outputOf(preload, 'index')).toBe(basename(PRELOAD_FILE_FROM_MAIN));
  });
});
