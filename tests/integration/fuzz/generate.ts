/**
 * Seeded generators of bad input for the fuzz tests: every run is repeatable
 * from its seed (printed with any failure), and the full run in
 * scripts/fuzz.mjs uses the same code with larger counts.
 */

/** mulberry32: small, fast, seeded; not for secrets, only for choosing test input. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  return { next, int, pick };
}

export type Rng = ReturnType<typeof rng>;

/** How many cases: a short seeded run in `npm test`, the full run when scripts/fuzz.mjs asks. */
export const FULL = process.env.CLM_FUZZ_FULL === '1';
export const SEED = Number(process.env.CLM_FUZZ_SEED ?? 20261127) >>> 0;

const HUGE_NUMBERS = [
  '1e309',
  '-1e309',
  '9'.repeat(400),
  '1e-400',
  '0x7fffffff',
  '18446744073709551616',
  '-0',
  'NaN',
  'Infinity',
  '1.0000000000000002',
  '17.0',
  '1e3',
];

const randomBytes = (r: Rng, n: number) => {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = r.int(256);
  return b;
};

/** Random bytes read as text the ways a paste might arrive: UTF-8 (with U+FFFD), Latin-1, UTF-16 halves. */
function bytesAsText(r: Rng, n: number): string {
  const b = randomBytes(r, n);
  switch (r.int(3)) {
    case 0:
      return new TextDecoder().decode(b);
    case 1:
      return Buffer.from(b).toString('latin1');
    default:
      return String.fromCharCode(...Array.from({ length: n >> 1 }, () => r.int(0x10000)));
  }
}

function deepNesting(r: Rng): string {
  const depth = 1000 + r.int(100_000);
  const open = r.pick(['[', '{"v":', '{"a":[']);
  const close = open === '[' ? ']' : open === '{"v":' ? '}' : ']}';
  return open.repeat(depth) + r.pick(['1', '"x"', 'null']) + close.repeat(r.int(2) ? depth : depth >> 1);
}

/** One real pointer with one thing broken: a byte flipped, cut short, a field changed or a number huge. */
export function mangle(r: Rng, pointer: string): string {
  switch (r.int(8)) {
    case 0: {
      const i = r.int(pointer.length);
      return (
        pointer.slice(0, i) +
        String.fromCharCode(pointer.charCodeAt(i) ^ (1 << r.int(7))) +
        pointer.slice(i + 1)
      );
    }
    case 1:
      return pointer.slice(0, r.int(pointer.length));
    case 2:
      return pointer.replace(/"(k|e|v)":\s*\d+/, (_m, k: string) => `"${k}":${r.pick(HUGE_NUMBERS)}`);
    case 3:
      return pointer.replace(
        /"([a-z])":/,
        (_m, k: string) => `"${k}":${r.pick(['null', '[]', '{}', 'true', '"x",'])}, "${k}2":`,
      );
    case 4:
      return pointer + pointer.slice(0, r.int(pointer.length));
    case 5:
      return `${pointer.slice(0, -1)},"${'z'.repeat(r.int(5000))}":1}`;
    case 6:
      return pointer.replace(/[A-Za-z0-9_-]{8,}/, (m) => m.split('').reverse().join(''));
    default:
      return Array.from({ length: 2 + r.int(20) }, () => pointer).join(
        r.pick(['\n', ' ', '', '\u0000', '\u2028']),
      );
  }
}

export interface PasteKinds {
  readonly pointers: readonly string[];
  /** How often a 10 MB text comes (they are slow to build, so few). */
  readonly bigEvery: number;
}

/** One generated paste. `i` makes the big ones come at a fixed rhythm. */
export function paste(r: Rng, i: number, k: PasteKinds): string {
  if (k.bigEvery > 0 && i % k.bigEvery === k.bigEvery - 1) {
    const p = r.pick(k.pointers);
    // Plain text, millions of open braces, millions of empty objects: each asks the scanner for one pass.
    const filler = [
      () => 'a'.repeat(10 * 2 ** 20),
      () => '{'.repeat(5 * 2 ** 20),
      () => '{}'.repeat(5 * 2 ** 20),
    ][r.int(3)]?.() as string;
    return r.int(2) ? filler + p : `${p} ${filler}`;
  }
  switch (r.int(6)) {
    case 0:
      return bytesAsText(r, r.int(4096));
    case 1:
      return `{"v":2,"c":"${'A'.repeat(r.int(40))}","k":${r.pick(HUGE_NUMBERS)},"e":${r.pick(HUGE_NUMBERS)},"n":"${'B'.repeat(r.int(40))}","m":"${'C'.repeat(r.int(400))}"}`;
    case 2:
      return deepNesting(r);
    case 3:
    case 4:
      return mangle(r, r.pick(k.pointers));
    default:
      return `some words ${mangle(r, r.pick(k.pointers))} and ${bytesAsText(r, r.int(200))}`;
  }
}

/** A random JSON-ish value for an argument: the shapes a broken or hostile window could send. */
export function randomValue(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 3 ? 7 : 10)) {
    case 0:
      return null;
    case 1:
      return r.int(2) === 1;
    case 2:
      return r.pick([0, -1, 1.5, 2 ** 53, -(2 ** 31), Number.NaN, Number.POSITIVE_INFINITY, 1e308, 12, 17]);
    case 3:
      return bytesAsText(r, r.int(64));
    case 4:
      return r.pick(['', 'DELETE', 'x'.repeat(2000), '__proto__', 'constructor', '1', 'legacy', 'sealed-v2']);
    case 5:
      return undefined;
    case 6:
      return r.int(1000);
    case 7:
      return Array.from({ length: r.int(5) }, () => randomValue(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let j = r.int(5); j > 0; j--)
        o[r.pick(['chatId', 'text', 'secret', 'name', 'k', 'format', 'messageId', '__proto__', 'x'])] =
          randomValue(r, depth + 1);
      return o;
    }
  }
}
