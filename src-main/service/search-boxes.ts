import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with no padding of its own, for the parts of a search chunk:
 * the chunk is padded as a whole (search-chunks.ts), so each part is only as
 * long as what it holds and a search decrypts only the part it reads.
 * Layout: nonce (12) || ciphertext || tag (16), as box.ts.
 */
export const PART_OVERHEAD = 28;

export function sealPart(key: Uint8Array, plain: Uint8Array, aad: string): Buffer {
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([nonce, body, c.getAuthTag()]);
}

/** The plaintext (the caller wipes it), or undefined when the key is wrong or a byte was altered. */
export function openPart(key: Uint8Array, part: Uint8Array, aad: string): Buffer | undefined {
  if (part.length < PART_OVERHEAD) return undefined;
  let out: Buffer | undefined;
  try {
    const d = createDecipheriv('aes-256-gcm', key, part.subarray(0, 12));
    d.setAAD(Buffer.from(aad, 'utf8'));
    d.setAuthTag(part.subarray(part.length - 16));
    out = d.update(part.subarray(12, part.length - 16));
    d.final();
    return out;
  } catch {
    out?.fill(0);
    return undefined;
  }
}
