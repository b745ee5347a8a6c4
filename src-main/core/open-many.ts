import { type DrbgJob, drbgXorMany, hmacMany, type MacJob } from './bulk-hash.js';
import { utf8 } from './bytes.js';
import { drbgFirstBlockState } from './drbg.js';
import { keyState, keyStateOf } from './hmac-sha256.js';
import { legacyOpened, openLegacy } from './legacy.js';
import {
  type LegacyPointer,
  type OpenedPointer,
  SEALED_CHAT_RE,
  type SealedPointer,
} from './pointer-types.js';
import type { Result } from './result.js';
import { openSealed, sealedOpened, sealedTagHeader, wrongSealed } from './sealed.js';
import type { SealedChatKey } from './sealed-key.js';
import { type Sha256x4, sha256x4 } from './sha256x4.js';

/*
 * Opening the pointers of one chat together: the hashing of several pointers
 * runs at once (SIMD lanes) where WebAssembly SIMD is available. Each result
 * is exactly what openLegacy / openSealed gives for that pointer, in order.
 */

/** Opens the legacy pointers of one chat together. */
export function openLegacyMany(
  secret: string,
  suffix: string,
  pointers: LegacyPointer[],
): Result<OpenedPointer>[] {
  return openLegacyManyWith(sha256x4(), secret, suffix, pointers);
}

/** Opens the sealed v2 pointers of one chat together under its cached key. */
export function openSealedMany(key: SealedChatKey, pointers: SealedPointer[]): Result<OpenedPointer>[] {
  return openSealedManyWith(sha256x4(), key, pointers);
}

/**
 * Pointers are opened a chunk at a time: the jobs and buffers of a chunk die
 * young, where those of a whole 10,000-pointer paste would be copied by the
 * garbage collector, which then costs more than the hashing.
 */
const CHUNK = 256;

function chunked<P>(pointers: readonly P[], open: (part: readonly P[]) => Result<OpenedPointer>[]) {
  if (pointers.length <= CHUNK) return open(pointers);
  const results: Result<OpenedPointer>[] = [];
  for (let s = 0; s < pointers.length; s += CHUNK) {
    for (const r of open(pointers.slice(s, s + CHUNK))) results.push(r);
  }
  return results;
}

/** openLegacyMany on a given engine (undefined: scalar), so tests can run both. */
export function openLegacyManyWith(
  engine: Sha256x4 | undefined,
  secret: string,
  suffix: string,
  pointers: readonly LegacyPointer[],
): Result<OpenedPointer>[] {
  const s = secret.trim();
  // An empty secret (and any other refusal of the seed) is answered exactly as one by one.
  if (s === '' || pointers.length === 0) return pointers.map((p) => openLegacy(secret, suffix, p));
  // The seed is `${secret}_${suffix}_${epoch}`: its start is the same for every pointer of the chat.
  const prefix = utf8(`${s}_${suffix}_`);
  const first = prefix.length >= 31 ? drbgFirstBlockState(prefix) : undefined;
  try {
    return chunked(pointers, (part) => {
      const plain = outputs(part);
      const jobs: DrbgJob[] = part.map((p, i) => ({
        a: prefix,
        b: String(p.epoch),
        data: p.data,
        out: plain[i] as Uint8Array,
      }));
      drbgXorMany(jobs, first, engine);
      const results = part.map((p, i) => legacyOpened(p, plain[i] as Uint8Array));
      wipeOutputs(plain);
      return results;
    });
  } finally {
    prefix.fill(0);
    first?.fill(0);
  }
}

/** openSealedMany on a given engine (undefined: scalar), so tests can run both. */
export function openSealedManyWith(
  engine: Sha256x4 | undefined,
  key: SealedChatKey,
  pointers: readonly SealedPointer[],
): Result<OpenedPointer>[] {
  // The bulk MAC writes the header as ASCII; a chat id outside the spec's alphabet goes one by one.
  if (!SEALED_CHAT_RE.test(key.chat)) return pointers.map((p) => openSealed(key, p));
  const ownState = keyStateOf(key.mac) === undefined;
  const ks = keyStateOf(key.mac) ?? keyState(key.macKey);
  const first = drbgFirstBlockState(key.enc);
  try {
    return chunked(pointers, (part) => openSealedChunk(engine, key, ks, first, part));
  } finally {
    if (ownState) ks.fill(0);
    first.fill(0);
  }
}

function openSealedChunk(
  engine: Sha256x4 | undefined,
  key: SealedChatKey,
  ks: Int32Array,
  first: Int32Array,
  pointers: readonly SealedPointer[],
): Result<OpenedPointer>[] {
  const results: Result<OpenedPointer>[] = new Array(pointers.length);
  const mine: number[] = [];
  for (let i = 0; i < pointers.length; i++) {
    const p = pointers[i] as SealedPointer;
    if (key.chat !== p.chat || key.k !== p.k) results[i] = wrongSealed();
    else mine.push(i);
  }
  // The tags are all checked before anything of a plaintext is made.
  const macJobs: MacJob[] = mine.map((i) => {
    const p = pointers[i] as SealedPointer;
    return { ascii: sealedTagHeader(p), a: p.nonce, b: p.data };
  });
  const tags = new Int32Array(8 * mine.length);
  hmacMany(ks, macJobs, tags, engine);
  const authentic: number[] = [];
  mine.forEach((i, n) => {
    const p = pointers[i] as SealedPointer;
    if (tagMatches(tags, 8 * n, p.tag)) authentic.push(i);
    else results[i] = wrongSealed();
  });
  tags.fill(0);
  const plain = outputs(authentic.map((i) => pointers[i] as SealedPointer));
  const jobs: DrbgJob[] = authentic.map((i, n) => {
    const p = pointers[i] as SealedPointer;
    return { a: key.enc, b: p.nonce, data: p.data, out: plain[n] as Uint8Array };
  });
  drbgXorMany(jobs, first, engine);
  authentic.forEach((i, n) => {
    results[i] = sealedOpened(pointers[i] as SealedPointer, plain[n] as Uint8Array);
  });
  wipeOutputs(plain);
  return results;
}

/** The first 16 bytes of the 8-word tag at tags[at..] against the pointer's tag, without an early exit. */
function tagMatches(tags: Int32Array, at: number, tag: Uint8Array): boolean {
  if (tag.length !== 16) return false;
  let diff = 0;
  for (let w = 0; w < 4; w++) {
    const x = tags[at + w] as number;
    const o = 4 * w;
    diff |=
      ((x >>> 24) ^ (tag[o] as number)) |
      (((x >>> 16) & 255) ^ (tag[o + 1] as number)) |
      (((x >>> 8) & 255) ^ (tag[o + 2] as number)) |
      ((x & 255) ^ (tag[o + 3] as number));
  }
  return diff === 0;
}

/** One buffer for all plaintexts, as views: thousands of small buffers cost the GC far more. */
function outputs(pointers: readonly { readonly data: Uint8Array }[]): Uint8Array[] {
  let total = 0;
  for (const p of pointers) total += p.data.length;
  const all = new Uint8Array(total);
  let o = 0;
  return pointers.map((p) => {
    const view = all.subarray(o, o + p.data.length);
    o += p.data.length;
    return view;
  });
}

function wipeOutputs(plain: readonly Uint8Array[]): void {
  if (plain.length > 0) new Uint8Array((plain[0] as Uint8Array).buffer).fill(0);
}
