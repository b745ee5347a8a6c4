import { describe, expect, it } from 'vitest';
import {
  type ChatId,
  defaultLegacySuffix,
  deriveSealedKey,
  type ErrorCode,
  type OpenedPointer,
  openLegacy,
  openSealed,
  openWithSecret,
  type PasteItem,
  parsePaste,
  type Result,
  type SealedChatKey,
} from '../../src-main/core/index.js';
import { type LegacyVector, legacyVectors, type SealedVector, sealedVectors } from './vectors.js';

/** Every refusal code there is; the type below fails to compile if ErrorCode gains one not listed. */
const CODES = [
  'empty',
  'not-json',
  'not-an-object',
  'unknown-version',
  'bad-field',
  'too-large',
  'bad-link',
  'empty-secret',
  'wrong-secret-or-altered',
  'not-a-message',
] as const satisfies readonly ErrorCode[];
const everyCodeListed: [Exclude<ErrorCode, (typeof CODES)[number]>] extends [never] ? true : false = true;

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

const B64U = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

// Keys are derived once per chat and reused, as the messenger does while a chat is unlocked.
const keys = new Map<string, { key: SealedChatKey; vector: SealedVector }>();
function keyOf(v: SealedVector): SealedChatKey {
  const id = `${v.chat}|${v.k}`;
  let entry = keys.get(id);
  if (entry === undefined) {
    const key = deriveSealedKey(v.secret, v.chat as ChatId, v.k);
    if (!key.ok) throw new Error(key.error.message);
    entry = { key: key.value, vector: v };
    keys.set(id, entry);
  }
  return entry.key;
}

/** The pointer text with the raw JSON value of `field` replaced. */
function withField(pointer: string, field: string, raw: string): string {
  const re = new RegExp(`("${field}":\\s*)("[^"]*"|[^,}]*)`);
  if (!re.test(pointer)) throw new Error(`no field ${field} in ${pointer}`);
  return pointer.replace(re, (_m, head: string) => head + raw);
}

const stringValue = (pointer: string, field: string): string => {
  const m = new RegExp(`"${field}":\\s*"([^"]*)"`).exec(pointer);
  if (m === null) throw new Error(`no string field ${field} in ${pointer}`);
  return m[1] as string;
};

const withChar = (s: string, i: number, ch: string) => s.slice(0, i) + ch + s.slice(i + 1);

type Outcome = ErrorCode | 'OPENED' | 'SEVERAL-ITEMS';

/** Pastes one changed pointer and opens it the way `open` says; what happened. */
function outcome(text: string, open: (item: PasteItem) => Result<OpenedPointer>): Outcome {
  const items = parsePaste(text);
  if (items.length !== 1) return 'SEVERAL-ITEMS';
  const item = items[0] as PasteItem;
  if (!item.result.ok) return item.result.error.code;
  const opened = open(item);
  return opened.ok ? 'OPENED' : opened.error.code;
}

const withCachedKey = (v: SealedVector) => (item: PasteItem) =>
  item.result.ok && item.result.value.format === 'sealed-v2'
    ? openSealed(keyOf(v), item.result.value)
    : { ok: false as const, error: { code: 'bad-field' as const, message: 'not sealed' } };
const withSecret = (v: SealedVector) => (item: PasteItem) =>
  item.result.ok ? openWithSecret(item.result.value, v.secret) : item.result;

const REFUSED = ['bad-field', 'wrong-secret-or-altered'];

describe('changing any single field of a sealed pointer makes it refused', () => {
  const vectors = sealedVectors.map((v, i) => [`#${i} (k=${v.k}, ${v.pointer.length} chars)`, v] as const);

  it.each(vectors)('%s: the unchanged pointer opens (the baseline the rest depend on)', (_n, v) => {
    expect(outcome(v.pointer, withCachedKey(v))).toBe('OPENED');
    expect(outcome(v.pointer, withSecret(v))).toBe('OPENED');
  });

  it.each(vectors)('%s: every valid base64url change in n, d or t, at every position', (_n, v) => {
    const wrong: string[] = [];
    for (const field of ['n', 'd', 't']) {
      const value = stringValue(v.pointer, field);
      for (let i = 0; i < value.length; i++) {
        const last = i === value.length - 1;
        // Every other character at the last position (where the canonical check bites),
        // and a spread of them elsewhere: the neighbour in the alphabet, far and near.
        const idx = B64U.indexOf(value[i] as string);
        const alts = last ? [...B64U] : [1, 2, 17, 32, 63].map((d) => B64U[(idx + d) % 64] as string);
        const byTag: string[] = [];
        for (const ch of alts) {
          if (ch === value[i]) continue;
          const changed = withField(v.pointer, field, `"${withChar(value, i, ch)}"`);
          const got = outcome(changed, withCachedKey(v));
          if (!REFUSED.includes(got)) wrong.push(`${field}[${i}]=${ch}: ${got}`);
          if (got === 'wrong-secret-or-altered') byTag.push(ch);
        }
        if (last) {
          // n and t are 16 bytes: 22 characters whose last one carries 2 bits and 4 zero bits.
          // Only the 3 other canonical spellings reach the tag; the other 60 are refused as
          // non-canonical, so no two spellings of one nonce or tag exist.
          const unusedBits = [0, 0, 4, 2][value.length % 4] as number;
          expect(byTag.length, `${field}: last character`).toBe(2 ** (6 - unusedBits) - 1);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each(vectors)('%s: k one up or down (within 12..18 opened with a key derived for it)', (_n, v) => {
    for (const k of [v.k - 1, v.k + 1]) {
      const changed = withField(v.pointer, 'k', String(k));
      const got = outcome(changed, withSecret(v));
      expect(got, `k=${k}`).toBe(k < 12 ? 'bad-field' : 'wrong-secret-or-altered');
      // The cached key of the real chat refuses it too.
      expect(outcome(changed, withCachedKey(v)), `k=${k}`).toBe(
        k < 12 ? 'bad-field' : 'wrong-secret-or-altered',
      );
    }
  });

  it.each(vectors)('%s: e one up or down, or far off', (_n, v) => {
    for (const e of [v.epoch - 1, v.epoch + 1, 0, v.epoch + 2 ** 32]) {
      const got = outcome(withField(v.pointer, 'e', String(e)), withCachedKey(v));
      expect(got, `e=${e}`).toBe('wrong-secret-or-altered');
    }
  });

  it.each(vectors)('%s: c with one character changed (opened with a key derived for the new c)', (_n, v) => {
    const c = v.chat;
    for (const i of [0, c.length >> 1, c.length - 1]) {
      const idx = B64U.indexOf(c[i] as string);
      const changed = withField(v.pointer, 'c', `"${withChar(c, i, B64U[(idx + 1) % 64] as string)}"`);
      expect(outcome(changed, withSecret(v)), `c[${i}]`).toBe('wrong-secret-or-altered');
      expect(outcome(changed, withCachedKey(v)), `c[${i}]`).toBe('wrong-secret-or-altered');
    }
    // A character outside base64url is refused before any key is derived.
    expect(outcome(withField(v.pointer, 'c', `"${withChar(c, 3, '.')}"`), withSecret(v))).toBe('bad-field');
  });

  it.each(vectors)('%s: swapping n and t, or d and t, is refused', (_n, v) => {
    const n = stringValue(v.pointer, 'n');
    const d = stringValue(v.pointer, 'd');
    const t = stringValue(v.pointer, 't');
    const nt = withField(withField(v.pointer, 'n', `"${t}"`), 't', `"${n}"`);
    expect(outcome(nt, withCachedKey(v))).toBe('wrong-secret-or-altered');
    const dt = withField(withField(v.pointer, 'd', `"${t}"`), 't', `"${d}"`);
    expect(REFUSED).toContain(outcome(dt, withCachedKey(v)));
  });
});

describe('fuzz: mangled pointers are refused with a typed error, never an exception or a hang', () => {
  const SEED = process.env.CLM_FUZZ_SEED ? Number(process.env.CLM_FUZZ_SEED) : Date.now() >>> 0;
  const ROUNDS = 20_000;
  const rand = mulberry32(SEED);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;

  const CHARS = [
    ...B64U,
    ...'0123456789abcdefABCDEF',
    ...'{}[]",:\\ \n\r\t.+-eE',
    '“',
    '”',
    '„',
    '″',
    '\u00A0',
    '\u200B',
    '\uFEFF',
    '\u0000',
    '\uD800',
    '\uDC00',
    '😀',
    'é',
    'Ж',
  ];
  const JSON_BITS = [
    '{',
    '}',
    '[',
    ']',
    '"',
    ',',
    ':',
    '\\',
    '{"',
    '"}',
    '":"',
    ',"v":2',
    ',"d":"',
    '"v":',
    'null',
    '{"v":2,',
    '\\u0000',
    '\\"',
    '\\ud800',
    '{"c":"1","e":1,"d":"00"}',
  ];
  const VALUES = [
    '1e308',
    '1e999',
    '-1',
    '-0',
    '0',
    '0.5',
    '12.5',
    '12.0',
    '1.7e9',
    '9007199254740993',
    '99999999999999999999999999',
    '-9007199254740991',
    '"12"',
    '"2"',
    '""',
    'null',
    'true',
    '[]',
    '{}',
    '[12]',
    '{"v":2}',
    'NaN',
    'Infinity',
    '11',
    '12',
    '13',
    '17',
    '18',
    '19',
    '40',
    '1',
    '2',
    '3',
    '"AAAA=="',
    '"AAAAAAAAAAAAAAAAAAAAAA"',
    '"zz"',
    '"00"',
  ];
  const FIELDS = ['v', 'c', 'k', 'e', 'n', 'd', 't'];

  interface Base {
    readonly text: string;
    readonly secret: string;
    readonly suffix: string | undefined;
    readonly message: { author: string; text: string; title?: string };
  }
  const bases: Base[] = [
    ...sealedVectors.map((v) => ({
      text: v.pointer,
      secret: v.secret,
      suffix: undefined,
      message: { author: v.author, text: v.text, ...(v.title === null ? {} : { title: v.title }) },
    })),
    ...legacyVectors.map((v: LegacyVector) => ({
      text: v.pointer,
      secret: v.secret,
      suffix: v.suffix,
      message: { author: v.author, text: v.text },
    })),
  ];

  const fieldRe = (f: string) => new RegExp(`"${f}":\\s*("[^"]*"|[^,}\\]]*)`);
  const rawValue = (s: string, f: string) => fieldRe(f).exec(s)?.[1];

  /** Changes that break the pointer, or may: each returns the new text and its name. */
  const breaking: ((s: string) => [string, string])[] = [
    (s) => {
      const i = int(s.length);
      const ch = pick(CHARS);
      return [withChar(s, i, ch), `set [${i}] to ${JSON.stringify(ch)}`];
    },
    (s) => {
      const i = int(s.length + 1);
      const ins = Array.from({ length: 1 + int(3) }, () => pick(CHARS)).join('');
      return [s.slice(0, i) + ins + s.slice(i), `insert ${JSON.stringify(ins)} at ${i}`];
    },
    (s) => {
      const i = int(s.length);
      const n = 1 + int(8);
      return [s.slice(0, i) + s.slice(i + n), `delete ${n} at ${i}`];
    },
    (s) => {
      const i = int(s.length + 1);
      const bit = pick(JSON_BITS);
      return [s.slice(0, i) + bit + s.slice(i), `splice ${JSON.stringify(bit)} at ${i}`];
    },
    (s) => {
      const numbers = [...s.matchAll(/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g)];
      if (numbers.length === 0) return [s, 'no number'];
      const m = pick(numbers);
      const val = pick(VALUES);
      const at = m.index ?? 0;
      return [s.slice(0, at) + val + s.slice(at + m[0].length), `number at ${at} → ${val}`];
    },
    (s) => {
      const n = int(s.length);
      return [s.slice(0, n), `truncate to ${n}`];
    },
    (s) => {
      const f = pick(FIELDS);
      const val = rand() < 0.5 ? (rawValue(s, pick(FIELDS)) ?? pick(VALUES)) : pick(VALUES);
      const dup = `"${f}":${val}`;
      const out = rand() < 0.5 ? s.replace(/}\s*$/, `,${dup}}`) : s.replace(/^\s*{/, `{${dup},`);
      return [out, `duplicate key ${dup}`];
    },
    (s) => {
      const [f, g] = [pick(FIELDS), pick(FIELDS)];
      const [a, b] = [rawValue(s, f), rawValue(s, g)];
      if (a === undefined || b === undefined) return [s, `no ${f}/${g} to swap`];
      const swapped = s.replace(fieldRe(f), `"${f}":\u0001`).replace(fieldRe(g), `"${g}":${a}`);
      return [swapped.replace('\u0001', b), `swap ${f} and ${g}`];
    },
    (s) => {
      const f = pick(FIELDS);
      const val =
        rand() < 0.02
          ? `"${'A'.repeat(300_000)}"`
          : rand() < 0.5
            ? pick(VALUES)
            : `"${Array.from({ length: int(40) }, () => pick([...B64U])).join('')}"`;
      return [
        rawValue(s, f) === undefined ? s : s.replace(fieldRe(f), `"${f}":${val}`),
        `set ${f} to ${val.slice(0, 40)}`,
      ];
    },
    (s) => {
      const f = pick(FIELDS);
      return [s.replace(new RegExp(`"${f}":\\s*("[^"]*"|[^,}]*),?`), ''), `remove ${f}`];
    },
    (s) => {
      const f = pick(['c', 'n', 'd', 't']);
      const v = rawValue(s, f);
      if (v === undefined || v.length < 3 || !v.startsWith('"')) return [s, `no ${f}`];
      const i = 1 + int(v.length - 2);
      const ch = pick([...B64U]);
      return [s.replace(fieldRe(f), `"${f}":${withChar(v, i, ch)}`), `${f}[${i - 1}] → ${ch}`];
    },
    (s) => {
      const other = pick(bases).text;
      return [pick([`${s}\n${other}`, `[${s},${other}]`, `${other} ${s}`]), 'next to another pointer'];
    },
  ];

  const Q = '"“”„″';
  /** Changes a messenger makes that the reader repairs: the pointer must still open. */
  const repairable: ((s: string) => [string, string])[] = [
    (s) => {
      const f = pick(['c', 'n', 'd', 't']);
      // Quotes may already be typographic here: any of them delimits the value.
      const m = new RegExp(`([${Q}]${f}[${Q}]:\\s*[${Q}])([^${Q}]*)[${Q}]`).exec(s);
      if (m === null) return [s, `no ${f}`];
      const at = (m.index ?? 0) + (m[1] as string).length + int((m[2] as string).length + 1);
      const ws = pick(['\n', '\r\n', ' ', '\u00A0', '\u200B', '\n  ', '\t']);
      return [s.slice(0, at) + ws + s.slice(at), `white space in ${f}`];
    },
    (s) => {
      const q = pick(['“', '”', '„', '″']);
      return [s.replace(/"/g, (x) => (rand() < 0.5 ? q : x)), `some " → ${q}`];
    },
    (s) => [
      `${pick(['here it is: ', 'Re: ', '>> ', '(see below)\n'])}${s}${pick([' thanks', '\n-- \nsent from phone', ''])}`,
      'prose around',
    ],
    (s) => {
      const seps = [...s.matchAll(/[,:{]/g)];
      if (seps.length === 0) return [s, 'no separator'];
      const at = (pick(seps).index ?? 0) + 1;
      return [s.slice(0, at) + pick([' ', '\n', '\r\n', '\t']) + s.slice(at), 'JSON white space'];
    },
  ];

  it(`${ROUNDS} random mutations (seed ${SEED}; CLM_FUZZ_SEED=${SEED} replays it)`, {
    timeout: 30_000,
  }, () => {
    expect(everyCodeListed).toBe(true);
    for (const v of sealedVectors) keyOf(v);
    let freshKeys = 0;
    let failure: string | undefined;
    const counts: Record<string, number> = {};

    const typed = (r: Result<unknown>, what: string): string | undefined => {
      if (typeof r !== 'object' || r === null) return `${what}: not a result: ${String(r)}`;
      if (r.ok === true) return r.value === undefined ? `${what}: ok without a value` : undefined;
      if (r.ok !== false) return `${what}: ok is ${String((r as { ok: unknown }).ok)}`;
      if (!(CODES as readonly string[]).includes(r.error.code))
        return `${what}: unknown code ${r.error.code}`;
      if (typeof r.error.message !== 'string' || r.error.message.trim() === '')
        return `${what}: empty message`;
      return undefined;
    };

    for (let round = 0; round < ROUNDS && failure === undefined; round++) {
      const base = pick(bases);
      let text = base.text;
      const steps: string[] = [];
      const onlyRepairs = rand() < 0.15;
      for (let n = 1 + int(3); n > 0; n--) {
        const [next, step] = pick(onlyRepairs ? repairable : rand() < 0.2 ? repairable : breaking)(text);
        text = next;
        steps.push(step);
      }
      const where = () =>
        `seed ${SEED}, round ${round}: ${steps.join('; ')}\n  pasted: ${JSON.stringify(text.slice(0, 400))}`;
      try {
        const items = parsePaste(text);
        if (!Array.isArray(items) || items.length === 0) {
          failure = `no items (${where()})`;
          break;
        }
        let opened = 0;
        for (const item of items) {
          const bad =
            typed(item.result, 'parse') ??
            (Number.isInteger(item.offset) && item.offset >= 0 && item.offset <= text.length
              ? undefined
              : `offset ${item.offset}`);
          if (bad !== undefined) {
            failure = `${bad} (${where()})`;
            break;
          }
          if (!item.result.ok) {
            counts[item.result.error.code] = (counts[item.result.error.code] ?? 0) + 1;
            continue;
          }
          const p = item.result.value;
          let r: Result<OpenedPointer>;
          let expected: Base['message'] | undefined;
          if (p.format === 'legacy') {
            // No tag: a changed legacy pointer may "open" to other text; it only must not throw.
            r = openLegacy(base.secret, base.suffix ?? defaultLegacySuffix(p.chat), p);
          } else {
            const entry = keys.get(`${p.chat}|${p.k}`);
            if (entry !== undefined) {
              r = openSealed(entry.key, p);
              expected = bases.find((b) => b.text === entry.vector.pointer)?.message;
            } else if (p.k === 12 && freshKeys < 25) {
              // A changed c: derive its key (cheaply, k=12 only) and check the tag refuses it.
              freshKeys++;
              r = openWithSecret(p, base.secret);
            } else {
              // Any other c or k: the chat's real key refuses it without deriving a new one.
              r = openSealed(keyOf(pick(sealedVectors)), p);
            }
          }
          const badOpen = typed(r, 'open');
          if (badOpen !== undefined) {
            failure = `${badOpen} (${where()})`;
            break;
          }
          const code = r.ok ? `opened ${p.format}` : r.error.code;
          counts[code] = (counts[code] ?? 0) + 1;
          if (r.ok) {
            opened++;
            // A sealed pointer that opens says exactly what was sealed: nothing else gets past the tag.
            const m = r.value;
            const same =
              expected !== undefined &&
              m.author === expected.author &&
              m.text === expected.text &&
              m.title === expected.title;
            if (p.format === 'sealed-v2' && !same) {
              failure = `a changed sealed pointer opened to ${JSON.stringify(m)} (${where()})`;
            }
          }
        }
        if (failure === undefined && onlyRepairs && (items.length !== 1 || opened !== 1)) {
          failure = `a repairable paste did not open: ${JSON.stringify(items.map((i) => (i.result.ok ? 'ok' : i.result.error.code)))} (${where()})`;
        }
      } catch (e) {
        failure = `threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)} (${where()})`;
      }
    }
    expect(failure, `fuzz seed ${SEED}`).toBeUndefined();
    // The fuzz reached both sides: refusals of several kinds, and pointers that still opened.
    expect(counts['opened sealed-v2'] ?? 0, JSON.stringify(counts)).toBeGreaterThan(100);
    expect(counts['opened legacy'] ?? 0, JSON.stringify(counts)).toBeGreaterThan(100);
    for (const code of ['not-json', 'bad-field', 'wrong-secret-or-altered']) {
      expect(counts[code] ?? 0, `${code}: ${JSON.stringify(counts)}`).toBeGreaterThan(100);
    }
  });
});
