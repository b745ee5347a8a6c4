import { drbgXor } from './drbg.js';
import { absorb, absorbAscii, absorbBegin, absorbFinish, absorbWipe, hmacOuter } from './hmac-sha256.js';
import type { Sha256x4 } from './sha256x4.js';
import { LAYOUT } from './wasm/layout.js';

/*
 * Many HMACs and DRBG keystreams at once, four at a time in SIMD lanes when
 * the engine is given, else one by one on the scalar code; both give the same
 * bytes. Lanes run in lockstep, so jobs are grouped by how many blocks their
 * seed or message fills, and sorted by length so a lane rarely idles.
 */

export interface DrbgJob {
  /** The seed is a || b; b may be ASCII text (a legacy epoch's digits). */
  readonly a: Uint8Array;
  readonly b: Uint8Array | string;
  readonly data: Uint8Array;
  /** Receives keystream XOR data; as long as data. */
  readonly out: Uint8Array;
}

/** Message blocks (after the 64-byte key block) that `len` bytes fill once padded. */
const blocksFor = (len: number) => Math.ceil((len + 9) / 64);

/** Groups job indices by a shape number, each group sorted by a size, and cut into lanes of four. */
function lanesOf(n: number, shape: (i: number) => number, size: (i: number) => number): number[][] {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const s = shape(i);
    const g = groups.get(s);
    if (g) g.push(i);
    else groups.set(s, [i]);
  }
  const out: number[][] = [];
  for (const g of groups.values()) {
    g.sort((x, y) => size(x) - size(y));
    for (let i = 0; i < g.length; i += 4) out.push(g.slice(i, i + 4));
  }
  return out;
}

const EMPTY = new Uint8Array(0);
let msg = new Uint8Array(256);

/** Writes `bytes` (padded to nBlocks blocks, `prefix` bytes hashed before them) into lane L at addr. */
function writeLane(
  v: Int32Array,
  addr: number,
  L: number,
  m: Uint8Array,
  len: number,
  nBlocks: number,
  prefix: number,
) {
  const end = nBlocks * 64;
  m[len] = 0x80;
  m.fill(0, len + 1, end);
  const bits = (prefix + len) * 8;
  const hi = Math.floor(bits / 0x100000000);
  m[end - 8] = hi >>> 24;
  m[end - 7] = (hi >>> 16) & 255;
  m[end - 6] = (hi >>> 8) & 255;
  m[end - 5] = hi & 255;
  m[end - 4] = bits >>> 24;
  m[end - 3] = (bits >>> 16) & 255;
  m[end - 2] = (bits >>> 8) & 255;
  m[end - 1] = bits & 255;
  let o = (addr >> 2) + L;
  for (let j = 0; j < end; j += 4) {
    v[o] =
      ((m[j] as number) << 24) |
      ((m[j + 1] as number) << 16) |
      ((m[j + 2] as number) << 8) |
      (m[j + 3] as number);
    o += 4;
  }
}

/** Writes bytes, or ASCII text as bytes, at m[at..]; returns the end. */
function putBytes(m: Uint8Array, at: number, x: Uint8Array | string): number {
  if (typeof x !== 'string') {
    m.set(x, at);
    return at + x.length;
  }
  for (let i = 0; i < x.length; i++) m[at + i] = x.charCodeAt(i);
  return at + x.length;
}

function ascii(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  putBytes(out, 0, s);
  return out;
}

function ensureMsg(n: number): Uint8Array {
  if (msg.length < n) msg = new Uint8Array(Math.max(n, msg.length * 2));
  return msg;
}

/**
 * For every job, out = DRBG keystream of a || b XOR data. `first`, when
 * given, is drbgFirstBlockState of the first 31 bytes that every job's `a` shares.
 */
export function drbgXorMany(
  jobs: readonly DrbgJob[],
  first: Int32Array | undefined,
  engine: Sha256x4 | undefined,
): void {
  if (engine === undefined) {
    for (const j of jobs) drbgXor(j.a, typeof j.b === 'string' ? ascii(j.b) : j.b, j.data, j.out, first);
    return;
  }
  const seedLen = (i: number) => (jobs[i] as DrbgJob).a.length + (jobs[i] as DrbgJob).b.length;
  // An empty seed skips the second instantiation step, which the SIMD code always runs: no lane for it.
  const lanes = lanesOf(
    jobs.length,
    (i) => (seedLen(i) === 0 ? 0 : blocksFor(33 + seedLen(i))),
    (i) => (jobs[i] as DrbgJob).data.length,
  ).filter((lane) => {
    if (seedLen(lane[0] as number) > 0) return true;
    for (const i of lane) drbgXor(EMPTY, EMPTY, (jobs[i] as DrbgJob).data, (jobs[i] as DrbgJob).out);
    return false;
  });
  if (first !== undefined) engine.broadcast(LAYOUT.FIRST, first, 0, 8);
  try {
    for (const lane of lanes) {
      const j0 = jobs[lane[0] as number] as DrbgJob;
      const nSeed = blocksFor(33 + seedLen(lane[0] as number));
      const nOut = Math.ceil((jobs[lane[lane.length - 1] as number] as DrbgJob).data.length / 32);
      const seedAt = LAYOUT.DATA;
      const outAt = seedAt + nSeed * 256;
      engine.reserve(nSeed * 256 + nOut * 128);
      const v = engine.words();
      const m = ensureMsg(nSeed * 64);
      for (let L = 0; L < 4; L++) {
        // Lanes past the last job repeat the first one; their output is not read.
        const j = L < lane.length ? (jobs[lane[L] as number] as DrbgJob) : j0;
        m.fill(0, 0, 33);
        m.set(j.a, 33);
        putBytes(m, 33 + j.a.length, j.b);
        writeLane(v, seedAt, L, m, 33 + j.a.length + j.b.length, nSeed, 64);
      }
      // The cached first block stands for a[0..31), so only seeds that long may use it (as in drbgXor).
      const useFirst = first !== undefined && lane.every((i) => (jobs[i] as DrbgJob).a.length >= 31);
      engine.drbg(useFirst ? LAYOUT.FIRST : 0, seedAt, nSeed, nOut, outAt);
      for (let L = 0; L < lane.length; L++) {
        const j = jobs[lane[L] as number] as DrbgJob;
        const { data, out } = j;
        const base = (outAt >> 2) + L;
        for (let i = 0; i < data.length; i++) {
          const w = v[base + 4 * (i >> 2)] as number;
          out[i] = ((w >>> (24 - ((i & 3) << 3))) & 255) ^ (data[i] as number);
        }
      }
    }
  } finally {
    engine.wipe();
    msg.fill(0);
  }
}

/** One message to MAC: an ASCII text then byte strings. */
export interface MacJob {
  readonly ascii: string;
  readonly a: Uint8Array;
  readonly b: Uint8Array;
}

/**
 * HMAC under one key state (see hmac-sha256.ts) of every job's message; the
 * 8-word tags go to tags[8 * i ..]. Callers compare what they need of them.
 */
export function hmacMany(
  ks: Int32Array,
  jobs: readonly MacJob[],
  tags: Int32Array,
  engine: Sha256x4 | undefined,
): void {
  const lenOf = (i: number) => {
    const j = jobs[i] as MacJob;
    return j.ascii.length + j.a.length + j.b.length;
  };
  if (engine === undefined) {
    for (let i = 0; i < jobs.length; i++) {
      const j = jobs[i] as MacJob;
      absorbBegin(ks, 0, 64);
      absorbAscii(j.ascii);
      absorb(j.a);
      absorb(j.b);
      absorbFinish(tags, 8 * i);
      hmacOuter(ks, tags, 8 * i, tags, 8 * i);
    }
    absorbWipe();
    return;
  }
  const lanes = lanesOf(
    jobs.length,
    (i) => blocksFor(lenOf(i)),
    () => 0,
  );
  engine.broadcast(LAYOUT.MACKS, ks, 0, 16);
  try {
    for (const lane of lanes) {
      const n = blocksFor(lenOf(lane[0] as number));
      const blocksAt = LAYOUT.DATA;
      const outAt = blocksAt + n * 256;
      engine.reserve(n * 256 + 128);
      const v = engine.words();
      const m = ensureMsg(n * 64);
      for (let L = 0; L < 4; L++) {
        const j = jobs[lane[L < lane.length ? L : 0] as number] as MacJob;
        let o = putBytes(m, 0, j.ascii);
        o = putBytes(m, o, j.a);
        o = putBytes(m, o, j.b);
        writeLane(v, blocksAt, L, m, o, n, 64);
      }
      engine.hmacBlocks(LAYOUT.MACKS, blocksAt, n, outAt);
      for (let L = 0; L < lane.length; L++) {
        const t = 8 * (lane[L] as number);
        for (let w = 0; w < 8; w++) tags[t + w] = v[(outAt >> 2) + 4 * w + L] as number;
      }
    }
  } finally {
    engine.wipe();
    msg.fill(0);
  }
}
