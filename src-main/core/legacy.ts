import { legacyChatIdProblem } from '../../src-shared/checks.js';
import { utf8, utf8DecodeStrict, xorInto } from './bytes.js';
import { drbgKeystream } from './drbg.js';
import type { ChatId, LegacyPointer, Message, OpenedPointer } from './pointer-types.js';
import { fail, ok, type Result } from './result.js';
import { checkMessage } from './sealed.js';

/** The original used the secret exactly as typed, only trimmed: no normalisation. */
function legacySeed(secret: string, suffix: string, epoch: number): Result<Uint8Array> {
  const s = secret.trim();
  if (s === '') return fail('empty-secret', 'The chat secret is empty.');
  return ok(utf8(`${s}_${suffix}_${epoch}`));
}

export interface LegacySealInput extends Message {
  readonly chat: string;
  readonly epoch: number;
}

export function sealLegacy(secret: string, suffix: string, input: LegacySealInput): Result<LegacyPointer> {
  const checked = checkMessage(input);
  if (!checked.ok) return checked;
  if (input.author.includes(': ')) {
    return fail('bad-field', 'In a legacy chat the author name cannot contain ": ".');
  }
  const chatProblem = legacyChatIdProblem(input.chat);
  if (chatProblem) return fail('bad-field', chatProblem);
  if (!Number.isSafeInteger(input.epoch) || input.epoch < 0) {
    return fail('bad-field', 'The epoch must be a whole number of seconds, 0 or more.');
  }
  const seed = legacySeed(secret, suffix, input.epoch);
  if (!seed.ok) return seed;
  const plaintext = utf8(`${input.author}: ${input.text}`);
  const data = xorInto(plaintext, drbgKeystream(seed.value, plaintext.length));
  return ok({ format: 'legacy', chat: input.chat as ChatId, epoch: input.epoch, data });
}

/**
 * Legacy pointers carry no tag: "opens" means the keystream gave valid UTF-8
 * holding ": ". A wrong secret is usually, not always, caught this way.
 */
export function openLegacy(secret: string, suffix: string, p: LegacyPointer): Result<OpenedPointer> {
  const seed = legacySeed(secret, suffix, p.epoch);
  if (!seed.ok) return seed;
  return legacyOpened(p, xorInto(p.data, drbgKeystream(seed.value, p.data.length)));
}

/** What a legacy pointer says, given its plaintext; shared with the bulk path so both answer alike. */
export function legacyOpened(p: LegacyPointer, plaintext: Uint8Array): Result<OpenedPointer> {
  const text = utf8DecodeStrict(plaintext);
  const sep = text === undefined ? -1 : text.indexOf(': ');
  if (text === undefined || sep < 0) {
    return fail(
      'wrong-secret-or-altered',
      'This legacy pointer does not open with this secret and suffix (or it was altered).',
    );
  }
  return ok({
    format: 'legacy',
    chat: p.chat,
    epoch: p.epoch,
    author: text.slice(0, sep),
    text: text.slice(sep + 2),
  });
}
