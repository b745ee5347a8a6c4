import { scrypt } from '@noble/hashes/scrypt.js';

/** scrypt with the spec's fixed r = 8, p = 1; cost given as log2 N. */
export function scryptLog2(password: Uint8Array, salt: Uint8Array, log2N: number, dkLen: number): Uint8Array {
  return scrypt(password, salt, { N: 2 ** log2N, r: 8, p: 1, dkLen, maxmem: 2 ** 31 });
}
