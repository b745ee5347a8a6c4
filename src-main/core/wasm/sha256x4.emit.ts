/**
 * Emits the WebAssembly module that runs four SHA-256 computations at once, one
 * per 32-bit lane of a v128 (WebAssembly SIMD). Run by `scripts/build-wasm.ts`,
 * which embeds the bytes in `sha256x4.wasm.ts`; a unit test re-emits them to
 * check the embedded copy is current. Nothing here runs in the product.
 *
 * Memory holds four lanes interleaved: word j of lanes 0..3 is the v128 at
 * base + 16 * j. A state is 8 vectors, a block 16, a key state 16 (inner
 * state after the ipad block, then outer state after the opad block).
 */

import { LAYOUT } from './layout.js';

const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
];
/** Words 8..15 of the block that pads a 32-byte message after a 64-byte key block (96 bytes). */
const PAD32 = [0x80000000, 0, 0, 0, 0, 0, 0, 96 * 8];
const V0 = 0x01010101;
const IPAD = 0x36363636;
const OPAD = 0x5c5c5c5c;

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};

const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
};

const I32 = 0x7f;
const V128 = 0x7b;

/** One function body, written as a stack-machine instruction list. */
class Body {
  readonly code: number[] = [];
  constructor(
    readonly params: number,
    readonly v128Locals = 0,
  ) {}
  get(i: number) {
    this.code.push(0x20, ...uleb(i));
    return this;
  }
  set(i: number) {
    this.code.push(0x21, ...uleb(i));
    return this;
  }
  i32(n: number) {
    this.code.push(0x41, ...sleb(n | 0));
    return this;
  }
  op(...b: number[]) {
    this.code.push(...b);
    return this;
  }
  simd(op: number, ...imm: number[]) {
    this.code.push(0xfd, ...uleb(op), ...imm);
    return this;
  }
  load(offset: number) {
    return this.simd(0x00, 4, ...uleb(offset));
  }
  store(offset: number) {
    return this.simd(0x0b, 4, ...uleb(offset));
  }
  splat(word: number) {
    const bytes: number[] = [];
    for (let l = 0; l < 4; l++)
      bytes.push(word & 255, (word >>> 8) & 255, (word >>> 16) & 255, (word >>> 24) & 255);
    return this.simd(0x0c, ...bytes);
  }
  call(f: number) {
    return this.op(0x10, ...uleb(f));
  }
  /** Pushes an i32 address: a parameter/local, or a constant. */
  addr(a: Addr) {
    return typeof a === 'number' ? this.i32(a) : this.get(a.local);
  }
  /** Copies n vectors from one address to another. */
  copy(from: Addr, to: Addr, n: number, fromOff = 0, toOff = 0) {
    for (let j = 0; j < n; j++)
      this.addr(to)
        .addr(from)
        .load(fromOff + 16 * j)
        .store(toOff + 16 * j);
    return this;
  }
  /** Stores a broadcast word into n vectors. */
  fill(to: Addr, words: readonly number[], toOff = 0) {
    for (let j = 0; j < words.length; j++)
      this.addr(to)
        .splat(words[j] as number)
        .store(toOff + 16 * j);
    return this;
  }
  encode(): number[] {
    const locals = this.v128Locals > 0 ? [1, ...uleb(this.v128Locals), V128] : [0];
    const body = [...locals, ...this.code, 0x0b];
    return [...uleb(body.length), ...body];
  }
}

type Addr = number | { local: number };
const p = (local: number): Addr => ({ local });

const SHR_U = 0xad;
const SHL = 0xab;
const ADD = 0xae;
const XOR = 0x51;
const AND = 0x4e;
const OR = 0x50;
const BITSELECT = 0x52;

// Function indices, in the order they are defined.
const F = { compress: 0, absorb: 1, outer: 2, keyState: 3, hmac32: 4, hmacBlocks: 5, drbg: 6 } as const;

/** compress(st, blk): the 64 rounds, unrolled, with the variables renamed instead of moved. */
function compress(): Body {
  // locals: 0 st, 1 blk; v128 locals 2..9 the working variables, 10..25 the schedule, 26..27 temporaries.
  const f = new Body(2, 26);
  const w = (j: number) => 10 + (j & 15);
  const T1 = 26;
  const T2 = 27;
  const rotr = (x: number, n: number) =>
    f
      .get(x)
      .i32(n)
      .simd(SHR_U)
      .get(x)
      .i32(32 - n)
      .simd(SHL)
      .simd(OR);
  for (let j = 0; j < 16; j++)
    f.get(1)
      .load(16 * j)
      .set(w(j));
  const r = [2, 3, 4, 5, 6, 7, 8, 9];
  for (let j = 0; j < 8; j++)
    f.get(0)
      .load(16 * j)
      .set(r[j] as number);
  for (let i = 0; i < 64; i++) {
    if (i >= 16) {
      const x = w(i - 15);
      const y = w(i - 2);
      // w[i] = s1(w[i-2]) + w[i-7] + s0(w[i-15]) + w[i-16]
      rotr(y, 17);
      rotr(y, 19).simd(XOR);
      f.get(y).i32(10).simd(SHR_U).simd(XOR);
      f.get(w(i - 7)).simd(ADD);
      rotr(x, 7);
      rotr(x, 18).simd(XOR);
      f.get(x).i32(3).simd(SHR_U).simd(XOR);
      f.simd(ADD).get(w(i)).simd(ADD).set(w(i));
    }
    const [a, b, c, d, e, ff, g, h] = r as [number, number, number, number, number, number, number, number];
    // T1 = h + S1(e) + Ch(e, f, g) + K[i] + w[i]; Ch is a bit select of f and g by e.
    f.get(h);
    rotr(e, 6);
    rotr(e, 11).simd(XOR);
    rotr(e, 25).simd(XOR).simd(ADD);
    f.get(ff).get(g).get(e).simd(BITSELECT).simd(ADD);
    f.splat(K[i] as number).simd(ADD);
    f.get(w(i)).simd(ADD).set(T1);
    // T2 = S0(a) + Maj(a, b, c); Maj selects a where a and b agree, else c.
    rotr(a, 2);
    rotr(a, 13).simd(XOR);
    rotr(a, 22).simd(XOR);
    f.get(c).get(a).get(a).get(b).simd(XOR).simd(BITSELECT).simd(ADD).set(T2);
    // d + T1 becomes e; T1 + T2 becomes a; the locals of d and h are reused for them.
    f.get(d).get(T1).simd(ADD).set(d);
    f.get(T1).get(T2).simd(ADD).set(h);
    r.splice(0, 8, h, a, b, c, d, e, ff, g);
  }
  for (let j = 0; j < 8; j++) {
    f.get(0)
      .get(0)
      .load(16 * j)
      .get(r[j] as number)
      .simd(ADD)
      .store(16 * j);
  }
  return f;
}

/** absorb(state, blocks, n): compresses n consecutive blocks into state. */
function absorb(): Body {
  const f = new Body(3);
  f.op(0x02, 0x40, 0x03, 0x40); // block, loop
  f.get(2).op(0x45).op(0x0d, 1); // n == 0: leave
  f.get(0).get(1).call(F.compress);
  f.get(1).i32(256).op(0x6a).set(1);
  f.get(2).i32(1).op(0x6b).set(2);
  f.op(0x0c, 0, 0x0b, 0x0b); // br loop; end; end
  return f;
}

/** outer(ks, inner, out): the outer hash of an HMAC over an inner digest. */
function outer(): Body {
  const f = new Body(3);
  f.copy(p(1), LAYOUT.B, 8).fill(LAYOUT.B, PAD32, 128);
  f.copy(p(0), LAYOUT.S, 8, 128);
  f.i32(LAYOUT.S).i32(LAYOUT.B).call(F.compress);
  f.copy(LAYOUT.S, p(2), 8);
  return f;
}

/** keyState(k, ks): the key state of a 32-byte key. */
function keyState(): Body {
  const f = new Body(2);
  for (let j = 0; j < 8; j++)
    f.i32(LAYOUT.B)
      .get(0)
      .load(16 * j)
      .splat(IPAD)
      .simd(XOR)
      .store(16 * j);
  f.fill(LAYOUT.B, new Array(8).fill(IPAD), 128);
  f.fill(p(1), IV);
  f.get(1).i32(LAYOUT.B).call(F.compress);
  for (let j = 0; j < 16; j++)
    f.i32(LAYOUT.B)
      .i32(LAYOUT.B)
      .load(16 * j)
      .splat(IPAD ^ OPAD)
      .simd(XOR)
      .store(16 * j);
  f.fill(p(1), IV, 128);
  f.get(1).i32(128).op(0x6a).i32(LAYOUT.B).call(F.compress);
  return f;
}

/** hmac32(ks, msg, out): HMAC of a 32-byte message; msg and out may be the same. */
function hmac32(): Body {
  const f = new Body(3);
  f.copy(p(1), LAYOUT.B, 8).fill(LAYOUT.B, PAD32, 128);
  f.copy(p(0), LAYOUT.S, 8);
  f.i32(LAYOUT.S).i32(LAYOUT.B).call(F.compress);
  f.get(0).i32(LAYOUT.S).get(2).call(F.outer);
  return f;
}

/** hmacBlocks(ks, blocks, n, out): HMAC of a message already padded into n blocks (counting the key block). */
function hmacBlocks(): Body {
  const f = new Body(4);
  f.copy(p(0), LAYOUT.I, 8);
  f.i32(LAYOUT.I).get(1).get(2).call(F.absorb);
  f.get(0).i32(LAYOUT.I).get(3).call(F.outer);
  return f;
}

/**
 * drbg(first, seed, nSeed, nOut, out): HMAC_DRBG instantiation and nOut
 * outputs of 32 bytes. `seed` holds nSeed blocks of V || b || seed, padded
 * for a 64-byte key block ahead; their first 33 bytes are filled in here.
 * `first`, if not 0, is the state after block 0 in the first step (see drbg.ts).
 */
function drbg(): Body {
  const f = new Body(5);
  const setB = (b: number) =>
    f
      .get(1)
      .get(1)
      .load(128)
      .splat(0x00ffffff)
      .simd(AND)
      .splat(b << 24)
      .simd(OR)
      .store(128);
  // K = HMAC(0, V0 || 0x00 || seed)
  f.fill(p(1), new Array(8).fill(V0));
  setB(0);
  f.get(0).op(0x04, 0x40); // if first
  f.copy(p(0), LAYOUT.I, 8);
  f.i32(LAYOUT.I).get(1).i32(256).op(0x6a).get(2).i32(1).op(0x6b).call(F.absorb);
  f.op(0x05); // else
  f.copy(LAYOUT.ZKS, LAYOUT.I, 8);
  f.i32(LAYOUT.I).get(1).get(2).call(F.absorb);
  f.op(0x0b);
  f.i32(LAYOUT.ZKS).i32(LAYOUT.I).i32(LAYOUT.K).call(F.outer);
  f.i32(LAYOUT.K).i32(LAYOUT.KS).call(F.keyState);
  f.fill(LAYOUT.V, new Array(8).fill(V0));
  f.i32(LAYOUT.KS).i32(LAYOUT.V).i32(LAYOUT.V).call(F.hmac32);
  // K = HMAC(K, V || 0x01 || seed)
  f.copy(LAYOUT.V, p(1), 8);
  setB(1);
  f.copy(LAYOUT.KS, LAYOUT.I, 8);
  f.i32(LAYOUT.I).get(1).get(2).call(F.absorb);
  f.i32(LAYOUT.KS).i32(LAYOUT.I).i32(LAYOUT.K).call(F.outer);
  f.i32(LAYOUT.K).i32(LAYOUT.KS).call(F.keyState);
  f.i32(LAYOUT.KS).i32(LAYOUT.V).i32(LAYOUT.V).call(F.hmac32);
  // generate: V = HMAC(K, V), nOut times, each V written out
  f.op(0x02, 0x40, 0x03, 0x40);
  f.get(3).op(0x45).op(0x0d, 1);
  f.i32(LAYOUT.KS).i32(LAYOUT.V).i32(LAYOUT.V).call(F.hmac32);
  f.copy(LAYOUT.V, p(4), 8);
  f.get(4).i32(128).op(0x6a).set(4);
  f.get(3).i32(1).op(0x6b).set(3);
  f.op(0x0c, 0, 0x0b, 0x0b);
  return f;
}

const section = (id: number, content: number[]) => [id, ...uleb(content.length), ...content];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (s: string) => [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))];

export function emitSha256x4(): Uint8Array {
  const bodies = [compress(), absorb(), outer(), keyState(), hmac32(), hmacBlocks(), drbg()];
  const arities = [...new Set(bodies.map((b) => b.params))].sort();
  const types = arities.map((n) => [0x60, ...uleb(n), ...new Array(n).fill(I32), 0]);
  const exports: [string, number, number][] = [
    ['memory', 2, 0],
    ['compress', 0, F.compress],
    ['keyState', 0, F.keyState],
    ['hmac32', 0, F.hmac32],
    ['hmacBlocks', 0, F.hmacBlocks],
    ['drbg', 0, F.drbg],
  ];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(3, vec(bodies.map((b) => uleb(arities.indexOf(b.params))))),
    ...section(5, vec([[0x00, ...uleb(2)]])), // one memory, 2 pages to start, grown by the caller
    ...section(7, vec(exports.map(([n, kind, i]) => [...name(n), kind, ...uleb(i)]))),
    ...section(10, vec(bodies.map((b) => b.encode()))),
  ];
  return Uint8Array.from(bytes);
}
