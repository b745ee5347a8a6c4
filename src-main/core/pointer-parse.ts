import { LIMITS } from '../../src-shared/limits.js';
import { fromBase64Url, fromHex, toBase64Url, toHex, utf8 } from './bytes.js';
import type { ChatId, LegacyPointer, Pointer, SealedPointer } from './pointer-types.js';
import { SEALED_CHAT_RE } from './pointer-types.js';
import { fail, ok, type Result } from './result.js';

const badField = (field: string, why: string) => fail('bad-field', `This pointer's "${field}" field ${why}.`);

/** Parses one pointer's JSON text by the strict rules of the spec (no repairs here). */
export function parsePointer(text: string): Result<Pointer> {
  if (utf8(text).length > LIMITS.pointerBytes) {
    return fail('too-large', 'This text is larger than 256 KiB, far larger than any pointer.');
  }
  const trimmed = text.trim();
  if (trimmed === '') return fail('empty', 'There is no pointer here: the text is empty.');
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return fail('not-json', 'This is not a pointer: it is not valid JSON.');
  }
  return pointerFromJson(value);
}

export function pointerFromJson(value: unknown): Result<Pointer> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('not-an-object', 'This is not a pointer: a pointer is a JSON object {...}.');
  }
  const o = value as Record<string, unknown>;
  if (!('v' in o)) return parseLegacy(o);
  if (o.v === 2) return parseSealed(o);
  return fail(
    'unknown-version',
    `This pointer has version ${JSON.stringify(o.v)}, which this app does not know; it reads legacy and version 2.`,
  );
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
  const nonce = typeof o.n === 'string' ? fromBase64Url(o.n) : undefined;
  if (nonce?.length !== 16) return badField('n', 'must be 16 bytes of unpadded base64url');
  const data = typeof o.d === 'string' ? fromBase64Url(o.d) : undefined;
  if (data === undefined) return badField('d', 'must be unpadded base64url');
  const tag = typeof o.t === 'string' ? fromBase64Url(o.t) : undefined;
  if (tag?.length !== 16) return badField('t', 'must be 16 bytes of unpadded base64url');
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
