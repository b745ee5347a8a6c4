import { LIMITS } from '../../src-shared/limits.js';
import { base64UrlBytes, decodeBase64UrlInto, fromHex, toBase64Url, toHex } from './bytes.js';
import type { ChatId, LegacyPointer, Pointer, SealedPointer } from './pointer-types.js';
import { SEALED_CHAT_RE } from './pointer-types.js';
import { fail, ok, type Result } from './result.js';

const badField = (field: string, why: string) => fail('bad-field', `This pointer's "${field}" field ${why}.`);

/** Parses one pointer's JSON text by the strict rules of the spec (no repairs here). */
export function parsePointer(text: string): Result<Pointer> {
  // A UTF-16 unit is at most 3 UTF-8 bytes, so most texts need no encoding to be measured.
  if (text.length * 3 > LIMITS.pointerBytes && utf8Length(text) > LIMITS.pointerBytes) {
    return fail('too-large', 'This text is larger than 256 KiB, far larger than any pointer.');
  }
  const trimmed = text.trim();
  if (trimmed === '') return fail('empty', 'There is no pointer here: the text is empty.');
  let value: unknown;
  // An object cut short (what a broken paste mostly holds) is refused without a thrown
  // SyntaxError: a paste of a million such pieces would spend seconds building errors.
  if (trimmed.charCodeAt(0) === 0x7b && trimmed.charCodeAt(trimmed.length - 1) !== 0x7d) {
    return fail('not-json', 'This is not a pointer: it is not valid JSON.');
  }
  try {
    value = JSON.parse(trimmed);
  } catch {
    return fail('not-json', 'This is not a pointer: it is not valid JSON.');
  }
  return pointerFromJson(value, trimmed);
}

/** UTF-8 length without encoding: a lone surrogate counts 3, as TextEncoder writes U+FFFD. */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** `value` is JSON.parse(json); the raw text is needed to see how numbers were written. */
function pointerFromJson(value: unknown, json: string): Result<Pointer> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('not-an-object', 'This is not a pointer: a pointer is a JSON object {...}.');
  }
  const o = value as Record<string, unknown>;
  if (typeof o.e === 'number' || typeof o.k === 'number' || typeof o.c === 'number') {
    const plain = plainNumberProblem(json, o);
    if (plain !== undefined) return plain;
  }
  if (!('v' in o)) return parseLegacy(o);
  if (o.v === 2) return parseSealed(o);
  return fail(
    'unknown-version',
    // Only a short number is named: a nested value would overflow JSON.stringify, a long one flood the message.
    `This pointer has version ${typeof o.v === 'number' && String(o.v).length <= 12 ? o.v : '(not a small number)'}, which this app does not know; it reads legacy and version 2.`,
  );
}

/**
 * The spec writes `c`, `e` and `k` as plain decimal: JSON.parse reads 1e3,
 * 1000.0 and -0 as integers too, so the raw text is checked. Only numbers
 * that are otherwise whole count here; 1.5 is refused later as not whole.
 */
function plainNumberProblem(json: string, o: Record<string, unknown>): Result<never> | undefined {
  const found = notPlainTopLevelNumbers(json);
  if (found === undefined) return undefined;
  for (const key of ['c', 'e', 'k'] as const) {
    const v = o[key];
    const token = found[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || token === undefined) continue;
    return badField(
      key,
      `must be a whole number written in plain digits (${token} has an exponent, a decimal point or a sign)`,
    );
  }
  return undefined;
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isNumberChar = (c: number) =>
  (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;

interface Tokens {
  c?: string;
  e?: string;
  k?: string;
}

/**
 * For the top-level keys c, e and k, the numbers written other than in plain
 * digits (JSON already forbids leading zeros), as written; the last one
 * counts when a key repeats, as in JSON.parse. Undefined when there are none,
 * the usual case, which allocates nothing. `json` is valid JSON, so this scan
 * only has to follow strings and nesting.
 */
function notPlainTopLevelNumbers(json: string): Tokens | undefined {
  let out: Tokens | undefined;
  let depth = 0;
  let i = 0;
  const n = json.length;
  while (i < n) {
    const c = json.charCodeAt(i);
    if (c !== 0x22) {
      if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) depth--;
      i++;
      continue;
    }
    // A string: find its closing quote, one not preceded by an odd run of backslashes.
    const start = i;
    let end = json.indexOf('"', i + 1);
    while (end > 0) {
      let bs = 0;
      while (json.charCodeAt(end - 1 - bs) === 0x5c) bs++;
      if (bs % 2 === 0) break;
      end = json.indexOf('"', end + 1);
    }
    i = end + 1;
    if (depth !== 1) continue;
    let j = i;
    while (j < n && isSpace(json.charCodeAt(j))) j++;
    if (json.charCodeAt(j) !== 0x3a) continue; // a value, not a key
    j++;
    while (j < n && isSpace(json.charCodeAt(j))) j++;
    const v = json.charCodeAt(j);
    if (v !== 0x2d && (v < 0x30 || v > 0x39)) continue;
    let k = j;
    let plain = true;
    for (; k < n; k++) {
      const d = json.charCodeAt(k);
      if (!isNumberChar(d)) break;
      if (d < 0x30 || d > 0x39) plain = false;
    }
    i = k;
    const key =
      end - start === 2 ? json.charAt(start + 1) : (JSON.parse(json.slice(start, end + 1)) as string);
    if (key !== 'c' && key !== 'e' && key !== 'k') continue;
    if (plain) {
      if (out !== undefined) delete out[key];
    } else {
      out ??= {};
      out[key] = json.slice(j, k);
    }
  }
  return out;
}

const isEpoch = (e: unknown): e is number => Number.isSafeInteger(e) && (e as number) >= 0;

function parseLegacy(o: Record<string, unknown>): Result<LegacyPointer> {
  let chat: string;
  if (typeof o.c === 'string') chat = o.c;
  else if (Number.isSafeInteger(o.c)) chat = String(o.c);
  else return badField('c', 'must be a chat id (a string or a whole number)');
  if (chat.length === 0 || chat.length > LIMITS.legacyChatChars) {
    return badField('c', `must be a chat id of 1 to ${LIMITS.legacyChatChars} characters`);
  }
  if (!isEpoch(o.e)) return badField('e', 'must be a whole number of seconds');
  if (typeof o.d !== 'string') return badField('d', 'must be a hex string');
  const data = fromHex(o.d);
  if (data === undefined) return badField('d', 'is not valid hex');
  if (data.length === 0) return badField('d', 'is empty');
  return ok({ format: 'legacy', chat: chat as ChatId, epoch: o.e, data });
}

function parseSealed(o: Record<string, unknown>): Result<SealedPointer> {
  if (typeof o.c !== 'string' || !SEALED_CHAT_RE.test(o.c)) {
    return badField('c', 'must be a chat id of 16 to 64 base64url characters');
  }
  if (!Number.isInteger(o.k) || (o.k as number) < LIMITS.kMin || (o.k as number) > LIMITS.kMax) {
    return badField('k', `must be a whole number from ${LIMITS.kMin} to ${LIMITS.kMax}`);
  }
  if (!isEpoch(o.e)) return badField('e', 'must be a whole number of seconds');
  const n = typeof o.n === 'string' ? o.n : '';
  const d = typeof o.d === 'string' ? o.d : undefined;
  const t = typeof o.t === 'string' ? o.t : '';
  // n, t and d share one buffer: one allocation, not three, and a third less for the
  // garbage collector to copy while a big paste's pointers are held.
  const buf = new Uint8Array(32 + Math.max(0, d === undefined ? 0 : base64UrlBytes(d)));
  if (base64UrlBytes(n) !== 16 || !decodeBase64UrlInto(n, buf, 0)) {
    return badField('n', 'must be 16 bytes of unpadded base64url');
  }
  if (d === undefined || !decodeBase64UrlInto(d, buf, 32)) return badField('d', 'must be unpadded base64url');
  if (base64UrlBytes(t) !== 16 || !decodeBase64UrlInto(t, buf, 16)) {
    return badField('t', 'must be 16 bytes of unpadded base64url');
  }
  const nonce = buf.subarray(0, 16);
  const tag = buf.subarray(16, 32);
  const data = buf.subarray(32);
  return ok({
    format: 'sealed-v2',
    chat: o.c as ChatId,
    k: o.k as number,
    epoch: o.e,
    nonce,
    data,
    tag,
  });
}

/**
 * The one canonical text of a pointer: what a writer emits. Sealed v2 is
 * compact; legacy keeps the original program's json.dumps spacing. Two pastes
 * of the same pointer, however mangled, give the same canonical text.
 */
export function pointerToText(p: Pointer): string {
  if (p.format === 'legacy') {
    return `{"c": ${pythonJsonString(p.chat)}, "e": ${p.epoch}, "d": "${toHex(p.data)}"}`;
  }
  return (
    `{"v":2,"c":"${p.chat}","k":${p.k},"e":${p.epoch},"n":"${toBase64Url(p.nonce)}",` +
    `"d":"${toBase64Url(p.data)}","t":"${toBase64Url(p.tag)}"}`
  );
}

/** A JSON string as Python's json.dumps writes it (ensure_ascii): what the original emits. */
function pythonJsonString(s: string): string {
  return JSON.stringify(s).replace(
    /[\u007f-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
