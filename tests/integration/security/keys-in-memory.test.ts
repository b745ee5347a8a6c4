/**
 * Keys left in memory (issue 11, finding 5). A child process lives a whole
 * session (heap-child.ts), logs out, collects garbage and writes a heap
 * snapshot; this test then recomputes every key of that session from the
 * secrets it chose and the vault file (KEK, DK, and per chat the proof, the
 * unlock key, the data key CDK, K_seen, and a sealed chat's K_enc and K_mac)
 * and searches for each of them.
 *
 * What it sees, and what not:
 * - the snapshot's string table: every live JavaScript string, searched for
 *   each key as raw Latin-1, hex (either case), base64 and base64url at all
 *   three alignments. A snapshot leaves out the contents of ArrayBuffers and
 *   Buffers (their bytes live outside the JavaScript heap), so
 * - the child's whole readable private memory, read through /proc/PID/mem
 *   while it waits after the snapshot: the JavaScript heap, off-heap
 *   ArrayBuffers, malloc arenas, the scrypt worker thread's heap and freed
 *   memory not yet reused, searched for each key's raw bytes and as the
 *   big-endian words a hand-written hash keeps. A key found there was left
 *   somewhere by the app. It cannot see a copy already moved to swap or an
 *   encoding other than those listed (a key XORed with ipad, for example).
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../../src-main/core/bytes.js';
import { scryptLog2 } from '../../../src-main/core/scrypt.js';
import { sealedKeyFromBytes, sealedKeyParams, sealedSecretBytes } from '../../../src-main/core/sealed-key.js';
import { openChatKeyBox } from '../../../src-main/service/chat-secrets.js';
import { type ChatMeta, chatCost } from '../../../src-main/service/records.js';
import {
  chatSeenKey,
  chatUnlockKey,
  masterBytes,
  sealedChatProof,
} from '../../../src-main/service/vault-keys.js';
import { open, openJson } from '../../../src-main/vault/box.js';
import type { ChatRow, ProfileRow } from '../../../src-main/vault/rows.js';
import { freshVaults } from '../service/helpers.js';
import type { HeapScript } from './heap-child.js';
import { type Hit, type Key, searchProcessMemory, searchText, snapshotStrings } from './key-needles.js';

const vaults = freshVaults();
const child = join(import.meta.dirname, 'heap-child.ts');

/** Every key of the vault that a secret in `secrets` opens, recomputed from the file alone. */
function vaultKeys(path: string, master: string, secrets: readonly string[]): Key[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const p = db.prepare('SELECT * FROM profile WHERE id = 1').get() as ProfileRow;
    const kek = scryptLog2(masterBytes(master), p.kdf_salt, p.kdf_log2n, 32);
    const dk = open(kek, p.wrapped_key, 'profile-key');
    if (!dk) throw new Error('the master phrase does not open the vault');
    const keys: Key[] = [
      { name: 'KEK', bytes: kek },
      { name: 'DK', bytes: new Uint8Array(dk) },
    ];
    for (const row of db.prepare('SELECT * FROM chats').all() as ChatRow[]) {
      const meta = openJson<ChatMeta>(dk, row.meta, `chat-meta|${row.id}`);
      if (!meta) throw new Error(`chat ${row.id}: DK does not open its meta`);
      const found = secrets.flatMap((secret) => {
        let wire: Key[] = [];
        let proof: Uint8Array;
        if (meta.format === 'sealed-v2') {
          const { salt, log2N, dkLen } = sealedKeyParams(meta.wire as never, chatCost(meta));
          const K = scryptLog2(
            (sealedSecretBytes(secret) as { value: Uint8Array }).value,
            salt,
            log2N,
            dkLen,
          );
          const key = sealedKeyFromBytes(meta.wire as never, chatCost(meta), K);
          wire = [
            { name: `chat ${row.id} K_enc`, bytes: key.enc },
            { name: `chat ${row.id} K_mac`, bytes: key.macKey },
          ];
          proof = sealedChatProof(key);
        } else {
          proof = scryptLog2(utf8(secret.trim()), row.unlock_salt, meta.proofLog2N ?? 17, 32);
        }
        const unlock = chatUnlockKey(dk, row.unlock_salt, proof);
        const box = openChatKeyBox(
          unlock,
          row.wrapped_key,
          `chat-key|${Buffer.from(row.unlock_salt).toString('hex')}`,
        );
        if (!box) return [];
        return [
          ...wire,
          { name: `chat ${row.id} proof`, bytes: proof },
          { name: `chat ${row.id} unlock key`, bytes: unlock },
          { name: `chat ${row.id} CDK`, bytes: box.cdk },
          { name: `chat ${row.id} K_seen`, bytes: chatSeenKey(box.cdk) },
        ];
      });
      if (found.length === 0) throw new Error(`chat ${row.id}: none of the secrets opens it`);
      keys.push(...found);
    }
    return keys;
  } finally {
    db.close();
  }
}

/** Runs the child until it has written its snapshot; `inspect` reads it while it waits, then it exits. */
async function liveSession<T>(script: HeapScript, inspect: (pid: number) => T): Promise<T> {
  const file = join(vaults.dir(), 'script.json');
  writeFileSync(file, JSON.stringify(script));
  const proc = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', child, file], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d) => {
    err += String(d);
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const ready = await new Promise<boolean>((resolve) => {
    proc.stdout.on('data', (d) => {
      out += String(d);
      if (out.includes('ready\n')) resolve(true);
    });
    proc.on('exit', () => resolve(false));
  });
  if (!ready) throw new Error(`the session child failed:\n${err}`);
  try {
    return inspect(proc.pid as number);
  } finally {
    proc.stdin.end();
    expect(await exited, err).toBe(0);
  }
}

const show = (hits: readonly Hit[]) => hits.map((h) => `${h.key} as ${h.form} in ${h.where}`);

describe('keys in memory after logout', () => {
  it('a heap snapshot after logout holds no key of the session, in any encoding', async () => {
    // Pointers from another vault: importing them creates a sealed and a legacy chat.
    const other = await vaults.user('elsewhere');
    const foreignSealed = await other.m.createChat({
      name: 'Far sealed',
      secret: 'far-sealed-secret-77',
      format: 'sealed-v2',
    });
    const foreignLegacy = await other.m.createChat({
      name: 'Far legacy',
      secret: 'far-legacy-secret-78',
      format: 'legacy',
      legacyId: '777',
    });
    const foreign = [
      { id: foreignSealed.id, secret: 'far-sealed-secret-77' },
      { id: foreignLegacy.id, secret: 'far-legacy-secret-78' },
    ].map((f) => ({
      secret: f.secret,
      pointers: [1, 2, 3].map((i) => other.m.send(f.id, `from afar ${i}`).pointer),
    }));
    const dir = vaults.dir();
    const script: HeapScript = {
      vault: join(dir, 'vault.sqlite'),
      snapshot: join(dir, 'after-logout.heapsnapshot'),
      master: 'heap-master-phrase-19',
      sealedSecret: 'heap-sealed-secret-20',
      legacySecret: 'heap-legacy-secret-21',
      legacySuffix: 'heap-suffix-22',
      foreign,
    };
    const inMemory = await liveSession(script, (pid) => {
      const keys = vaultKeys(script.vault, script.master, [
        script.sealedSecret,
        script.legacySecret,
        ...foreign.map((f) => f.secret),
      ]);
      return { keys, ...searchProcessMemory(pid, keys) };
    });
    // Two chats made here, two made by the imports: each gave up its keys.
    expect(inMemory.keys.filter((k) => k.name.endsWith('CDK'))).toHaveLength(4);
    expect(inMemory.scannedBytes).toBeGreaterThan(2 ** 20);
    expect(existsSync(script.snapshot)).toBe(true);
    const inHeap = searchText(inMemory.keys, snapshotStrings(script.snapshot), 'heap snapshot strings');
    expect(show(inHeap)).toEqual([]);
    expect(show(inMemory.hits)).toEqual([]);
  }, 120_000);
});
