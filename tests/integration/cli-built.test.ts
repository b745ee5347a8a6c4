/**
 * `clm` as it ships: built to JavaScript with the rest of the app
 * (out/main/clm.js, package.json "bin") and run by plain Node, no tsx. Built
 * into a folder of its own so a checkout's out/ is left as it is.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Resvg } from '@resvg/resvg-js';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLM_FILE, MAIN_DIR, VAULT_WRITER_FILE } from '../../src-main/app-paths.mjs';
import { packBatch } from '../../src-main/vault/write-batch.js';
import { QR_OPTIONS } from '../../src-shared/qr.js';
import { tempDirs } from './temp-dirs.js';

const root = join(import.meta.dirname, '../..');
const tmp = tempDirs('clm-built-');
// The build is made once for the file (vaults come and go with each test), inside the project
// (test-results/, ignored by git) so its external better-sqlite3 resolves from node_modules.
mkdirSync(join(root, 'test-results'), { recursive: true });
const out = mkdtempSync(join(root, 'test-results', 'clm-built-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
let clmJs = '';

beforeAll(() => {
  execFileSync(
    process.execPath,
    ['node_modules/electron-vite/bin/electron-vite.js', 'build', '--outDir', out, '--logLevel', 'error'],
    { cwd: root, stdio: 'inherit' },
  );
  clmJs = join(out, MAIN_DIR.replace(/^out\//, ''), CLM_FILE);
}, 180_000);

// The shipped clm has no way to lower its scrypt costs: each login pays the real one. Chats are
// made at the lowest k a person may choose, which keeps the suite quicker.

function clm(args: string[], env: Record<string, string> = {}, input = '') {
  const r = spawnSync(process.execPath, [clmJs, ...args], {
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the built clm', () => {
  it('is a Node script (#!) that prints its usage', () => {
    expect(readFileSync(clmJs, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const r = clm(['help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^clm: Chrono-Library Messenger from the terminal/);
  });

  it('carries a conversation between two vaults: its KDF worker and vault load from the bundle', () => {
    const [a, b] = [join(tmp(), 'a.sqlite'), join(tmp(), 'b.sqlite')];
    const alice = {
      CLM_VAULT: a,
      CLM_PASSPHRASE: 'alice phrase',
      CLM_CHAT_SECRET: 'shared secret',
    };
    const bob = { CLM_VAULT: b, CLM_PASSPHRASE: 'bob phrase', CLM_CHAT_SECRET: 'shared secret' };
    expect(clm(['init', '--name', 'alice'], alice).code).toBe(0);
    expect(clm(['chat', 'new', 'Plans', '--k', '12'], alice).code).toBe(0);
    const sent = clm(['send', 'Plans', 'meet at noon'], alice);
    expect(sent.code).toBe(0);
    const pointer = sent.stdout.trim().split('\n').at(-1) ?? '';
    expect(clm(['init', '--name', 'bob'], bob).code).toBe(0);
    // Handed over as a clm:// link, in a sentence: `clm import` reads the pointer it carries.
    const link = `see clm://import?p=${Buffer.from(pointer).toString('base64url')} !`;
    const imported = clm(['import', '-', '--name', 'From alice'], bob, link);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const history = clm(['history', 'From alice'], bob);
    expect(history.stdout).toMatch(/alice: meet at noon/);
  });

  it('exports a chat, backs the vault up and restores it', () => {
    const dir = tmp();
    const alice = { CLM_VAULT: join(dir, 'a.sqlite'), CLM_PASSPHRASE: 'p', CLM_CHAT_SECRET: 's' };
    clm(['init', '--name', 'alice'], alice);
    clm(['chat', 'new', 'Plans', '--k', '12'], alice);
    clm(['send', 'Plans', 'kept'], alice);
    expect(clm(['export', 'Plans', join(dir, 'plans.txt')], alice).stdout).toMatch(
      /^1 pointer written to .*plans\.txt/,
    );
    expect(readFileSync(join(dir, 'plans.txt'), 'utf8')).toMatch(/^\{"v":2,.*\}\n$/);
    expect(clm(['backup', join(dir, 'a.backup')], alice).code).toBe(0);
    clm(['send', 'Plans', 'lost on restore'], alice);
    const restored = clm(['restore-backup', join(dir, 'a.backup')], alice);
    expect(restored.stdout).toMatch(/The vault it replaced is kept at .*a\.sqlite\.before-restore-/);
    const history = clm(['history', 'Plans'], alice).stdout;
    expect(history).toMatch(/kept/);
    expect(history).not.toMatch(/lost on restore/);
  });

  it('imports the pointer in a screenshot of its QR code (--qr)', async () => {
    const dir = tmp();
    const alice = { CLM_VAULT: join(dir, 'a.sqlite'), CLM_PASSPHRASE: 'p', CLM_CHAT_SECRET: 's' };
    const bob = { ...alice, CLM_VAULT: join(dir, 'b.sqlite') };
    clm(['init', '--name', 'alice'], alice);
    clm(['chat', 'new', 'Plans', '--k', '12'], alice);
    const pointer = clm(['send', 'Plans', 'scanned'], alice).stdout.trim().split('\n').at(-1) ?? '';
    const svg = await QRCode.toString(pointer, { type: 'svg', ...QR_OPTIONS });
    const png = join(dir, 'qr.png');
    writeFileSync(png, new Resvg(svg, { fitTo: { mode: 'width', value: 800 } }).render().asPng());
    clm(['init', '--name', 'bob'], bob);
    const r = clm(['import', '--qr', png], bob);
    expect(r.stdout).toMatch(/New chat .* created and the message stored/);
    expect(clm(['history', '1'], bob).stdout).toMatch(/alice: scanned/);
  });

  it("carries the vault writer's thread as the bundle VaultWriter starts: it loads and stores a batch", async () => {
    // An import falls back to the main thread when the thread cannot load; this shows that it can.
    const dir = tmp();
    const vault = join(dir, 'vault.sqlite');
    expect(
      clm(['init', '--name', 'alice'], { CLM_VAULT: vault, CLM_PASSPHRASE: 'a long master phrase' }).code,
    ).toBe(0);
    const w = new Worker(join(clmJs, '..', VAULT_WRITER_FILE));
    try {
      const reply = await new Promise((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
        w.postMessage({ id: 7, path: vault, batch: packBatch([], 0, [], 3) });
      });
      expect(reply).toEqual({ id: 7, ids: [] });
    } finally {
      await w.terminate();
    }
  });

  it('refuses with one sentence and a non-zero code', () => {
    const r = clm(['nope']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toBe('clm: Unknown command "nope". See `clm help`.\n');
  });
});
