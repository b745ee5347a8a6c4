import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { META_CSP } from './src-shared/csp.js';

/** Writes the one CSP (src-shared/csp.ts) into index.html, so a page opened from disk keeps it too. */
const cspMeta: Plugin = {
  name: 'clm-csp-meta',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CSP },
      injectTo: 'head-prepend',
    },
  ],
};

export default defineConfig({
  main: {
    build: {
      // Pure JavaScript dependencies are bundled; better-sqlite3 is a native addon and stays external.
      externalizeDeps: { exclude: ['@noble/hashes', 'zod', 'jsqr', 'pngjs'] },
      rollupOptions: {
        // The scrypt worker and the vault writer's thread are entries of their own: KdfPool and
        // VaultWriter load them beside the main bundle. So is `clm`
        // (package.json "bin"), run by Node; it shares the service's chunks with the app.
        input: {
          index: resolve(import.meta.dirname, 'src-main/index.ts'),
          'kdf-worker': resolve(import.meta.dirname, 'src-main/service/kdf/kdf-worker.ts'),
          'vault-writer': resolve(import.meta.dirname, 'src-main/vault/write-worker.ts'),
          clm: resolve(import.meta.dirname, 'src-main/cli/main.ts'),
        },
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          banner: (chunk) => (chunk.isEntry && chunk.name === 'clm' ? '#!/usr/bin/env node' : ''),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require() at run time: everything it imports is bundled.
      externalizeDeps: false,
      isolatedEntries: true,
      minify: true,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src-renderer'),
    plugins: [react(), cspMeta],
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src-renderer/index.html') } },
    },
  },
});
