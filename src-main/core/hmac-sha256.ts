import { type _HMAC, hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

export type HmacFn = (...parts: Uint8Array[]) => Uint8Array;

/**
 * HMAC-SHA256 under one fixed key. The keyed inner and outer states are
 * computed once and cloned for each call, which halves the compressions of a
 * short message: the DRBG calls this once per 32 bytes of keystream.
 */
export function keyedHmacSha256(key: Uint8Array): HmacFn {
  const base = hmac.create(sha256, key);
  let scratch: _HMAC<ReturnType<typeof sha256.create>> | undefined;
  return (...parts) => {
    scratch = base._cloneInto(scratch);
    for (const p of parts) scratch.update(p);
    return scratch.digest();
  };
}

export const hmacSha256 = (key: Uint8Array, message: Uint8Array): Uint8Array => hmac(sha256, key, message);
