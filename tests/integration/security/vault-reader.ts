// Reads a closed vault file as someone holding it and its master phrase would
// (the thief of seen-index.test.ts), and, given a chat's secret, as its owner
// would: the keys are derived here from the file, not taken from the app.
import { createHmac } from 'node:crypto';
import Database from 'better-sqlite3';
import { utf8 } from '../../../src-main/core/bytes.js';
import { scryptLog2 } from '../../../src-main/core/scrypt.js';
import {
  chatProof,
  deriveSealedWireKey,
  legacyWireKey,
  openChatKeyBox,
  type WireKey,
} from '../../../src-main/service/chat-secrets.js';
import { KdfPool } from '../../../src-main/service/kdf/kdf-pool.js';
import type { ChatMeta } from '../../../src-main/service/records.js';
import { chatUnlockKey, masterBytes } from '../../../src-main/service/vault-keys.js';
import { open, openJson } from '../../../src-main/vault/box.js';
import type { ChatRow, MessageRow, ProfileRow } from '../../../src-main/vault/rows.js';

const label = (s: string) => utf8(`CLM vault/${s}\u0000`);

/** HMAC-SHA256 of label | text under key, written out here rather than taken from the app. */
export const labelledHmac = (key: Uint8Array, name: string, text: string | Uint8Array): Buffer =>
  createHmac('sha256', key).update(label(name)).update(text).digest();

/** The duplicate index as vaults wrote it before it was keyed per chat: HMAC(DK, "seen" | pointer). */
export const profileKeyedSeen = (dk: Uint8Array, pointer: string): Buffer =>
  labelledHmac(dk, 'seen', pointer);

/** The per-chat index: HMAC(K_seen, "seen" | pointer), K_seen = HMAC(CDK, "seen-key"). */
export const chatKeyedSeen = (cdk: Uint8Array, pointer: string): Buffer =>
  labelledHmac(labelledHmac(cdk, 'seen-key', new Uint8Array(0)), 'seen', pointer);

export function readVault<T>(path: string, fn: (db: Database.Database) => T, readonly = true): T {
  const db = new Database(path, { readonly });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** DK, from the file and the master phrase alone. */
export function profileKey(path: string, master: string): Uint8Array {
  const p = readVault(path, (db) => db.prepare('SELECT * FROM profile').get() as ProfileRow);
  const kek = scryptLog2(masterBytes(master), p.kdf_salt, p.kdf_log2n, 32);
  const dk = open(kek, p.wrapped_key, 'profile-key');
  if (!dk) throw new Error('The master phrase does not open this vault.');
  return new Uint8Array(dk);
}

export const chatRows = (path: string): ChatRow[] =>
  readVault(path, (db) => db.prepare('SELECT * FROM chats ORDER BY id').all() as ChatRow[]);

export const messageRows = (path: string): MessageRow[] =>
  readVault(path, (db) => db.prepare('SELECT * FROM messages ORDER BY id').all() as MessageRow[]);

export const chatMeta = (dk: Uint8Array, row: ChatRow): ChatMeta => {
  const meta = openJson<ChatMeta>(dk, row.meta, `chat-meta|${row.id}`);
  if (!meta) throw new Error(`Chat ${row.id}'s meta does not open with this DK.`);
  return meta;
};

/** A chat's data key, with its secret: what only its owner can compute. */
export async function chatDataKey(dk: Uint8Array, row: ChatRow, secret: string): Promise<Uint8Array> {
  const meta = chatMeta(dk, row);
  const kdf = new KdfPool();
  try {
    const wire: WireKey =
      meta.format === 'sealed-v2'
        ? { format: 'sealed-v2', key: await deriveSealedWireKey(kdf, secret, meta.wire, meta.k ?? 17) }
        : legacyWireKey(secret, meta.wire);
    const proof = await chatProof(kdf, wire, row.unlock_salt, meta.proofLog2N);
    const unlockKey = chatUnlockKey(dk, row.unlock_salt, proof);
    const box = openChatKeyBox(unlockKey, row.wrapped_key, `chat-key|${row.unlock_salt.toString('hex')}`);
    if (!box) throw new Error(`That is not chat ${row.id}'s secret.`);
    return box.cdk;
  } finally {
    await kdf.close();
  }
}
