import { describe, expect, it } from 'vitest';
import {
  deriveSealedKey,
  type OpenedPointer,
  openSealed,
  openWithSecret,
  type PasteItem,
  parsePaste,
  pointerToText,
  type Result,
  type SealedChatKey,
} from '../../src-main/core/index.js';
import { type LegacyVector, legacyVectors, type SealedVector, sealedVectors } from './vectors.js';

type Vector = LegacyVector | SealedVector;
const isLegacy = (v: Vector): v is LegacyVector => 'suffix' in v;

const all: Vector[] = [...sealedVectors, ...legacyVectors];
const named = (vs: readonly Vector[]) =>
  vs.map((v, i) => [`${isLegacy(v) ? 'legacy' : 'sealed'} #${i} (${v.pointer.slice(0, 24)}...)`, v] as const);

// The app derives a sealed chat's key once and keeps it; so do these tests (scrypt is slow on purpose).
const keys = new Map<string, SealedChatKey>();

/** Opens one paste item with the vector's secret (and suffix), as the app would. */
function openItem(item: PasteItem | undefined, v: Vector): Result<OpenedPointer> {
  expect(item, 'a paste item for this pointer').toBeDefined();
  const r = (item as PasteItem).result;
  if (!r.ok) throw new Error(`pointer refused by the parser: ${r.error.code}: ${r.error.message}`);
  const p = r.value;
  if (p.format === 'legacy') return openWithSecret(p, v.secret, isLegacy(v) ? v.suffix : undefined);
  const id = JSON.stringify([v.secret, p.chat, p.k]);
  let key = keys.get(id);
  if (key === undefined) {
    const derived = deriveSealedKey(v.secret, p.chat, p.k);
    if (!derived.ok) return derived;
    key = derived.value;
    keys.set(id, key);
  }
  return openSealed(key, p);
}

/** The item opens to exactly the vector's message, and its repaired text is the canonical pointer. */
function expectOpensTo(item: PasteItem | undefined, v: Vector): void {
  const opened = openItem(item, v);
  expect(opened.ok, opened.ok ? '' : `${opened.error.code}: ${opened.error.message}`).toBe(true);
  if (!opened.ok) return;
  expect(opened.value.author).toBe(v.author);
  expect(opened.value.text).toBe(v.text);
  expect(opened.value.epoch).toBe(v.epoch);
  if (!isLegacy(v)) expect(opened.value.title).toBe(v.title ?? undefined);
  const r = (item as PasteItem).result;
  if (r.ok) expect(pointerToText(r.value)).toBe(v.pointer);
}

function expectRefused(item: PasteItem | undefined, code?: string): void {
  expect(item).toBeDefined();
  const r = (item as PasteItem).result;
  expect(r.ok).toBe(false);
  if (r.ok) return;
  if (code !== undefined) expect(r.error.code).toBe(code);
  expect(r.error.message.length).toBeGreaterThan(0);
}

/** The pointer with `insert` put inside the string value of `key` every `every` characters. */
function breakValue(pointer: string, key: string, insert: string, every: number): string {
  const m = new RegExp(`("${key}":\\s*")([^"]*)(")`).exec(pointer);
  if (m === null) throw new Error(`no string field ${key} in ${pointer}`);
  const value = m[2] as string;
  let broken = '';
  for (let i = 0; i < value.length; i++) broken += (i > 0 && i % every === 0 ? insert : '') + value[i];
  // Short values (legacy "c": "3") get it in the middle and on both sides instead.
  if (value.length <= every) {
    const mid = Math.ceil(value.length / 2);
    broken = insert + value.slice(0, mid) + insert + value.slice(mid) + insert;
  }
  return pointer.slice(0, m.index) + m[1] + broken + m[3] + pointer.slice(m.index + m[0].length);
}

const stringFields = (v: Vector) => (isLegacy(v) ? ['c', 'd'] : ['c', 'n', 'd', 't']);

describe('parsePaste: what a person pastes', () => {
  it.each(named(all))('one pointer: %s', (_n, v) => {
    const items = parsePaste(v.pointer);
    expect(items).toHaveLength(1);
    expect(items[0]?.offset).toBe(0);
    expect(items[0]?.text).toBe(v.pointer);
    expectOpensTo(items[0], v);
  });

  it('one pointer with white space around it', () => {
    const v = sealedVectors[0] as SealedVector;
    const items = parsePaste(`\n\n   ${v.pointer}  \r\n\t`);
    expect(items).toHaveLength(1);
    expectOpensTo(items[0], v);
  });

  it('many pointers separated by spaces and newlines, each opening to its own message, in order', () => {
    const seps = [' ', '\n', '\r\n', '\n\n', '  \t ', ''];
    let paste = '';
    const starts: number[] = [];
    all.forEach((v, i) => {
      paste += seps[i % seps.length];
      starts.push(paste.length);
      paste += v.pointer;
    });
    const items = parsePaste(paste);
    expect(items).toHaveLength(all.length);
    all.forEach((v, i) => {
      expect(items[i]?.offset).toBe(starts[i]);
      expectOpensTo(items[i], v);
    });
  });

  it('a JSON array of pointers, compact and pretty-printed', () => {
    const compact = `[${all.map((v) => v.pointer).join(',')}]`;
    const pretty = JSON.stringify(
      all.map((v) => JSON.parse(v.pointer)),
      null,
      2,
    );
    for (const paste of [compact, pretty]) {
      const items = parsePaste(paste);
      expect(items).toHaveLength(all.length);
      all.forEach((v, i) => {
        const opened = openItem(items[i], v);
        expect(opened.ok && opened.value.text).toBe(v.text);
      });
    }
  });

  describe('typographic quotes in place of "', () => {
    const quotes = [
      ['“ ” pairs', (p: string) => p.replace(/"([^"]*)"/g, '“$1”')],
      ['„ “ (German)', (p: string) => p.replace(/"([^"]*)"/g, '„$1“')],
      ['only ”', (p: string) => p.replaceAll('"', '”')],
      ['only “', (p: string) => p.replaceAll('"', '“')],
      ['only „', (p: string) => p.replaceAll('"', '„')],
      ['only ″ (double prime)', (p: string) => p.replaceAll('"', '″')],
    ] as const;
    it.each(quotes)('%s', (_name, mangle) => {
      for (const v of all) {
        const mangled = mangle(v.pointer);
        expect(mangled).not.toContain('"');
        const items = parsePaste(mangled);
        expect(items).toHaveLength(1);
        expectOpensTo(items[0], v);
      }
    });

    it('in a paste of several pointers inside prose', () => {
      const a = sealedVectors[1] as SealedVector;
      const b = legacyVectors[2] as LegacyVector;
      const paste = `Here: ${a.pointer.replace(/"([^"]*)"/g, '“$1”')}\nand “this one”: ${b.pointer.replaceAll('"', '″')}`;
      const items = parsePaste(paste);
      expect(items).toHaveLength(2);
      expectOpensTo(items[0], a);
      expectOpensTo(items[1], b);
    });
  });

  describe('white space inserted inside the values of c, n, d, t', () => {
    const inserts = [
      ['a line break', '\n'],
      ['CR LF', '\r\n'],
      ['a space', ' '],
      ['several spaces and a tab', '  \t '],
      ['NBSP', '\u00A0'],
      ['zero-width space U+200B', '\u200B'],
      ['line break then spaces (an indented wrap)', '\n    '],
    ] as const;
    it.each(inserts)('%s', (_name, insert) => {
      for (const v of all) {
        for (const key of stringFields(v)) {
          for (const every of [1, 7, 20]) {
            const broken = breakValue(v.pointer, key, insert, every);
            expect(broken).not.toBe(v.pointer);
            const items = parsePaste(broken);
            expect(items, broken).toHaveLength(1);
            expect(items[0]?.text).toBe(v.pointer);
            expectOpensTo(items[0], v);
          }
        }
      }
    });

    it('all four fields broken at once, with typographic quotes too, several pointers in one paste', () => {
      const mangle = (v: Vector) => {
        let p = v.pointer;
        for (const key of stringFields(v)) p = breakValue(p, key, key === 'd' ? '\n' : '\u200B ', 5);
        return p.replace(/"([^"]*)"/g, '“$1”');
      };
      const items = parsePaste(all.map(mangle).join('\n\n'));
      expect(items).toHaveLength(all.length);
      all.forEach((v, i) => {
        expectOpensTo(items[i], v);
      });
    });
  });

  it('a pointer wrapped in other text', () => {
    for (const v of all) {
      const paste = `here it is: ${v.pointer} thanks`;
      const items = parsePaste(paste);
      expect(items).toHaveLength(1);
      expect(items[0]?.offset).toBe('here it is: '.length);
      expectOpensTo(items[0], v);
    }
  });

  it('prose braces without quotes are not pointers: {this} and :-} around a pointer', () => {
    const v = sealedVectors[3] as SealedVector;
    const items = parsePaste(`look {this} :-} here ${v.pointer} ok {bye}`);
    expect(items).toHaveLength(1);
    expectOpensTo(items[0], v);
  });

  it('a stray { in the prose before a pointer leaves the pointer standing', () => {
    for (const v of all) {
      for (const prose of ['oops { here it is: ', '{ ', '{{{ see: ', 'a {b} c { d\n']) {
        const items = parsePaste(prose + v.pointer);
        expect(items).toHaveLength(1);
        expect(items[0]?.offset).toBe(prose.length);
        expectOpensTo(items[0], v);
      }
    }
  });

  it('a stray { followed by an odd " in the prose does not swallow the pointer after it', () => {
    const v = sealedVectors[0] as SealedVector;
    const items = parsePaste(`my { 27" screen shows: ${v.pointer}`);
    const ok = items.filter((i) => i.result.ok);
    expect(ok).toHaveLength(1);
    expectOpensTo(ok[0], v);
    for (const i of items) if (i !== ok[0]) expectRefused(i);
  });

  describe('truncated pointers', () => {
    const a = sealedVectors[1] as SealedVector;
    const b = legacyVectors[1] as LegacyVector;

    it.each(named([sealedVectors[0] as SealedVector, legacyVectors[4] as LegacyVector]))(
      'cut anywhere at the end after good ones: its own refusal, the good ones still open (%s)',
      (_n, cut) => {
        for (let len = 2; len < cut.pointer.length; len++) {
          const head = `${a.pointer}\n${b.pointer}\n`;
          const items = parsePaste(head + cut.pointer.slice(0, len));
          expect(items, `cut at ${len}`).toHaveLength(3);
          expectOpensTo(items[0], a);
          expectOpensTo(items[1], b);
          expect(items[2]?.offset).toBe(head.length);
          expectRefused(items[2], 'not-json');
        }
      },
    );

    it.each(named([sealedVectors[0] as SealedVector, legacyVectors[4] as LegacyVector]))(
      'cut anywhere in the middle: the pointers after it still open (%s)',
      (_n, cut) => {
        for (let len = 1; len < cut.pointer.length; len++) {
          const items = parsePaste(`${a.pointer}\n${cut.pointer.slice(0, len)}\n${b.pointer}`);
          const ok = items.filter((i) => i.result.ok);
          expect(ok, `cut at ${len}`).toHaveLength(2);
          expectOpensTo(ok[0], a);
          expectOpensTo(ok[1], b);
          for (const i of items) if (!i.result.ok) expectRefused(i, 'not-json');
        }
      },
    );

    it('a pointer cut inside a value gets a refusal of its own, where it was', () => {
      const cut = (sealedVectors[2] as SealedVector).pointer.slice(0, 150);
      const paste = `${a.pointer}\n${cut}\n${b.pointer}`;
      const items = parsePaste(paste);
      expect(items).toHaveLength(3);
      expectOpensTo(items[0], a);
      expect(items[1]?.offset).toBe(a.pointer.length + 1);
      expectRefused(items[1], 'not-json');
      expectOpensTo(items[2], b);
    });
  });

  it('one bad pointer among good ones never stops the rest: each item has its own result', () => {
    const good = [sealedVectors[0], legacyVectors[0], sealedVectors[5], legacyVectors[7]] as Vector[];
    const s = sealedVectors[0] as SealedVector;
    const bad: [string, string][] = [
      ['{"c": "3", "e": 1702342149, "d": "zz"}', 'bad-field'],
      ['{"v":9,"c":"AAAAAAAAAAAAAAAAAAAAAA","e":1,"d":"AA"}', 'unknown-version'],
      [s.pointer.replace('"k":12', '"k":40'), 'bad-field'],
      [s.pointer.replace(/"n":"[^"]*"/, '"n":"AAAA=="'), 'bad-field'],
      [s.pointer.replace(/"e":\d+/, '"e":"soon"'), 'bad-field'],
      ['{"v":2,"c":"Bfl-xDKyuIY0p4UHXdcE_A","k":12,}', 'not-json'],
    ];
    // good, bad, good, bad, ... so every bad one sits between good ones.
    const parts: { text: string; good?: Vector; code?: string }[] = [];
    bad.forEach(([text, code], i) => {
      const g = good[i % good.length] as Vector;
      parts.push({ text: g.pointer, good: g }, { text, code });
    });
    parts.push({ text: (good[1] as Vector).pointer, good: good[1] as Vector });
    const items = parsePaste(parts.map((p) => p.text).join('\n'));
    expect(items).toHaveLength(parts.length);
    parts.forEach((p, i) => {
      if (p.good) expectOpensTo(items[i], p.good);
      else expectRefused(items[i], p.code);
    });
  });

  it('a pointer that parses but was altered still gets its own refusal when opened; the rest open', () => {
    const a = sealedVectors[0] as SealedVector;
    const altered = a.pointer.replace(/"e":(\d+)/, (_m, e: string) => `"e":${Number(e) + 1}`);
    const items = parsePaste(`${a.pointer} ${altered} ${a.pointer}`);
    expect(items).toHaveLength(3);
    expectOpensTo(items[0], a);
    const opened = openItem(items[1], a);
    expect(opened.ok ? 'opened' : opened.error.code).toBe('wrong-secret-or-altered');
    expectOpensTo(items[2], a);
  });

  describe('input that is not a pointer at all', () => {
    it.each([
      ['', 'empty'],
      ['   \n\t  ', 'empty'],
      ['not json', 'not-json'],
      ['hello {world}', 'not-json'],
      ['[]', 'not-an-object'],
      ['"just a string"', 'not-an-object'],
      ['42', 'not-an-object'],
    ])('%j → %s', (input, code) => {
      const items = parsePaste(input);
      expect(items).toHaveLength(1);
      expectRefused(items[0], code);
    });

    it('a paste over 32 MiB is refused whole', () => {
      const items = parsePaste('x'.repeat(32 * 1024 * 1024 + 1));
      expect(items).toHaveLength(1);
      expectRefused(items[0], 'too-large');
    });
  });

  describe('adversarial input returns (each item a typed refusal)', () => {
    const inputs = [
      ['200,000 {', '{'.repeat(200_000)],
      ['{" repeated', '{"'.repeat(100_000)],
      ['{"v repeated', '{"v'.repeat(70_000)],
      ['" repeated', '"'.repeat(200_000)],
      ['{} repeated', '{}'.repeat(100_000)],
      ['{"":1} repeated', '{"":1}'.repeat(30_000)],
      ['[ nested 200,000 deep', '['.repeat(200_000)],
      ['{"a": nested objects', `${'{"a":'.repeat(40_000)}1${'}'.repeat(40_000)}`],
      ['"d":" repeated in an object', `{${'"d":"'.repeat(40_000)}`],
      ['a d value of 300 KB', `{"c": "3", "e": 1, "d": "${'ab'.repeat(150_000)}"}`],
      ['backslashes in a string', `{"c":"${'\\'.repeat(200_001)}`],
      ['white space in a value', `{"d":"${' \n'.repeat(100_000)}"}`],
    ] as const;
    it.each(inputs)('%s', (_name, input) => {
      const items = parsePaste(input);
      expect(items.length).toBeGreaterThan(0);
      const untyped = items.filter((i) => i.result.ok || i.result.error.message === '');
      expect(untyped).toEqual([]);
    });
  });
});
