import { keyedHmacSha256 } from './hmac-sha256.js';

const ZERO = Uint8Array.of(0x00);
const ONE = Uint8Array.of(0x01);

/**
 * The keystream generator of the original CLM program: HMAC_DRBG (SHA-256)
 * instantiation, then generate without reseeding and without the update step
 * after generate. It must stay bit-exact or legacy pointers stop opening.
 */
export function drbgKeystream(seed: Uint8Array, length: number): Uint8Array {
  let K: Uint8Array = new Uint8Array(32);
  let V: Uint8Array = new Uint8Array(32).fill(0x01);
  let mac = keyedHmacSha256(K);
  K = mac(V, ZERO, seed);
  mac = keyedHmacSha256(K);
  V = mac(V);
  if (seed.length > 0) {
    K = mac(V, ONE, seed);
    mac = keyedHmacSha256(K);
    V = mac(V);
  }
  const out = new Uint8Array(length);
  for (let o = 0; o < length; o += 32) {
    V = mac(V);
    out.set(length - o >= 32 ? V : V.subarray(0, length - o), o);
  }
  K.fill(0);
  V.fill(0);
  return out;
}
