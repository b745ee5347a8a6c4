import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import {
  type ChatId,
  deriveSealedKey,
  drbgKeystream,
  type LegacyPointer,
  openLegacy,
  openLegacyMany,
  openSealed,
  openSealedMany,
  type Result,
  type SealedPointer,
  sealLegacy,
  sealSealed,
  utf8,
  xorInto,
} from '../../src-main/core/index.js';
import { openLegacyManyWith, openSealedManyWith } from '../../src-main/core/open-many.js';
import { sealedKeyFromBytes } from '../../src-main/core/sealed-key.js';
import { sha256x4 } from '../../src-main/core/sha256x4.js';
import { embeddedWasmSource } from '../../src-main/core/wasm/embed.js';

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const randInt = (n: number) => Math.floor(Math.random() * n);
const flip = (b: Uint8Array, i: number) => {
  const c = b.slice();
  c[i % c.length] = (c[i % c.length] as number) ^ (1 << randInt(8));
  return c;
};
const texts = [
  'hi',
  'Meet at the library at noon, bring the blue notebook.',
  'ü€😀 '.repeat(20),
  'x'.repeat(700),
];

const simd = sha256x4();
const engines = [
  ['WebAssembly SIMD', simd],
  ['scalar', undefined],
] as const;

describe('the bulk engine', () => {
  it('is available in Node, so the SIMD path below is really exercised', () => {
    expect(simd).toBeDefined();
  });

  it('is built from the committed emitter (run `npx tsx scripts/build-wasm.ts` after changing it)', () => {
    const embedded = fileURLToPath(new URL('../../src-main/core/wasm/sha256x4.wasm.ts', import.meta.url));
    expect(readFileSync(embedded, 'utf8')).toBe(embeddedWasmSource());
  });
});

function legacyPaste(secret: string, suffix: string, chat: string): LegacyPointer[] {
  const out: LegacyPointer[] = [];
  for (let i = 0; i < 90; i++) {
    const epoch = [0, 7, 99_999, 1_754_660_317 + i, 2 ** 53 - 1][i % 5] as number;
    const text = `${texts[i % texts.length]} ${i}`.slice(0, 16384);
    const p = must(sealLegacy(secret, suffix, { chat, author: `a${i}`, text, epoch }));
    if (i % 6 === 1)
      out.push({ ...p, data: flip(p.data, randInt(1000)) }); // tampered
    else if (i % 6 === 2)
      out.push(must(sealLegacy(`${secret}!`, suffix, { chat, author: 'b', text, epoch })));
    else if (i % 6 === 3)
      out.push({ ...p, data: random(1 + randInt(100)) }); // noise
    else if (i % 6 === 4)
      out.push({ ...p, epoch: p.epoch === 0 ? 1 : p.epoch - 1 }); // moved in time
    else out.push(p);
  }
  return out;
}

describe.each(engines)('openLegacyMany (%s) answers as openLegacy one by one', (_name, engine) => {
  it.each([
    ['a short secret (seed prefix under 31 bytes)', 'pw', 'chat_3'],
    ['a long secret (first block cached)', 'correct horse battery staple, and then some more', 'chat_3'],
    ['a secret of non-ASCII text', ' Ünïcødé 秘密 secret 🔑 ', 'chat_\u00e9'],
    ['a secret of exactly 31 bytes of prefix', 'abcdefghijklmnopqrstuvw', 'chat_3'],
  ])('%s', (_why, secret, suffix) => {
    const ps = legacyPaste(secret, suffix, '3');
    const expected = ps.map((p) => openLegacy(secret, suffix, p));
    expect(expected.filter((r) => r.ok).length).toBeGreaterThan(20);
    expect(expected.filter((r) => !r.ok).length).toBeGreaterThan(20);
    expect(openLegacyManyWith(engine, secret, suffix, ps)).toEqual(expected);
  });

  it('refuses every pointer alike for an empty secret, and opens an empty list to an empty list', () => {
    const ps = legacyPaste('pw', 'chat_3', '3').slice(0, 5);
    expect(openLegacyManyWith(engine, '  ', 'chat_3', ps)).toEqual(
      ps.map((p) => openLegacy('  ', 'chat_3', p)),
    );
    expect(openLegacyManyWith(engine, 'pw', 'chat_3', [])).toEqual([]);
  });
});

describe.each(engines)('openSealedMany (%s) answers as openSealed one by one', (_name, engine) => {
  const chat = 'H3924_KChejnAg4xKOwvQw' as ChatId;
  const key = must(deriveSealedKey('correct horse battery staple', chat, 12));
  const otherKey = must(deriveSealedKey('wrong horse', chat, 12));

  /** Authentic, but its plaintext is not a message: tag made over arbitrary data. */
  const notAMessage = (plaintext: Uint8Array, epoch: number): SealedPointer => {
    const nonce = random(16);
    const data = xorInto(plaintext, drbgKeystream(new Uint8Array([...key.enc, ...nonce]), plaintext.length));
    const tag = key.mac(utf8(`CLM2|${chat}|12|${epoch}|`), nonce, data).slice(0, 16);
    return { format: 'sealed-v2', chat, k: 12, epoch, nonce, data, tag };
  };

  it('on a mixed paste: good, tampered in each field, other keys, not messages', () => {
    const ps: SealedPointer[] = [];
    for (let i = 0; i < 120; i++) {
      const text = `${texts[i % texts.length]} ${i}`;
      const epoch = [0, 12, 1_754_660_317 + i][i % 3] as number;
      const title = i % 4 === 0 ? { title: `title ${i}` } : {};
      const p = must(sealSealed(key, { author: `a${i}`, text, epoch, nonce: random(16), ...title }));
      switch (i % 10) {
        case 1:
          ps.push({ ...p, tag: flip(p.tag, i) });
          break;
        case 2:
          ps.push({ ...p, data: flip(p.data, i) });
          break;
        case 3:
          ps.push({ ...p, nonce: flip(p.nonce, i) });
          break;
        case 4:
          ps.push({ ...p, epoch: p.epoch + 1 });
          break;
        case 5:
          ps.push({ ...p, chat: 'AAAAAAAAAAAAAAAAAAAAAA' as ChatId });
          break;
        case 6:
          ps.push({ ...p, k: 13 });
          break;
        case 7:
          ps.push(must(sealSealed(otherKey, { author: 'b', text, epoch, nonce: random(16) })));
          break;
        case 8:
          ps.push(notAMessage(i % 20 === 8 ? random(1 + randInt(90)) : utf8(`{"a":"","m":"${i}"}`), epoch));
          break;
        default:
          ps.push(p);
      }
    }
    ps.push(notAMessage(new Uint8Array(0), 5));
    const expected = ps.map((p) => openSealed(key, p));
    const codes = new Set(expected.map((r) => (r.ok ? 'ok' : r.error.code)));
    expect([...codes].sort()).toEqual(['not-a-message', 'ok', 'wrong-secret-or-altered']);
    expect(openSealedManyWith(engine, key, ps)).toEqual(expected);
  });

  it('opens an empty list to an empty list', () => {
    expect(openSealedManyWith(engine, key, [])).toEqual([]);
  });

  it('answers alike for a key whose chat id is outside the spec (not ASCII), as stored data might hold', () => {
    const odd = sealedKeyFromBytes('chät-ïd-ôutside-the-spec' as ChatId, 12, random(64));
    const ps = [1, 40, 90].map((n) =>
      must(sealSealed(odd, { author: 'a', text: 'é'.repeat(n), epoch: n, nonce: random(16) })),
    );
    const expected = ps.map((p) => openSealed(odd, p));
    expect(expected.every((r) => r.ok)).toBe(true);
    expect(openSealedManyWith(engine, odd, ps)).toEqual(expected);
  });
});

describe('the exported bulk functions', () => {
  it('give the one-by-one results', () => {
    const ps = legacyPaste('pw', 'chat_3', '3');
    expect(openLegacyMany('pw', 'chat_3', ps)).toEqual(ps.map((p) => openLegacy('pw', 'chat_3', p)));
    const key = must(deriveSealedKey('pw', 'H3924_KChejnAg4xKOwvQw' as ChatId, 12));
    const sp = [0, 1, 2, 3, 4].map((i) =>
      must(sealSealed(key, { author: 'a', text: 't'.repeat(i * 40 + 1), epoch: i, nonce: random(16) })),
    );
    expect(openSealedMany(key, sp)).toEqual(sp.map((p) => openSealed(key, p)));
  });
});

/** A WebAssembly.Module that refuses the module, as a runtime without SIMD does. */
class RefusingModule {
  constructor() {
    throw new WebAssembly.CompileError('SIMD unsupported');
  }
}

describe('without WebAssembly SIMD', () => {
  it('the bulk functions fall back to the scalar code and answer the same', async () => {
    vi.resetModules();
    // A runtime whose WebAssembly refuses the SIMD module, as one without SIMD does.
    vi.stubGlobal('WebAssembly', { Module: RefusingModule, Instance: WebAssembly.Instance });
    try {
      const fresh = await import('../../src-main/core/index.js');
      const engine = await import('../../src-main/core/sha256x4.js');
      expect(engine.sha256x4()).toBeUndefined();
      const ps = legacyPaste('pw', 'chat_3', '3');
      expect(fresh.openLegacyMany('pw', 'chat_3', ps)).toEqual(ps.map((p) => openLegacy('pw', 'chat_3', p)));
      const key = must(fresh.deriveSealedKey('pw', 'H3924_KChejnAg4xKOwvQw' as ChatId, 12));
      const sp = [1, 50, 100].map((n) =>
        must(fresh.sealSealed(key, { author: 'a', text: 't'.repeat(n), epoch: n, nonce: random(16) })),
      );
      expect(fresh.openSealedMany(key, sp)).toEqual(sp.map((p) => fresh.openSealed(key, p)));
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});
