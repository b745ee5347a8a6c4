import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Authenticated encryption at rest: AES-256-GCM, a fresh 12-byte nonce per
 * value, and associated data naming where the value belongs, so a blob moved
 * to another row or column fails to open instead of being misread.
 * Layout: nonce (12) || ciphertext || tag (16).
 */
export function seal(key: Uint8Array, plaintext: Uint8Array, aad: string): Buffer {
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([c.update(plaintext), c.final()]);
  return Buffer.concat([nonce, body, c.getAuthTag()]);
}

/** The plaintext, or undefined when the key is wrong or the blob was altered. */
export function open(key: Uint8Array, blob: Uint8Array, aad: string): Buffer | undefined {
  if (blob.length < 28) return undefined;
  const b = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  try {
    const d = createDecipheriv('aes-256-gcm', key, b.subarray(0, 12));
    d.setAAD(Buffer.from(aad, 'utf8'));
    d.setAuthTag(b.subarray(b.length - 16));
    return Buffer.concat([d.update(b.subarray(12, b.length - 16)), d.final()]);
  } catch {
    return undefined;
  }
}

export const sealJson = (key: Uint8Array, value: unknown, aad: string): Buffer =>
  seal(key, Buffer.from(JSON.stringify(value), 'utf8'), aad);

export function openJson<T>(key: Uint8Array, blob: Uint8Array, aad: string): T | undefined {
  const b = open(key, blob, aad);
  return b === undefined ? undefined : (JSON.parse(b.toString('utf8')) as T);
}
