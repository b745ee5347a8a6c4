import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { concatBytes, utf8, wipe } from '../../core/bytes.js';
import { hmacSha256 } from '../../core/hmac-sha256.js';
import { sealedSecretBytes } from '../../core/sealed-key.js';
import { CELL_BOX, CELL_PLAIN, CELL_TAG } from '../../vault/cell-store.js';
import type { KdfPool } from '../kdf/kdf-pool.js';
import { ServiceError } from '../service-error.js';

/**
 * A hidden chat's keys (docs/hidden-chats.md):
 *
 *   hidden salt = HMAC(DK, "CLM vault/hidden-salt\0")[0..16]
 *   L     = scrypt(secret, hidden salt, N = 2^17, r = 8, p = 1, 32 bytes)
 *   K_tag = HMAC(L, "CLM vault/hidden-tag\0"), K_box = HMAC(L, "CLM vault/hidden-box\0")
 *
 * L is wiped at once; the tags say where a chat's cells are, K_box opens them.
 * A guessed secret is tested only by this scrypt: no cheaper check exists.
 */
export const HIDDEN_LOG2N = 17;

export interface HiddenKeys {
  readonly tag: Uint8Array;
  readonly box: Uint8Array;
}

const label = (s: string) => utf8(`CLM vault/${s}\u0000`);

export const hiddenSalt = (dk: Uint8Array): Uint8Array => hmacSha256(dk, label('hidden-salt')).slice(0, 16);

/** The secret normalised as every chat secret is (trimmed, NFC); refused when empty. */
export function hiddenSecretBytes(secret: string): Uint8Array {
  const p = sealedSecretBytes(secret);
  if (!p.ok) throw new ServiceError('bad-input', p.error.message);
  return p.value;
}

/** L by scrypt in the worker pool (the event loop never waits on it), then K_tag and K_box. */
export async function deriveHiddenKeys(
  kdf: KdfPool,
  dk: Uint8Array,
  secret: string,
  log2N: number,
): Promise<HiddenKeys> {
  const password = hiddenSecretBytes(secret);
  const salt = hiddenSalt(dk);
  const L = await kdf.scrypt(password, salt, log2N, 32);
  wipe(password, salt);
  const keys = { tag: hmacSha256(L, label('hidden-tag')), box: hmacSha256(L, label('hidden-box')) };
  wipe(L);
  return keys;
}

export const wipeHiddenKeys = (k: HiddenKeys): void => wipe(k.tag, k.box);

const tagOf = (k: HiddenKeys, name: string): Uint8Array => hmacSha256(k.tag, utf8(name)).slice(0, CELL_TAG);

/** Where part `part` of the chat's record is: part 0 is what a secret is looked up by. */
export const recordTag = (k: HiddenKeys, part = 0): Uint8Array =>
  tagOf(k, part === 0 ? 'record' : `record|${part}`);

/** Where the chat's n-th data cell is. */
export const cellTag = (k: HiddenKeys, n: number): Uint8Array => tagOf(k, `cell|${n}`);

const cellAad = (tag: Uint8Array) => concatBytes(label('hidden-cell'), tag);

/** AES-256-GCM under K_box, bound to the cell's tag: a box moved under another tag does not open. */
export function sealCell(k: HiddenKeys, tag: Uint8Array, plain: Uint8Array): Buffer {
  if (plain.length !== CELL_PLAIN) throw new Error('A cell holds exactly CELL_PLAIN bytes.');
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', k.box, nonce);
  c.setAAD(cellAad(tag));
  const box = Buffer.concat([nonce, c.update(plain), c.final(), c.getAuthTag()]);
  return box;
}

/** The cell's plaintext, or undefined when it is not this chat's (chaff, another chat's, altered). */
export function openCell(k: HiddenKeys, tag: Uint8Array, box: Uint8Array): Buffer | undefined {
  if (box.length !== CELL_BOX) return undefined;
  try {
    const b = Buffer.from(box);
    const d = createDecipheriv('aes-256-gcm', k.box, b.subarray(0, 12));
    d.setAAD(cellAad(tag));
    d.setAuthTag(b.subarray(b.length - 16));
    return Buffer.concat([d.update(b.subarray(12, b.length - 16)), d.final()]);
  } catch {
    return undefined;
  }
}
