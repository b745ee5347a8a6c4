import { randomInt } from 'node:crypto';
import type { CellStore } from '../../vault/cell-store.js';

/**
 * Chaff cells written with ordinary activity, so that the number of cells
 * is explained as well without hidden chats as with them. Each range is
 * uniform and inclusive; docs/hidden-chats.md derives the sizes and what a
 * distinguisher gains from counting cells.
 */
export const COVER = {
  /** At profile creation, or at the first login of a vault with no cells yet: ~0.07 to 1.1 MB. */
  pool: [64, 1024],
  /** With every visible message stored. */
  message: [0, 2],
  /** With every login. */
  login: [0, 16],
  /** With every visible chat created. */
  chat: [1, 4],
} as const satisfies Record<string, readonly [number, number]>;

export type CoverEvent = keyof typeof COVER;

export const coverCount = (event: CoverEvent): number => {
  const [lo, hi] = COVER[event];
  return lo + randomInt(hi - lo + 1);
};

/** Writes the event's chaff, in the caller's transaction or its own; how many cells. */
export function addCover(cells: CellStore, event: CoverEvent): number {
  const n = coverCount(event);
  cells.addChaff(n);
  return n;
}

/** At login: a vault made before cells existed gets its pool first, then the login's share. */
export function addLoginCover(cells: CellStore): void {
  // Counted before the transaction: a transaction that reads and then writes fails at once
  // (SQLITE_BUSY_SNAPSHOT) when another process (clm beside the app) wrote in between.
  const pool = cells.count() === 0;
  cells.transaction(() => {
    if (pool) addCover(cells, 'pool');
    addCover(cells, 'login');
  });
}
