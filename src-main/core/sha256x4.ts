import { ZERO_KEY_STATE } from './drbg.js';
import { LAYOUT } from './wasm/layout.js';
import { SHA256X4_WASM_BASE64 } from './wasm/sha256x4.wasm.js';

/**
 * Four SHA-256 lanes in WebAssembly SIMD (see wasm/sha256x4.emit.ts). Addresses
 * are byte offsets into the module's memory; data is interleaved by lane.
 */
export interface Sha256x4 {
  /** A view of the memory as words; take it again after `reserve`. */
  words(): Int32Array;
  /** Makes room for `bytes` of data from LAYOUT.DATA on. */
  reserve(bytes: number): void;
  /** Writes n words, each to all four lanes, at addr. */
  broadcast(addr: number, words: Int32Array, from: number, n: number): void;
  /** Zeroes every byte used so far: keys and keystreams do not outlive the call. */
  wipe(): void;
  compress(st: number, blk: number): void;
  keyState(k: number, ks: number): void;
  hmac32(ks: number, msg: number, out: number): void;
  hmacBlocks(ks: number, blocks: number, n: number, out: number): void;
  drbg(first: number, seed: number, nSeed: number, nOut: number, out: number): void;
}

type Exports = {
  memory: WebAssembly.Memory;
  compress(st: number, blk: number): void;
  keyState(k: number, ks: number): void;
  hmac32(ks: number, msg: number, out: number): void;
  hmacBlocks(ks: number, blocks: number, n: number, out: number): void;
  drbg(first: number, seed: number, nSeed: number, nOut: number, out: number): void;
};

let loaded: Sha256x4 | null | undefined;

/** The SIMD engine, or undefined where WebAssembly SIMD is not available (the scalar code is used then). */
export function sha256x4(): Sha256x4 | undefined {
  if (loaded === undefined) loaded = load();
  return loaded ?? undefined;
}

function load(): Sha256x4 | null {
  try {
    if (typeof WebAssembly !== 'object') return null;
    const bytes = Uint8Array.from(atob(SHA256X4_WASM_BASE64), (c) => c.charCodeAt(0));
    const e = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as Exports;
    let view = new Int32Array(e.memory.buffer);
    let used: number = LAYOUT.DATA;
    const engine: Sha256x4 = {
      words: () => view,
      reserve(n) {
        const need = LAYOUT.DATA + n;
        used = Math.max(used, need);
        if (need > e.memory.buffer.byteLength) {
          e.memory.grow(Math.ceil((need - e.memory.buffer.byteLength) / 65536));
          view = new Int32Array(e.memory.buffer);
        }
      },
      broadcast(addr, words, from, n) {
        const v = view;
        for (let j = 0; j < n; j++) {
          const x = words[from + j] as number;
          const o = (addr >> 2) + 4 * j;
          v[o] = x;
          v[o + 1] = x;
          v[o + 2] = x;
          v[o + 3] = x;
        }
      },
      wipe() {
        // The zero key's state is a public constant; everything else may hold key material.
        view.fill(0, 0, LAYOUT.ZKS >> 2);
        view.fill(0, LAYOUT.FIRST >> 2, used >> 2);
      },
      compress: e.compress,
      keyState: e.keyState,
      hmac32: e.hmac32,
      hmacBlocks: e.hmacBlocks,
      drbg: e.drbg,
    };
    engine.broadcast(LAYOUT.ZKS, ZERO_KEY_STATE, 0, 16);
    return engine;
  } catch {
    return null;
  }
}
