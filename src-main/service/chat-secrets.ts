import { defaultLegacyName, defaultLegacySuffix } from '../../src-shared/legacy-chats.js';
import type { Format } from '../../src-shared/types.js';
import { toBase64Url, utf8 } from '../core/bytes.js';
import { openLegacy } from '../core/legacy.js';
import type { ChatId, OpenedPointer, Pointer } from '../core/pointer-types.js';
import { fail, type Result } from '../core/result.js';
import { openSealed } from '../core/sealed.js';
import {
  type SealedChatKey,
  sealedKeyFromBytes,
  sealedKeyParams,
  sealedSecretBytes,
} from '../core/sealed-key.js';
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
