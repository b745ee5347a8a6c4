import { createHmac, randomBytes } from 'node:crypto';
import type { Format } from '../../src-shared/types.js';
import { concatBytes, utf8 } from '../core/bytes.js';
import { hmacSha256 } from '../core/hmac-sha256.js';
import type { SealedChatKey } from '../core/sealed-key.js';

/**
 * The vault's key hierarchy (see README, "What a thief learns"):
 *
 *   master phrase --scrypt--> KEK --wraps--> DK (profile data key, random)
 *   chat secret  --> chat proof (sealed: from K_mac; legacy: scrypt of the secret)
 *   unlock key   = HMAC(DK, "chat-unlock" | chat row salt | chat proof)  --wraps--> CDK (chat data key, random)
 *   K_seen       = HMAC(CDK, "seen-key"): the chat's duplicate index
 *
 * Reading a chat's messages needs CDK, hence both the login (DK) and the
 * chat's secret; one chat's secret opens no other chat.
 */
export const PROFILE_KDF_LOG2N = 17;
export const LEGACY_PROOF_LOG2N = 17;

export const randomKey = (): Uint8Array => new Uint8Array(randomBytes(32));
export const randomSalt = (): Buffer => randomBytes(16);

/** The master phrase as bytes: normalised like a sealed secret, so it survives keyboards and systems. */
export const masterBytes = (phrase: string): Uint8Array => utf8(phrase.trim().normalize('NFC'));

const label = (s: string) => utf8(`CLM vault/${s}\u0000`);

/** A sealed chat's proof comes from K_mac by a one-way step distinct from the tag and fingerprint. */
export const sealedChatProof = (key: SealedChatKey): Uint8Array => key.mac(label('chat-proof'));

export function chatUnlockKey(dk: Uint8Array, chatSalt: Uint8Array, proof: Uint8Array): Uint8Array {
  // The message holds the proof: wiped like it, or its copy outlives the key it made.
  const message = concatBytes(label('chat-unlock'), chatSalt, proof);
  const key = hmacSha256(dk, message);
  message.fill(0);
  return key;
}

/** Blind index of a chat's wire id: lets a pointer find its chat without the id being readable. */
export const routeIndex = (dk: Uint8Array, format: Format, wireChat: string): Buffer =>
  Buffer.from(hmacSha256(dk, concatBytes(label('route'), utf8(`${format}|${wireChat}`))));

const SEEN_LABEL = label('seen');

/**
 * A chat's duplicate-index key K_seen, from its data key: so the index of a
 * chat's pointers needs the chat's secret, not only the login. (Keyed by DK,
 * as older vaults did, whoever held the vault and the master phrase
 * could test a guessed legacy secret and text at one HMAC a guess.)
 */
export const chatSeenKey = (cdk: Uint8Array): Uint8Array => hmacSha256(cdk, label('seen-key'));

/**
 * Blind index of a pointer's canonical text within one chat, under that
 * chat's K_seen: the same pointer pasted twice is stored once. Computed for
 * every pointer of an import, so by node's native HMAC (the same
 * HMAC-SHA256 bytes as the core's).
 */
export const seenIndex = (seenKey: Uint8Array, canonicalPointer: string): Buffer =>
  createHmac('sha256', seenKey).update(SEEN_LABEL).update(canonicalPointer, 'utf8').digest();
