import { utf8 } from './bytes.js';
import { type HmacFn, keyedHmacSha256, keyStateOf } from './hmac-sha256.js';
import type { ChatId } from './pointer-types.js';
import { fail, ok, type Result } from './result.js';
import { scryptLog2 } from './scrypt.js';

/**
 * K for one sealed v2 chat: it depends only on the secret, the chat id and k,
 * so it is derived once per unlock and held while the chat is open.
 */
export interface SealedChatKey {
  readonly chat: ChatId;
  readonly k: number;
  readonly enc: Uint8Array;
  readonly macKey: Uint8Array;
  readonly mac: HmacFn;
}

/** P = UTF-8(NFC(trim(secret))): the same phrase typed on two systems gives one key. */
export function sealedSecretBytes(secret: string): Result<Uint8Array> {
  const p = secret.trim().normalize('NFC');
  if (p === '') return fail('empty-secret', 'The chat secret is empty.');
  return ok(utf8(p));
}

/** The scrypt input for K; split out so a worker thread can run the slow part. */
export function sealedKeyParams(chat: ChatId, k: number) {
  return { salt: utf8(`CLM2/chat/${chat}`), log2N: k, dkLen: 64 } as const;
}

/** Builds the key object from the 64 bytes scrypt produced. */
export function sealedKeyFromBytes(chat: ChatId, k: number, K: Uint8Array): SealedChatKey {
  const enc = K.slice(0, 32);
  const macKey = K.slice(32, 64);
  return { chat, k, enc, macKey, mac: keyedHmacSha256(macKey) };
}

export function deriveSealedKey(secret: string, chat: ChatId, k: number): Result<SealedChatKey> {
  const p = sealedSecretBytes(secret);
  if (!p.ok) return p;
  const { salt, log2N, dkLen } = sealedKeyParams(chat, k);
  const K = scryptLog2(p.value, salt, log2N, dkLen);
  const key = sealedKeyFromBytes(chat, k, K);
  K.fill(0);
  p.value.fill(0);
  return ok(key);
}

/**
 * Wipes a chat key when its chat locks: K_enc, K_mac, and the HMAC key state
 * derived from K_mac (equivalent to it), which wiping the two arrays leaves.
 */
export function wipeSealedKey(key: SealedChatKey): void {
  key.enc.fill(0);
  key.macKey.fill(0);
  keyStateOf(key.mac)?.fill(0);
}
