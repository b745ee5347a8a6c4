/**
 * The lengths a sealed value may have once padded: multiples of 64 bytes up to
 * 1 KiB, then powers of two. A name, a short message and a remembered secret
 * all fill one 64-byte step; a long text tells its size only to within a
 * factor of two.
 */
export const STEP = 64;
export const STEP_LIMIT = 1024;

/** The smallest bucket holding `n` bytes. */
export function paddedLength(n: number): number {
  if (n <= STEP_LIMIT) return Math.max(STEP, Math.ceil(n / STEP) * STEP);
  return 2 ** Math.ceil(Math.log2(n));
}

/** Whether `n` is a length padding can produce. */
export const isBucket = (n: number): boolean => n === paddedLength(n);

/**
 * The least a chat's own records are padded to, by the kind that opens their
 * associated data: room for the longest name, legacy id and suffix a person
 * types in practice, so a chat's records are one length whatever its format,
 * and whether it has its own suffix, a title or a long name does not show.
 * (Longer values still only tell their bucket.)
 */
const FLOORS: Readonly<Record<string, number>> = {
  'chat-meta': 512,
  'chat-key': 256,
  'chat-remember': 256,
  // A message's record holds its pointer too: most messages (up to about 150 characters) are one length,
  // in either format. It costs half a kilobyte a message at least.
  message: 512,
};

/** The padded length of a value of `n` bytes sealed with associated data `aad`. */
export const sealedLength = (n: number, aad: string): number =>
  paddedLength(Math.max(n, FLOORS[aad.slice(0, aad.indexOf('|') >>> 0)] ?? 0));
