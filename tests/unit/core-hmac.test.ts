import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { drbgFirstBlockState, drbgKeystream, drbgXor } from '../../src-main/core/drbg.js';
import { hmacSha256, keyedHmacSha256, keyStateOf } from '../../src-main/core/hmac-sha256.js';
import type { ChatId } from '../../src-main/core/pointer-types.js';
import { sealedKeyFromBytes, wipeSealedKey } from '../../src-main/core/sealed-key.js';

/** HMAC_DRBG as the original program runs it, written plainly on @noble/hashes: the reference. */
function referenceKeystream(seed: Uint8Array, length: number): Uint8Array {
  const mac = (k: Uint8Array, ...parts: Uint8Array[]) => {
    const h = hmac.create(sha256, k);
    for (const p of parts) h.update(p);
    return h.digest();
  };
  let K = new Uint8Array(32);
  let V = new Uint8Array(32).fill(1);
  K = mac(K, V, Uint8Array.of(0), seed);
  V = mac(K, V);
  if (seed.length > 0) {
    K = mac(K, V, Uint8Array.of(1), seed);
    V = mac(K, V);
  }
  const out = new Uint8Array(length);
  for (let o = 0; o < length; o += 32) {
    V = mac(K, V);
    out.set(V.subarray(0, Math.min(32, length - o)), o);
  }
  return out;
}

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const randInt = (n: number) => Math.floor(Math.random() * n);

// Around every block edge the padding handles differently: 55/56 bytes left, whole blocks, two blocks.
const EDGES = [
  0, 1, 22, 23, 24, 30, 31, 32, 33, 54, 55, 56, 57, 63, 64, 65, 86, 87, 88, 119, 120, 127, 128, 129, 200,
];

describe('HMAC-SHA256 (hand-written) against @noble/hashes', () => {
  it('agrees on keys and messages of every length around the block edges', () => {
    for (const kLen of [0, 1, 20, 32, 63, 64, 65, 100, 200]) {
      for (const mLen of EDGES) {
        const key = random(kLen);
        const msg = random(mLen);
        expect(hmacSha256(key, msg)).toEqual(hmac(sha256, key, msg));
      }
    }
  });

  it('agrees on random keys, lengths and splits into parts, the key reused across calls', () => {
    for (let t = 0; t < 200; t++) {
      const key = random(randInt(150));
      const mac = keyedHmacSha256(key);
      for (let u = 0; u < 3; u++) {
        const parts = Array.from({ length: randInt(4) }, () => random(randInt(140)));
        const whole = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
        let o = 0;
        for (const p of parts) {
          whole.set(p, o);
          o += p.length;
        }
        expect(mac(...parts)).toEqual(hmac(sha256, key, whole));
      }
    }
  });

  it('agrees on a message of many blocks', () => {
    const key = random(32);
    const msg = random(10_000);
    expect(hmacSha256(key, msg)).toEqual(hmac(sha256, key, msg));
  });
});

describe('HMAC_DRBG keystream against the reference on @noble/hashes', () => {
  it('agrees for seed lengths around the block edges and several output lengths', () => {
    for (const sLen of EDGES) {
      for (const n of [0, 1, 31, 32, 33, 60, 64, 65, 257]) {
        const seed = random(sLen);
        expect(drbgKeystream(seed, n)).toEqual(referenceKeystream(seed, n));
      }
    }
  });

  it('agrees for random seeds, including long legacy-style text seeds of many blocks', () => {
    for (let t = 0; t < 150; t++) {
      const seed = random(randInt(t < 100 ? 120 : 1000));
      const n = randInt(300);
      expect(drbgKeystream(seed, n)).toEqual(referenceKeystream(seed, n));
    }
  });

  it('gives the same bytes from a seed split in two, XORed with data, and from a cached first block', () => {
    for (let t = 0; t < 100; t++) {
      const seed = random(31 + randInt(100));
      const cut = randInt(seed.length + 1);
      const data = random(randInt(200));
      const expected = referenceKeystream(seed, data.length).map((k, i) => k ^ (data[i] as number));
      const out = new Uint8Array(data.length);
      drbgXor(seed.subarray(0, cut), seed.subarray(cut), data, out);
      expect(out).toEqual(expected);
      if (cut >= 31) {
        const first = drbgFirstBlockState(seed.subarray(0, 31));
        const again = new Uint8Array(data.length);
        drbgXor(seed.subarray(0, cut), seed.subarray(cut), data, again, first);
        expect(again).toEqual(expected);
      }
    }
  });
});

describe('wiping a sealed chat key', () => {
  it('zeroes K_enc, K_mac and the HMAC key state kept for K_mac', () => {
    const key = sealedKeyFromBytes('H3924_KChejnAg4xKOwvQw' as ChatId, 12, random(64));
    const state = keyStateOf(key.mac);
    expect(state?.some((w) => w !== 0)).toBe(true);
    wipeSealedKey(key);
    expect(key.enc.every((b) => b === 0)).toBe(true);
    expect(key.macKey.every((b) => b === 0)).toBe(true);
    expect(state?.every((w) => w === 0)).toBe(true);
  });
});
