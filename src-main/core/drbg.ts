import {
  absorb,
  absorbBegin,
  absorbByte,
  absorbFinish,
  absorbMidstate,
  absorbWipe,
  absorbWords8,
  hmac32,
  hmacOuter,
  keyStateFromWords,
} from './hmac-sha256.js';

/*
 * The keystream generator of the original CLM program: HMAC_DRBG (SHA-256)
 * instantiation, then generate without reseeding and without the update step
 * after generate. It must stay bit-exact or legacy pointers stop opening.
 *
 *   K = 0^32, V = 1^32
 *   K = HMAC(K, V || 0x00 || seed); V = HMAC(K, V)
 *   if seed is not empty: K = HMAC(K, V || 0x01 || seed); V = HMAC(K, V)
 *   keystream = HMAC(K, V) || HMAC(K, HMAC(K, V)) || ...   (V advancing each time)
 *
 * Here K and V live as words, each K becomes a key state once, and the seed
 * may come in two parts (a sealed seed is K_enc || nonce) so nothing is copied.
 */

export const ZERO_KEY_STATE = new Int32Array(16);
keyStateFromWords(new Int32Array(8), 0, ZERO_KEY_STATE);

/** V at instantiation: 32 bytes of 0x01. */
const V0 = new Int32Array(8).fill(0x01010101);

const EMPTY = new Uint8Array(0);
const ks = new Int32Array(16);
const V = new Int32Array(8);
const K = new Int32Array(8);
const mid = new Int32Array(8);

/**
 * The state of the first HMAC's inner hash after its first message block,
 * V0 || 0x00 || seed[0..31): the same for every seed with that 31-byte start.
 * A chat's seeds share it (K_enc, or the legacy "secret_suffix_" prefix), so
 * opening many pointers of one chat computes it once. Needs seedStart.length >= 31.
 */
export function drbgFirstBlockState(seedStart: Uint8Array): Int32Array {
  const out = new Int32Array(8);
  absorbBegin(ZERO_KEY_STATE, 0, 64);
  absorbWords8(V0, 0);
  absorbByte(0x00);
  absorb(seedStart, 0, 31);
  absorbMidstate(out);
  absorbWipe();
  return out;
}

/**
 * The K and V after instantiation with seed = a || b, left in `ks` (K's key
 * state) and `V`. `first` is drbgFirstBlockState of the seed's start, if known.
 */
function instantiate(a: Uint8Array, b: Uint8Array, first: Int32Array | undefined): void {
  // K = HMAC(0, V0 || 0x00 || seed)
  if (first !== undefined && a.length >= 31) {
    absorbBegin(first, 0, 128);
    absorb(a, 31);
  } else {
    absorbBegin(ZERO_KEY_STATE, 0, 64);
    absorbWords8(V0, 0);
    absorbByte(0x00);
    absorb(a);
  }
  absorb(b);
  absorbFinish(mid, 0);
  hmacOuter(ZERO_KEY_STATE, mid, 0, K, 0);
  keyStateFromWords(K, 0, ks);
  hmac32(ks, V0, 0, V, 0);
  if (a.length + b.length === 0) return;
  // K = HMAC(K, V || 0x01 || seed)
  absorbBegin(ks, 0, 64);
  absorbWords8(V, 0);
  absorbByte(0x01);
  absorb(a);
  absorb(b);
  absorbFinish(mid, 0);
  hmacOuter(ks, mid, 0, K, 0);
  keyStateFromWords(K, 0, ks);
  hmac32(ks, V, 0, V, 0);
}

/**
 * Writes keystream XOR data into out (both `length` bytes); with no data, the
 * keystream itself. Seed = a || b.
 */
export function drbgXor(
  a: Uint8Array,
  b: Uint8Array,
  data: Uint8Array | undefined,
  out: Uint8Array,
  first?: Int32Array,
): void {
  instantiate(a, b, first);
  const length = out.length;
  for (let o = 0; o < length; o += 32) {
    hmac32(ks, V, 0, V, 0);
    const n = Math.min(32, length - o);
    for (let i = 0; i < n; i++) {
      const w = V[i >> 2] as number;
      const byte = (w >>> (24 - ((i & 3) << 3))) & 255;
      out[o + i] = data === undefined ? byte : byte ^ (data[o + i] as number);
    }
  }
  ks.fill(0);
  V.fill(0);
  K.fill(0);
  mid.fill(0);
  absorbWipe();
}

/** `length` bytes of keystream for `seed`. */
export function drbgKeystream(seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  drbgXor(seed, EMPTY, undefined, out);
  return out;
}
