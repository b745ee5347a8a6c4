import { defaultLegacyName, defaultLegacySuffix } from '../../src-shared/legacy-chats.js';
import type { Format } from '../../src-shared/types.js';
import { concatBytes, fromBase64Url, toBase64Url, utf8, utf8DecodeStrict, wipe } from '../core/bytes.js';
import { openLegacy } from '../core/legacy.js';
import type { ChatId, OpenedPointer, Pointer } from '../core/pointer-types.js';
import { fail, type Result } from '../core/result.js';
import { openSealed } from '../core/sealed.js';
import {
  type SealedChatKey,
  sealedKeyFromBytes,
  sealedKeyParams,
  sealedSecretBytes,
  wipeSealedKey,
} from '../core/sealed-key.js';
import { open, seal } from '../vault/box.js';
import type { KdfPool } from './kdf/kdf-pool.js';
import { ServiceError } from './service-error.js';
import { LEGACY_PROOF_LOG2N, sealedChatProof } from './vault-keys.js';

/** What a chat needs on the wire, once unlocked: K for sealed v2, the secret itself for legacy. */
export type WireKey =
  | { readonly format: 'sealed-v2'; readonly key: SealedChatKey }
  | { readonly format: 'legacy'; readonly secret: string; readonly suffix: string };

/** Sealed v2: K by scrypt at the chat's cost, in the worker. */
export async function deriveSealedWireKey(
  kdf: KdfPool,
  secret: string,
  wire: string,
  k: number,
): Promise<SealedChatKey> {
  const p = sealedSecretBytes(secret);
  if (!p.ok) throw new ServiceError('bad-input', p.error.message);
  const { salt, log2N, dkLen } = sealedKeyParams(wire as ChatId, k);
  const K = await kdf.scrypt(p.value, salt, log2N, dkLen);
  const key = sealedKeyFromBytes(wire as ChatId, k, K);
  K.fill(0);
  return key;
}

/**
 * The proof a chat's secret gives the vault. Sealed: one-way from K (already
 * slow to derive). Legacy: the wire secret has no slow KDF, so the vault adds
 * scrypt with the chat's own salt before the proof can be tried.
 */
export async function chatProof(
  kdf: KdfPool,
  wire: WireKey,
  chatSalt: Uint8Array,
  legacyLog2N = LEGACY_PROOF_LOG2N,
): Promise<Uint8Array> {
  if (wire.format === 'sealed-v2') return sealedChatProof(wire.key);
  return kdf.scrypt(utf8(wire.secret.trim()), chatSalt, legacyLog2N, 32);
}

export function legacyWireKey(
  secret: string,
  wireId: string,
  suffix?: string,
): Extract<WireKey, { format: 'legacy' }> {
  if (secret.trim() === '') throw new ServiceError('bad-input', 'The chat secret is empty.');
  return { format: 'legacy', secret, suffix: suffix ?? defaultLegacySuffix(wireId) };
}

export const newSealedWireId = (): string => toBase64Url(crypto.getRandomValues(new Uint8Array(16)));

export const defaultChatName = (format: Format, wire: string): string =>
  format === 'legacy' ? defaultLegacyName(wire) : `Chat ${wire.slice(0, 6)}`;

/** The name a chat created on receipt gets by default: the sender's title, else the app's default. */
export const receivedChatName = (o: OpenedPointer): string =>
  o.title?.trim() || defaultChatName(o.format, o.chat);

/**
 * Opens a pointer with a chat's wire key; undefined when the key cannot apply
 * (another format, or a sealed pointer at another cost k).
 */
export function openWithWireKey(wire: WireKey, p: Pointer): Result<OpenedPointer> | undefined {
  if (p.format === 'sealed-v2' && wire.format === 'sealed-v2' && wire.key.k === p.k)
    return openSealed(wire.key, p);
  if (p.format === 'legacy' && wire.format === 'legacy') return openLegacy(wire.secret, wire.suffix, p);
  return undefined;
}

/** The wire key a secret gives for the pointer's own chat (and cost): what peek and import verify with. */
export async function wireKeyForPointer(
  kdf: KdfPool,
  p: Pointer,
  secret: string,
  suffix?: string,
): Promise<WireKey> {
  return p.format === 'sealed-v2'
    ? { format: 'sealed-v2', key: await deriveSealedWireKey(kdf, secret, p.chat, p.k) }
    : legacyWireKey(secret, p.chat, suffix?.trim() || undefined);
}

/** Opens a pointer with the key wireKeyForPointer made for it, which always applies to it. */
export function openWithOwnKey(wire: WireKey, p: Pointer): Result<OpenedPointer> {
  return (
    openWithWireKey(wire, p) ??
    fail('wrong-secret-or-altered', 'This key was made for another chat; it does not open this pointer.')
  );
}

/** Wipes what a wire key holds as bytes (a legacy secret is a string, which only the GC frees). */
export function wipeWireKey(wire: WireKey): void {
  if (wire.format === 'sealed-v2') wipeSealedKey(wire.key);
}

// Keys are sealed as bytes, never as base64 in JSON: a string cannot be wiped and lives until
// the GC frees it, a Buffer is zeroed as soon as the key is read out of it. Boxes written
// before this (JSON, first byte "{") still open; every box written now has the layout below.
const BINARY_BOX = 1;
const KEY_BYTES = 32;

/** A chat's data key and, for legacy chats, its suffix: what the chat's unlock key opens. */
export interface ChatKeyBox {
  readonly cdk: Uint8Array;
  readonly suffix?: string;
}

/** Layout: 1, then 1 when a suffix follows (0 if not), CDK (32 bytes), the suffix in UTF-8. */
export function sealChatKeyBox(unlockKey: Uint8Array, box: ChatKeyBox, aad: string): Buffer {
  const suffix = box.suffix === undefined ? new Uint8Array(0) : utf8(box.suffix);
  const plain = new Uint8Array(2 + KEY_BYTES + suffix.length);
  plain[0] = BINARY_BOX;
  plain[1] = box.suffix === undefined ? 0 : 1;
  plain.set(box.cdk, 2);
  plain.set(suffix, 2 + KEY_BYTES);
  const sealed = seal(unlockKey, plain, aad);
  wipe(plain);
  return sealed;
}

/** The box, or undefined when the unlock key is not this chat's (or the box was altered). */
export function openChatKeyBox(unlockKey: Uint8Array, blob: Uint8Array, aad: string): ChatKeyBox | undefined {
  const plain = open(unlockKey, blob, aad);
  if (!plain) return undefined;
  try {
    if (plain[0] === BINARY_BOX) {
      if (plain.length < 2 + KEY_BYTES) return undefined;
      const cdk = new Uint8Array(plain.subarray(2, 2 + KEY_BYTES));
      if (plain[1] === 0) return { cdk };
      const suffix = utf8DecodeStrict(plain.subarray(2 + KEY_BYTES));
      return suffix === undefined ? undefined : { cdk, suffix };
    }
    const old = JSON.parse(plain.toString('utf8')) as { cdk: string; suffix?: string };
    const cdk = fromBase64Url(old.cdk);
    if (!cdk || cdk.length !== KEY_BYTES) return undefined;
    return old.suffix === undefined ? { cdk } : { cdk, suffix: old.suffix };
  } finally {
    wipe(plain);
  }
}

/**
 * What "remember on this computer" keeps under DK: the chat's proof, and its
 * wire key (sealed: the 64 bytes of K; legacy: the secret, which the legacy
 * keystream needs). Layout: 1, the format (0 sealed, 1 legacy), the proof
 * (32 bytes), then K or the secret in UTF-8.
 */
export function sealRememberedBox(dk: Uint8Array, proof: Uint8Array, wire: WireKey, aad: string): Buffer {
  const tail = wire.format === 'sealed-v2' ? concatBytes(wire.key.enc, wire.key.macKey) : utf8(wire.secret);
  const plain = new Uint8Array(2 + KEY_BYTES + tail.length);
  plain[0] = BINARY_BOX;
  plain[1] = wire.format === 'sealed-v2' ? 0 : 1;
  plain.set(proof, 2);
  plain.set(tail, 2 + KEY_BYTES);
  const sealed = seal(dk, plain, aad);
  wipe(plain, tail);
  return sealed;
}

/** A remembered chat's proof and wire key (the caller wipes both), or undefined when it does not open. */
export function openRememberedBox(
  dk: Uint8Array,
  blob: Uint8Array,
  aad: string,
  chat: { readonly format: Format; readonly wire: string; readonly k: number },
): { proof: Uint8Array; wire: WireKey } | undefined {
  const plain = open(dk, blob, aad);
  if (!plain) return undefined;
  let proof: Uint8Array | undefined;
  let K: Uint8Array | undefined;
  try {
    let secret: string | undefined;
    if (plain[0] === BINARY_BOX) {
      if (plain.length < 2 + KEY_BYTES || plain[1] !== (chat.format === 'sealed-v2' ? 0 : 1))
        return undefined;
      proof = new Uint8Array(plain.subarray(2, 2 + KEY_BYTES));
      if (chat.format === 'sealed-v2') K = new Uint8Array(plain.subarray(2 + KEY_BYTES));
      else secret = utf8DecodeStrict(plain.subarray(2 + KEY_BYTES));
    } else {
      const old = JSON.parse(plain.toString('utf8')) as { proof: string; wire: string };
      proof = fromBase64Url(old.proof);
      if (chat.format === 'sealed-v2') K = fromBase64Url(old.wire);
      else secret = old.wire;
    }
    if (!proof || proof.length !== KEY_BYTES) return undefined;
    if (chat.format === 'sealed-v2') {
      if (!K || K.length !== 2 * KEY_BYTES) return undefined;
      const key = sealedKeyFromBytes(chat.wire as ChatId, chat.k, K);
      const out = { proof, wire: { format: 'sealed-v2', key } as const };
      proof = undefined;
      return out;
    }
    if (secret === undefined) return undefined;
    const out = { proof, wire: legacyWireKey(secret, chat.wire) };
    proof = undefined;
    return out;
  } finally {
    wipe(plain);
    if (K) wipe(K);
    if (proof) wipe(proof);
  }
}
