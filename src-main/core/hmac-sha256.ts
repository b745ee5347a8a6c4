import { compress, SHA256_IV } from './sha256-block.js';

export type HmacFn = (...parts: Uint8Array[]) => Uint8Array;

/*
 * HMAC-SHA256 (RFC 2104) on the hand-written compression. A key is turned once
 * into its "key state": 16 words, the inner state after the ipad block (0..8)
 * and the outer state after the opad block (8..16). Every HMAC under that key
 * then starts from there, which halves the compressions of a short message.
 * One streaming hasher at module level does the absorbing: JavaScript runs one
 * call at a time and nothing here calls out, so it is never shared mid-use.
 */

const blockBytes = new Uint8Array(64);
const blockWords = new Int32Array(16);
const st = new Int32Array(8);
let fill = 0;
let total = 0;

function flushBlock(): void {
  bytesToWords(blockBytes, blockWords, 16);
  compress(st, 0, blockWords, 0);
  fill = 0;
}

/** Starts absorbing from the 8 words at from[fo..fo+8), with `done` bytes already hashed. */
export function absorbBegin(from: Int32Array, fo: number, done: number): void {
  for (let i = 0; i < 8; i++) st[i] = from[fo + i] as number;
  fill = 0;
  total = done;
}

export function absorb(bytes: Uint8Array, start = 0, end = bytes.length): void {
  total += end - start;
  for (let i = start; i < end; i++) {
    blockBytes[fill++] = bytes[i] as number;
    if (fill === 64) flushBlock();
  }
}

export function absorbByte(x: number): void {
  total++;
  blockBytes[fill++] = x;
  if (fill === 64) flushBlock();
}

/** Absorbs ASCII text (code units below 128) without encoding it first. */
export function absorbAscii(s: string): void {
  total += s.length;
  for (let i = 0; i < s.length; i++) {
    blockBytes[fill++] = s.charCodeAt(i);
    if (fill === 64) flushBlock();
  }
}

/** Absorbs 32 bytes given as 8 big-endian words. */
export function absorbWords8(w: Int32Array, wo: number): void {
  total += 32;
  for (let i = 0; i < 8; i++) {
    const x = w[wo + i] as number;
    blockBytes[fill++] = x >>> 24;
    blockBytes[fill++] = (x >>> 16) & 255;
    blockBytes[fill++] = (x >>> 8) & 255;
    blockBytes[fill++] = x & 255;
    if (fill === 64) flushBlock();
  }
}

/** Pads, compresses the last block(s) and writes the 8-word digest to out[oo..oo+8). */
export function absorbFinish(out: Int32Array, oo: number): void {
  const bits = total * 8;
  blockBytes[fill++] = 0x80;
  if (fill > 56) {
    blockBytes.fill(0, fill);
    flushBlock();
  }
  blockBytes.fill(0, fill, 56);
  const hi = Math.floor(bits / 0x100000000);
  const lo = bits >>> 0;
  blockBytes[56] = hi >>> 24;
  blockBytes[57] = (hi >>> 16) & 255;
  blockBytes[58] = (hi >>> 8) & 255;
  blockBytes[59] = hi & 255;
  blockBytes[60] = lo >>> 24;
  blockBytes[61] = (lo >>> 16) & 255;
  blockBytes[62] = (lo >>> 8) & 255;
  blockBytes[63] = lo & 255;
  flushBlock();
  for (let i = 0; i < 8; i++) out[oo + i] = st[i] as number;
}

/** The state after whole blocks only (the absorbed length is a multiple of 64), to resume from later. */
export function absorbMidstate(out: Int32Array): void {
  if (fill !== 0) throw new Error('absorbMidstate needs whole blocks.');
  for (let i = 0; i < 8; i++) out[i] = st[i] as number;
}

/** Wipes the streaming hasher's copies of the last message and state. */
export function absorbWipe(): void {
  blockBytes.fill(0);
  blockWords.fill(0);
  st.fill(0);
}

// A 32-byte message after a 64-byte key block: 96 bytes, padding fixed.
const PAD32 = Int32Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0x80000000 | 0, 0, 0, 0, 0, 0, 0, 96 * 8);
const padBlock = Int32Array.from(PAD32);
const outerState = new Int32Array(8);

/**
 * HMAC of a 32-byte message given as 8 words: two compressions, no padding
 * work. Reads msg[mo..mo+8), writes out[oo..oo+8); they may overlap.
 */
export function hmac32(ks: Int32Array, msg: Int32Array, mo: number, out: Int32Array, oo: number): void {
  const p = padBlock;
  const s = outerState;
  for (let i = 0; i < 8; i++) {
    p[i] = msg[mo + i] as number;
    s[i] = ks[i] as number;
  }
  compress(s, 0, p, 0);
  for (let i = 0; i < 8; i++) {
    p[i] = s[i] as number;
    s[i] = ks[8 + i] as number;
  }
  compress(s, 0, p, 0);
  for (let i = 0; i < 8; i++) out[oo + i] = s[i] as number;
}

/** The outer half of an HMAC: inner digest (8 words) in, tag (8 words) out. */
export function hmacOuter(ks: Int32Array, inner: Int32Array, io: number, out: Int32Array, oo: number): void {
  const p = padBlock;
  const s = outerState;
  for (let i = 0; i < 8; i++) {
    p[i] = inner[io + i] as number;
    s[i] = ks[8 + i] as number;
  }
  compress(s, 0, p, 0);
  for (let i = 0; i < 8; i++) out[oo + i] = s[i] as number;
}

const keyBlock = new Int32Array(16);

/** The key state of a 32-byte key given as 8 words (the DRBG's K). */
export function keyStateFromWords(k: Int32Array, ko: number, ks: Int32Array): void {
  for (let i = 0; i < 8; i++) {
    keyBlock[i] = (k[ko + i] as number) ^ 0x36363636;
    keyBlock[i + 8] = 0x36363636;
  }
  for (let i = 0; i < 8; i++) ks[i] = SHA256_IV[i] as number;
  compress(ks, 0, keyBlock, 0);
  for (let i = 0; i < 16; i++) keyBlock[i] = (keyBlock[i] as number) ^ 0x36363636 ^ 0x5c5c5c5c;
  for (let i = 0; i < 8; i++) ks[8 + i] = SHA256_IV[i] as number;
  compress(ks, 8, keyBlock, 0);
  keyBlock.fill(0);
}

/** The key state of a key of any length (longer than a block: hashed first, as RFC 2104 says). */
export function keyState(key: Uint8Array): Int32Array {
  const ks = new Int32Array(16);
  const k = new Uint8Array(64);
  if (key.length > 64) {
    const d = new Int32Array(8);
    absorbBegin(SHA256_IV, 0, 0);
    absorb(key);
    absorbFinish(d, 0);
    wordsToBytes(d, 0, 8, k, 0);
    d.fill(0);
  } else {
    k.set(key);
  }
  bytesToWords(k, keyBlock, 16);
  k.fill(0);
  for (let i = 0; i < 16; i++) keyBlock[i] = (keyBlock[i] as number) ^ 0x36363636;
  for (let i = 0; i < 8; i++) ks[i] = SHA256_IV[i] as number;
  compress(ks, 0, keyBlock, 0);
  for (let i = 0; i < 16; i++) keyBlock[i] = (keyBlock[i] as number) ^ 0x36363636 ^ 0x5c5c5c5c;
  for (let i = 0; i < 8; i++) ks[8 + i] = SHA256_IV[i] as number;
  compress(ks, 8, keyBlock, 0);
  keyBlock.fill(0);
  return ks;
}

/** The first `n` big-endian words of `bytes`, into `out`. */
export function bytesToWords(bytes: Uint8Array, out: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const j = i << 2;
    out[i] =
      ((bytes[j] as number) << 24) |
      ((bytes[j + 1] as number) << 16) |
      ((bytes[j + 2] as number) << 8) |
      (bytes[j + 3] as number);
  }
}

export function wordsToBytes(w: Int32Array, wo: number, n: number, out: Uint8Array, oo: number): void {
  for (let i = 0; i < n; i++) {
    const x = w[wo + i] as number;
    out[oo++] = x >>> 24;
    out[oo++] = (x >>> 16) & 255;
    out[oo++] = (x >>> 8) & 255;
    out[oo++] = x & 255;
  }
}

const digest = new Int32Array(8);

/** HMAC over the concatenation of parts, under a key state; 32 bytes. */
export function hmacWithState(ks: Int32Array, parts: readonly Uint8Array[]): Uint8Array {
  absorbBegin(ks, 0, 64);
  for (const p of parts) absorb(p);
  absorbFinish(digest, 0);
  hmacOuter(ks, digest, 0, digest, 0);
  const out = new Uint8Array(32);
  wordsToBytes(digest, 0, 8, out, 0);
  digest.fill(0);
  absorbWipe();
  return out;
}

/**
 * HMAC-SHA256 under one fixed key. The keyed inner and outer states are
 * computed once; each call then costs only the message's own blocks.
 */
export function keyedHmacSha256(key: Uint8Array): HmacFn {
  const ks = keyState(key);
  const fn: HmacFn = (...parts) => hmacWithState(ks, parts);
  keyStates.set(fn, ks);
  return fn;
}

const keyStates = new WeakMap<HmacFn, Int32Array>();

/** The key state behind a keyed HMAC, for hot paths that work in words; wiping it disables the HMAC. */
export const keyStateOf = (fn: HmacFn): Int32Array | undefined => keyStates.get(fn);

export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  const ks = keyState(key);
  const out = hmacWithState(ks, [message]);
  ks.fill(0);
  return out;
}
