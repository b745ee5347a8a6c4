import { charCount, LIMITS } from '../../src-shared/limits.js';
import { concatBytes, equalBytes, utf8, utf8DecodeStrict, xorInto } from './bytes.js';
import { drbgKeystream } from './drbg.js';
import type { Message, OpenedPointer, SealedPointer } from './pointer-types.js';
import { fail, ok, type Result } from './result.js';
import type { SealedChatKey } from './sealed-key.js';

export interface SealInput extends Message {
  readonly epoch: number;
  /** 16 random bytes, fresh for every message. */
  readonly nonce: Uint8Array;
}

function tagOf(key: SealedChatKey, epoch: number, nonce: Uint8Array, data: Uint8Array): Uint8Array {
  const header = utf8(`CLM2|${key.chat}|${key.k}|${epoch}|`);
  return key.mac(header, nonce, data).slice(0, 16);
}

/** 1 to max characters (code points): a UTF-16 length within max needs no counting. */
const lengthWithin = (s: string, min: number, max: number) =>
  s.length >= min && (s.length <= max || charCount(s) <= max);

/** Checks what a sender may put in a message; the same rules the reader applies. */
export function checkMessage(m: Message): Result<Message> {
  if (!lengthWithin(m.author, 1, LIMITS.authorChars)) {
    return fail('bad-field', `The author name must be 1 to ${LIMITS.authorChars} characters.`);
  }
  if (!lengthWithin(m.text, 1, LIMITS.textChars)) {
    return fail('bad-field', `A message must be 1 to ${LIMITS.textChars} characters.`);
  }
  if (m.title !== undefined && !lengthWithin(m.title, 0, LIMITS.titleChars)) {
    return fail('bad-field', `A chat title must be at most ${LIMITS.titleChars} characters.`);
  }
  return ok(m);
}

export function sealSealed(key: SealedChatKey, input: SealInput): Result<SealedPointer> {
  const checked = checkMessage(input);
  if (!checked.ok) return checked;
  if (!Number.isSafeInteger(input.epoch) || input.epoch < 0) {
    return fail('bad-field', 'The epoch must be a whole number of seconds, 0 or more.');
  }
  if (input.nonce.length !== 16) return fail('bad-field', 'The nonce must be 16 bytes.');
  const body: { a: string; m: string; t?: string } = { a: input.author, m: input.text };
  if (input.title !== undefined && input.title !== '') body.t = input.title;
  const plaintext = utf8(JSON.stringify(body));
  const keystream = drbgKeystream(concatBytes(key.enc, input.nonce), plaintext.length);
  const data = xorInto(plaintext, keystream);
  return ok({
    format: 'sealed-v2',
    chat: key.chat,
    k: key.k,
    epoch: input.epoch,
    nonce: input.nonce,
    data,
    tag: tagOf(key, input.epoch, input.nonce, data),
  });
}

const WRONG = 'This pointer does not open with this secret: the secret is wrong, or the pointer was altered.';
export const wrongSealed = () => fail('wrong-secret-or-altered', WRONG);

export function openSealed(key: SealedChatKey, p: SealedPointer): Result<OpenedPointer> {
  if (key.chat !== p.chat || key.k !== p.k) return wrongSealed();
  // The tag is checked before anything of the plaintext is looked at.
  if (!equalBytes(tagOf(key, p.epoch, p.nonce, p.data), p.tag)) return wrongSealed();
  const keystream = drbgKeystream(concatBytes(key.enc, p.nonce), p.data.length);
  return sealedOpened(p, xorInto(p.data, keystream));
}

/** The text the tag covers ahead of n and d. */
export const sealedTagHeader = (p: SealedPointer): string => `CLM2|${p.chat}|${p.k}|${p.epoch}|`;

/** What an authentic sealed pointer says, given its plaintext; shared with the bulk path. */
export function sealedOpened(p: SealedPointer, plaintext: Uint8Array): Result<OpenedPointer> {
  const json = utf8DecodeStrict(plaintext);
  if (json === undefined) return notAMessage();
  let body: unknown;
  try {
    body = JSON.parse(json);
  } catch {
    return notAMessage();
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return notAMessage();
  const { a, m, t } = body as Record<string, unknown>;
  if (typeof a !== 'string' || typeof m !== 'string') return notAMessage();
  if (t !== undefined && t !== null && typeof t !== 'string') return notAMessage();
  const message: Message = typeof t === 'string' ? { author: a, text: m, title: t } : { author: a, text: m };
  if (!checkMessage(message).ok) return notAMessage();
  return ok(
    typeof t === 'string'
      ? { format: 'sealed-v2', chat: p.chat, epoch: p.epoch, author: a, text: m, title: t }
      : { format: 'sealed-v2', chat: p.chat, epoch: p.epoch, author: a, text: m },
  );
}

const notAMessage = () =>
  fail('not-a-message', 'This pointer is authentic but does not hold a message this app can read.');
