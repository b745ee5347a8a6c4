import { gcmOpen, gcmSeal } from '../vault/box.js';

/**
 * AES-256-GCM with no padding of its own, for the parts of a search chunk:
 * the chunk is padded as a whole (search-chunks.ts), so each part is only as
 * long as what it holds and a search decrypts only the part it reads.
 * Layout: nonce (12) || ciphertext || tag (16), as box.ts.
 */
export const PART_OVERHEAD = 28;

export const sealPart = (key: Uint8Array, plain: Uint8Array, aad: string): Buffer => gcmSeal(key, plain, aad);

/** The plaintext (the caller wipes it), or undefined when the key is wrong or a byte was altered. */
export function openPart(key: Uint8Array, part: Uint8Array, aad: string): Buffer | undefined {
  if (part.length < PART_OVERHEAD) return undefined;
  return gcmOpen(key, Buffer.from(part.buffer, part.byteOffset, part.byteLength), aad);
}
