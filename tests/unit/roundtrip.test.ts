import { describe, expect, it } from 'vitest';
import {
  defaultLegacySuffix,
  LIMITS,
  type OpenedPointer,
  openWithSecret,
  type Pointer,
  parsePaste,
  pointerToText,
  type Result,
  type SealRequest,
  sealWithSecret,
} from '../../src-main/core/index.js';

/** mulberry32: a tiny seeded PRNG, so a failing case can be replayed from its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = process.env.CLM_TEST_SEED ? Number(process.env.CLM_TEST_SEED) : Date.now() >>> 0;
const rand = mulberry32(SEED);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const at = (what: string) => `${what} (CLM_TEST_SEED=${SEED} reproduces this run)`;

// Pools of whole code points: ASCII, accents (composed and combining), Cyrillic, CJK,
// emoji (astral, surrogate pairs, ZWJ sequences), JSON-looking and paste-repair-looking
// characters, white space of several kinds.
const POOLS: readonly (readonly string[])[] = [
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'],
  [..." .,;:!?-_()[]/'`~@#$%^&*+=|<>"],
  ['"', '\\', '{', '}', '{"v":2}', ': ', '":"', '\\u0000', '</script>'],
  [...'éèñüßçÅøŜ', 'e\u0301', 'n\u0303', 'S\u0302'],
  [...'приветмирЖЁЯ'],
  [...'漢字かなカナ한국어中文'],
  ['🚀', '🔐', '💬', '🙂', '👩‍👩‍👧', '🏳️‍🌈', '𝄞', '🇺🇦'],
  ['\n', '\r\n', '\t', ' ', '\u00A0', '\u200B', '\u2028', '\uFEFF'],
  ['“', '”', '„', '″', '«', '»'],
];

function randomText(minCp: number, maxCp: number): string {
  const n = int(minCp, maxCp);
  let s = '';
  let cps = 0;
  while (cps < n) {
    const piece = pick(pick(POOLS));
    const len = [...piece].length;
    if (cps + len > n) continue;
    s += piece;
    cps += len;
  }
  return s;
}

/** Secrets people type: mixed scripts, sometimes with white space around them. */
function randomSecret(): string {
  let core = randomText(1, 24).trim();
  if (core === '') core = 'x';
  const pad = () => pick(['', '', ' ', '  ', '\t', '\n', ' \u00A0']);
  return pad() + core + pad();
}

const B64U = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const randomSealedChat = () =>
  Array.from({ length: pick([16, 22, 22, 43, 64]) }, () => pick([...B64U])).join('');
const randomLegacyChat = () =>
  pick(['0', '1', '2', '3', '12', '9999', 'room-7', 'чат', '漢字', 'a"b', 'x\\y', 'c{1}', '🙂']);
const randomEpoch = () => pick([0, 1, 1_700_000_000 + int(0, 99_999_999), Number.MAX_SAFE_INTEGER]);
const randomNonce = () => Uint8Array.from({ length: 16 }, () => int(0, 255));

const must = <T>(r: Result<T>, what: string): T => {
  if (!r.ok) throw new Error(at(`${what}: ${r.error.code}: ${r.error.message}`));
  return r.value;
};

/** What a receiver does: the canonical text, pasted, parsed, opened. */
function pasteAndOpen(p: Pointer, secret: string, suffix?: string): Result<OpenedPointer> {
  const text = pointerToText(p);
  const items = parsePaste(text);
  expect(items, at(`one item for ${text}`)).toHaveLength(1);
  const parsed = must((items[0] as (typeof items)[number]).result, `parsing ${text}`);
  expect(pointerToText(parsed), at('canonical text is stable')).toBe(text);
  return openWithSecret(parsed, secret, suffix);
}

function expectMessage(r: Result<OpenedPointer>, req: SealRequest): void {
  const opened = must(r, `opening ${JSON.stringify(req)}`);
  expect(opened.author, at('author')).toBe(req.author);
  expect(opened.text, at('text')).toBe(req.text);
  expect(opened.epoch, at('epoch')).toBe(req.epoch);
  expect(opened.chat, at('chat')).toBe(req.chat);
  const title = req.format === 'sealed-v2' && req.title !== '' ? req.title : undefined;
  expect(opened.title, at('title')).toBe(title);
}

function randomSealedRequest(): SealRequest {
  return {
    format: 'sealed-v2',
    chat: randomSealedChat(),
    k: 12,
    epoch: randomEpoch(),
    nonce: randomNonce(),
    author: randomText(1, 64),
    text: randomText(1, pick([5, 60, 400])),
    ...(rand() < 0.5 ? { title: randomText(1, 100) } : {}),
  };
}

function randomLegacyRequest(): SealRequest {
  let author = randomText(1, 64);
  while (author.includes(': ')) author = randomText(1, 64);
  const suffix = rand() < 0.5 ? undefined : randomText(1, 20);
  return {
    format: 'legacy',
    chat: randomLegacyChat(),
    epoch: randomEpoch(),
    author,
    text: randomText(1, pick([5, 60, 400])),
    ...(suffix === undefined ? {} : { suffix }),
  };
}

describe(`random round trips (seed ${SEED})`, () => {
  it('sealed v2: seal → text → paste → open gives back author, text and title', () => {
    for (let i = 0; i < 25; i++) {
      const secret = randomSecret();
      const req = randomSealedRequest();
      const p = must(sealWithSecret(req, secret), `sealing ${JSON.stringify(req)}`);
      expectMessage(pasteAndOpen(p, secret), req);
    }
  });

  it('legacy, default and custom suffixes: seal → text → paste → open gives back author and text', () => {
    for (let i = 0; i < 200; i++) {
      const secret = randomSecret();
      const req = randomLegacyRequest();
      const p = must(sealWithSecret(req, secret), `sealing ${JSON.stringify(req)}`);
      expectMessage(pasteAndOpen(p, secret, req.suffix ?? defaultLegacySuffix(req.chat)), req);
      // Without a suffix the reader falls back to the default one, as the original did.
      if (req.suffix === undefined) expectMessage(pasteAndOpen(p, secret), req);
    }
  });

  it('sealed v2: a wrong secret is always refused with wrong-secret-or-altered', () => {
    for (let i = 0; i < 15; i++) {
      const secret = randomSecret();
      const req = randomSealedRequest();
      const p = must(sealWithSecret(req, secret), 'sealing');
      const wrong = pick([
        `${secret.trim()}x`,
        secret.trim().slice(1) || 'y',
        secret.trim().toUpperCase() === secret.trim() ? `${secret}!` : secret.toUpperCase(),
        randomSecret(),
      ]);
      if (wrong.trim().normalize('NFC') === secret.trim().normalize('NFC')) continue;
      const r = pasteAndOpen(p, wrong);
      expect(
        r.ok ? 'opened' : r.error.code,
        at(`secret ${JSON.stringify(wrong)} for ${JSON.stringify(secret)}`),
      ).toBe('wrong-secret-or-altered');
    }
  });
});

describe('secrets are trimmed and (sealed v2) NFC-normalised', () => {
  const base = { author: 'alice', text: 'Meet at the library at noon. 🙂', epoch: 1_700_000_000 };
  const nonce = new Uint8Array(16).fill(7);
  const sealed: SealRequest = { ...base, format: 'sealed-v2', chat: 'Bfl-xDKyuIY0p4UHXdcE_A', k: 12, nonce };
  const legacy: SealRequest = { ...base, format: 'legacy', chat: '3' };

  it.each([
    ['sealed v2', sealed],
    ['legacy', legacy],
  ])('%s: " s " opens what "s" sealed, and the other way round', (_n, req) => {
    const p = must(sealWithSecret(req, 'пароль дня'), 'sealing');
    for (const typed of [' пароль дня ', '\tпароль дня\n', '\u00A0пароль дня  ']) {
      expectMessage(pasteAndOpen(p, typed), req);
    }
    const q = must(sealWithSecret(req, '  пароль дня\n'), 'sealing');
    expectMessage(pasteAndOpen(q, 'пароль дня'), req);
    // Same inputs (and nonce), same bytes: the padding never reaches the key or the seed.
    expect(pointerToText(q)).toBe(pointerToText(p));
  });

  it('sealed v2: a secret typed decomposed opens what the composed form sealed, and back', () => {
    const composed = 'Ŝecret ñ café';
    const decomposed = 'S\u0302ecret n\u0303 cafe\u0301';
    expect(decomposed).not.toBe(composed);
    expect(decomposed.normalize('NFC')).toBe(composed);
    expectMessage(pasteAndOpen(must(sealWithSecret(sealed, composed), 'sealing'), decomposed), sealed);
    expectMessage(pasteAndOpen(must(sealWithSecret(sealed, decomposed), 'sealing'), composed), sealed);
  });

  it('legacy uses the bytes as typed: the decomposed secret does not open to the message', () => {
    const p = must(sealWithSecret(legacy, 'Ŝecret ñ café'), 'sealing');
    const r = pasteAndOpen(p, 'S\u0302ecret n\u0303 cafe\u0301');
    expect(r.ok && r.value.text === legacy.text).toBe(false);
  });
});

describe('what sealing refuses', () => {
  const sealed: SealRequest = {
    format: 'sealed-v2',
    chat: 'Bfl-xDKyuIY0p4UHXdcE_A',
    k: 12,
    epoch: 1,
    author: 'a',
    text: 'b',
  };
  const legacy: SealRequest = { format: 'legacy', chat: '1', epoch: 1, author: 'a', text: 'b' };
  const code = (r: Result<unknown>) => (r.ok ? 'sealed' : r.error.code);

  it('an author containing ": " cannot seal a legacy pointer (the reader would split there); sealed v2 can', () => {
    for (const author of ['bob: the builder', ': ', 'x: ', 'Алиса: 🙂']) {
      const r = sealWithSecret({ ...legacy, author }, 's');
      expect(code(r)).toBe('bad-field');
      expect(r.ok || r.error.message.length > 0).toBe(true);
      expectMessage(pasteAndOpen(must(sealWithSecret({ ...sealed, author }, 's'), 'sealing'), 's'), {
        ...sealed,
        author,
      });
    }
    // A colon without the space is fine in legacy, even at the end of the name.
    for (const author of ['a:b', 'x:', '::']) {
      const req = { ...legacy, author };
      expectMessage(pasteAndOpen(must(sealWithSecret(req, 's'), 'sealing'), 's'), req);
    }
  });

  it.each([
    ['sealed v2', sealed],
    ['legacy', legacy],
  ])('%s: an empty or blank secret is refused with empty-secret, sealing and opening', (_n, req) => {
    const p = must(sealWithSecret(req, 's'), 'sealing');
    for (const blank of ['', ' ', '\n\t', '\u00A0 ']) {
      expect(code(sealWithSecret(req, blank))).toBe('empty-secret');
      expect(code(openWithSecret(p, blank))).toBe('empty-secret');
    }
  });

  it.each([
    ['sealed v2', sealed],
    ['legacy', legacy],
  ])('%s: text up to 16384 characters seals and opens; one more is refused', (_n, req) => {
    // Characters are code points: 16384 emoji are 32768 UTF-16 units and still fit.
    for (const unit of ['a', '🚀']) {
      const max = { ...req, text: unit.repeat(LIMITS.textChars) };
      expectMessage(pasteAndOpen(must(sealWithSecret(max, 's'), 'sealing'), 's'), max);
      expect(code(sealWithSecret({ ...req, text: unit.repeat(LIMITS.textChars + 1) }, 's'))).toBe(
        'bad-field',
      );
    }
    expect(code(sealWithSecret({ ...req, text: '' }, 's'))).toBe('bad-field');
  });

  it.each([
    ['sealed v2', sealed],
    ['legacy', legacy],
  ])('%s: an author up to 64 characters seals and opens; 65 or none is refused', (_n, req) => {
    for (const unit of ['a', '漢', '🙂']) {
      const max = { ...req, author: unit.repeat(LIMITS.authorChars) };
      expectMessage(pasteAndOpen(must(sealWithSecret(max, 's'), 'sealing'), 's'), max);
      expect(code(sealWithSecret({ ...req, author: unit.repeat(LIMITS.authorChars + 1) }, 's'))).toBe(
        'bad-field',
      );
    }
    expect(code(sealWithSecret({ ...req, author: '' }, 's'))).toBe('bad-field');
  });

  it('sealed v2: a title up to 100 characters travels; 101 is refused', () => {
    const max = { ...sealed, title: '🙂'.repeat(LIMITS.titleChars) };
    expectMessage(pasteAndOpen(must(sealWithSecret(max, 's'), 'sealing'), 's'), max);
    expect(code(sealWithSecret({ ...sealed, title: 't'.repeat(LIMITS.titleChars + 1) }, 's'))).toBe(
      'bad-field',
    );
  });
});
