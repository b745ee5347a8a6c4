import { scryptSync } from 'node:crypto';
import { scrypt as nobleScrypt } from '@noble/hashes/scrypt.js';

/*
 * scrypt with the spec's fixed r = 8, p = 1; cost given as log2 N. Node's
 * native scrypt (OpenSSL) gives the same bytes as noble's pure JavaScript one
 * (checked on the RFC 7914 vectors and against noble in tests) and runs about
 * three times as fast: an attacker guessing secrets uses native code, so the
 * person unlocking should too. The cost is never lowered to gain speed.
 */

/** scrypt(password, salt, N = 2^log2N, r = 8, p = 1), native. */
export function scryptLog2(password: Uint8Array, salt: Uint8Array, log2N: number, dkLen: number): Uint8Array {
  const N = 2 ** log2N;
  // OpenSSL refuses more than maxmem; the work area is 128 * N * r bytes, so allow it and a margin.
  const out = scryptSync(password, salt, dkLen, { N, r: 8, p: 1, maxmem: 129 * N * 8 + 2 ** 20 });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** The same with @noble/hashes: the reference the native result is checked against, and the bench's comparison. */
export function scryptLog2Noble(
  password: Uint8Array,
  salt: Uint8Array,
  log2N: number,
  dkLen: number,
): Uint8Array {
  return nobleScrypt(password, salt, { N: 2 ** log2N, r: 8, p: 1, dkLen, maxmem: 2 ** 31 });
}
