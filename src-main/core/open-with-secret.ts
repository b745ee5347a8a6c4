import { kProblem } from '../../src-shared/checks.js';
import { defaultLegacySuffix } from '../../src-shared/legacy-chats.js';
import { LIMITS } from '../../src-shared/limits.js';
import { openLegacy, sealLegacy } from './legacy.js';
import type { ChatId, OpenedPointer, Pointer } from './pointer-types.js';
import { SEALED_CHAT_RE } from './pointer-types.js';
import type { Result } from './result.js';
import { fail } from './result.js';
import { openSealed, sealSealed } from './sealed.js';
import { deriveSealedKey } from './sealed-key.js';

/**
 * One-shot open with a secret phrase, for callers that hold no chat key (the
 * CLI's `pointer open`, tests). The messenger itself caches keys per chat.
 */
export function openWithSecret(p: Pointer, secret: string, suffix?: string): Result<OpenedPointer> {
  if (p.format === 'legacy') return openLegacy(secret, suffix ?? defaultLegacySuffix(p.chat), p);
  const key = deriveSealedKey(secret, p.chat, p.k);
  return key.ok ? openSealed(key.value, p) : key;
}

export interface SealRequest {
  readonly format: 'sealed-v2' | 'legacy';
  readonly chat: string;
  readonly author: string;
  readonly text: string;
  readonly epoch: number;
  readonly title?: string;
  /** sealed v2 only */
  readonly k?: number;
  readonly nonce?: Uint8Array;
  /** legacy only */
  readonly suffix?: string;
}

export function sealWithSecret(req: SealRequest, secret: string): Result<Pointer> {
  if (req.format === 'legacy') {
    return sealLegacy(secret, req.suffix ?? defaultLegacySuffix(req.chat), req);
  }
  const k = req.k ?? LIMITS.kDefault;
  const kBad = kProblem(k);
  if (kBad) return fail('bad-field', kBad);
  if (!SEALED_CHAT_RE.test(req.chat)) {
    return fail('bad-field', 'A sealed v2 chat id must be 16 to 64 base64url characters.');
  }
  const nonce = req.nonce ?? crypto.getRandomValues(new Uint8Array(16));
  const key = deriveSealedKey(secret, req.chat as ChatId, k);
  return key.ok ? sealSealed(key.value, { ...req, nonce }) : key;
}
