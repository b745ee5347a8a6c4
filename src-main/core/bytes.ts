/** Byte helpers with strict decoders: a pointer field either decodes canonically or is refused. */

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export const utf8 = (s: string): Uint8Array => encoder.encode(s);

/** Decodes UTF-8, or returns undefined when the bytes are not valid UTF-8. */
export function utf8DecodeStrict(b: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(b);
  } catch {
    return undefined;
  }
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Compares without an early exit, so timing does not reveal where a tag differs. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

export function xorInto(data: Uint8Array, keystream: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = (data[i] as number) ^ (keystream[i] as number);
  return out;
}

const HEX = '0123456789abcdef';

export function toHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) {
    const v = b[i] as number;
    s += HEX.charAt(v >> 4) + HEX.charAt(v & 15);
  }
  return s;
}

const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VALUE[HEX.charCodeAt(i)] = i;
  HEX_VALUE[HEX.toUpperCase().charCodeAt(i)] = i;
}

/** Hex of either case, even length; undefined otherwise. */
export function fromHex(s: string): Uint8Array | undefined {
  if (s.length % 2 !== 0) return undefined;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) {
    const a = s.charCodeAt(2 * i);
    const b = s.charCodeAt(2 * i + 1);
    const hi = a < 128 ? (HEX_VALUE[a] as number) : -1;
    const lo = b < 128 ? (HEX_VALUE[b] as number) : -1;
    if ((hi | lo) < 0) return undefined;
    out[i] = (hi << 4) | lo;
  }
  return out;
}

const B64U = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64U_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < B64U.length; i++) B64U_VALUE[B64U.charCodeAt(i)] = i;

export function toBase64Url(b: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 3 <= b.length; i += 3) {
    const v = ((b[i] as number) << 16) | ((b[i + 1] as number) << 8) | (b[i + 2] as number);
    s +=
      B64U.charAt(v >> 18) + B64U.charAt((v >> 12) & 63) + B64U.charAt((v >> 6) & 63) + B64U.charAt(v & 63);
  }
  const rest = b.length - i;
  if (rest === 1) {
    const v = (b[i] as number) << 16;
    s += B64U.charAt(v >> 18) + B64U.charAt((v >> 12) & 63);
  } else if (rest === 2) {
    const v = ((b[i] as number) << 16) | ((b[i + 1] as number) << 8);
    s += B64U.charAt(v >> 18) + B64U.charAt((v >> 12) & 63) + B64U.charAt((v >> 6) & 63);
  }
  return s;
}

/**
 * RFC 4648 section 5 without padding, canonical only: a length of 1 mod 4, any
 * character outside the alphabet, or non-zero unused trailing bits is refused.
 * Canonical-only matters: otherwise two spellings of one tag would both verify.
 */
export function fromBase64Url(s: string): Uint8Array | undefined {
  const n = base64UrlBytes(s);
  if (n < 0) return undefined;
  const out = new Uint8Array(n);
  return decodeBase64UrlInto(s, out, 0) ? out : undefined;
}

/** How many bytes s decodes to, or -1 for a length no base64url text has. */
export const base64UrlBytes = (s: string): number =>
  s.length % 4 === 1 ? -1 : Math.floor((s.length * 3) / 4);

/** Decodes s into out[at..at + base64UrlBytes(s)) by the rules of fromBase64Url; false if s breaks them. */
export function decodeBase64UrlInto(s: string, out: Uint8Array, at: number): boolean {
  const len = s.length;
  if (len % 4 === 1) return false;
  const T = B64U_VALUE;
  const full = len - (len % 4);
  let o = at;
  // Whole quads first, four characters to three bytes; a -1 anywhere makes the OR negative.
  for (let i = 0; i < full; i += 4) {
    const a = s.charCodeAt(i);
    const b = s.charCodeAt(i + 1);
    const c = s.charCodeAt(i + 2);
    const d = s.charCodeAt(i + 3);
    if ((a | b | c | d) > 127) return false;
    const va = T[a] as number;
    const vb = T[b] as number;
    const vc = T[c] as number;
    const vd = T[d] as number;
    if ((va | vb | vc | vd) < 0) return false;
    const v = (va << 18) | (vb << 12) | (vc << 6) | vd;
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 255;
    out[o++] = v & 255;
  }
  let acc = 0;
  let bits = 0;
  for (let i = full; i < len; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? (T[c] as number) : -1;
    if (v < 0) return false;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return !(bits > 0 && (acc & ((1 << bits) - 1)) !== 0);
}

/** Overwrites key material we own; JS cannot promise more than this. */
export function wipe(...arrays: Uint8Array[]): void {
  for (const a of arrays) a.fill(0);
}
