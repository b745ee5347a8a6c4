import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import { sealedLength } from './buckets.js';

/**
 * Authenticated encryption at rest: AES-256-GCM, a fresh 12-byte nonce per
 * value, and associated data naming where the value belongs, so a blob moved
 * to another row or column fails to open instead of being misread.
 * Layout: nonce (12) || ciphertext || tag (16).
 *
 * The plaintext is padded (0x80, then zeros) to its length bucket before
 * sealing, so a blob's length tells only its bucket, not the length of a
 * name, a text or a secret. Padded boxes say so in their associated data
 * (PADDED): a box sealed before padding existed still opens, and no box can
 * be taken for the other kind.
 */
const PADDED = '|padded';
const OVERHEAD = 28;

// Nonces are cut from a block of fresh random bytes, each slice used once and then zeroed:
// one call into the system's generator per 256 seals instead of per seal (an import seals thousands).
const NONCES = 256;
const noncePool = Buffer.alloc(12 * NONCES);
let nonceNext = NONCES;

/** Writes a fresh nonce at out[at .. at + 12). */
function putNonce(out: Buffer, at: number): void {
  if (nonceNext === NONCES) {
    randomFillSync(noncePool);
    nonceNext = 0;
  }
  const slice = noncePool.subarray(12 * nonceNext, 12 * ++nonceNext);
  slice.copy(out, at);
  slice.fill(0);
}

/** nonce || ciphertext || tag, written into one buffer (an import seals thousands). */
export function gcmSeal(key: Uint8Array, plaintext: Uint8Array, aad: string): Buffer {
  const out = Buffer.allocUnsafe(12 + plaintext.length + 16);
  putNonce(out, 0);
  const c = createCipheriv('aes-256-gcm', key, out.subarray(0, 12));
  c.setAAD(Buffer.from(aad, 'utf8'));
  const body = c.update(plaintext);
  // GCM's final() adds no bytes.
  c.final();
  body.copy(out, 12);
  c.getAuthTag().copy(out, 12 + body.length);
  return out;
}

export function gcmOpen(key: Uint8Array, b: Buffer, aad: string): Buffer | undefined {
  let out: Buffer | undefined;
  try {
    const d = createDecipheriv('aes-256-gcm', key, b.subarray(0, 12));
    d.setAAD(Buffer.from(aad, 'utf8'));
    d.setAuthTag(b.subarray(b.length - 16));
    // GCM's final() adds no bytes: the plaintext stays in this one Buffer, which the caller wipes
    // (a concat would leave a second copy nobody wipes).
    out = d.update(b.subarray(12, b.length - 16));
    d.final();
    return out;
  } catch {
    out?.fill(0);
    return undefined;
  }
}

export function seal(key: Uint8Array, plaintext: Uint8Array, aad: string): Buffer {
  const padded = Buffer.alloc(sealedLength(plaintext.length + 1, aad));
  padded.set(plaintext);
  padded[plaintext.length] = 0x80;
  const box = gcmSeal(key, padded, aad + PADDED);
  padded.fill(0);
  return box;
}

/**
 * The plaintext, or undefined when the key is wrong or the blob was altered.
 * A caller that opens a key wipes the returned Buffer once it has used it: it
 * is the only copy, and nothing else will.
 */
export function open(key: Uint8Array, blob: Uint8Array, aad: string): Buffer | undefined {
  if (blob.length < OVERHEAD) return undefined;
  const b = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const padded = gcmOpen(key, b, aad + PADDED);
  if (padded === undefined) return gcmOpen(key, b, aad);
  const end = padded.lastIndexOf(0x80);
  // Authentic but not padded as seal pads: only a bug could write that; refuse it like damage.
  if (end < 0 || padded.subarray(end + 1).some((x) => x !== 0)) {
    padded.fill(0);
    return undefined;
  }
  return padded.subarray(0, end);
}

/** For values that hold no key (names, settings, texts): keys are sealed as bytes. */
export function sealJson(key: Uint8Array, value: unknown, aad: string): Buffer {
  const plain = Buffer.from(JSON.stringify(value), 'utf8');
  const box = seal(key, plain, aad);
  plain.fill(0);
  return box;
}

export function openJson<T>(key: Uint8Array, blob: Uint8Array, aad: string): T | undefined {
  const b = open(key, blob, aad);
  if (b === undefined) return undefined;
  try {
    return JSON.parse(b.toString('utf8')) as T;
  } finally {
    b.fill(0);
  }
}
