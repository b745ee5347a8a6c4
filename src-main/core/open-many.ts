import { openLegacy } from './legacy.js';
import type { LegacyPointer, OpenedPointer, SealedPointer } from './pointer-types.js';
import type { Result } from './result.js';
import { openSealed } from './sealed.js';
import type { SealedChatKey } from './sealed-key.js';

/**
 * Opens the legacy pointers of one chat together. Each result is exactly what
 * `openLegacy` gives for that pointer, in the same order.
 */
export function openLegacyMany(
  secret: string,
  suffix: string,
  pointers: LegacyPointer[],
): Result<OpenedPointer>[] {
  return pointers.map((p) => openLegacy(secret, suffix, p));
}

/**
 * Opens the sealed v2 pointers of one chat together under its cached key. Each
 * result is exactly what `openSealed` gives for that pointer, in the same order.
 */
export function openSealedMany(key: SealedChatKey, pointers: SealedPointer[]): Result<OpenedPointer>[] {
  return pointers.map((p) => openSealed(key, p));
}
