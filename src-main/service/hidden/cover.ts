import { randomInt } from 'node:crypto';
import type { CellStore } from '../../vault/cell-store.js';

/**
 * How many chaff cells an event writes: with probability `chance`, a uniform
 * draw in [lo, hi] (inclusive), else none.
 */
export interface CoverDraw {
  readonly chance: number;
  readonly lo: number;
  readonly hi: number;
}

/**
 * Chaff cells written with ordinary activity, so that the number of cells
 * is explained as well without hidden chats as with them. A message or a login
 * writes chaff rarely but in bursts: for the same space, a burst draw varies
 * far more than a steady one (a message: mean 0.51 cells, variance 21.6,
 * against 1 and 0.67 for "0 to 2 every time"), and the variance is what hides
 * a hidden chat's cells, in one copy of the vault or between two.
 * docs/hidden-chats.md derives the sizes and what a distinguisher gains.
 */
export const COVER = {
  /** At profile creation, or at the first login of a vault with no cells yet: ~0.07 to 1.1 MB. */
  pool: { chance: 1, lo: 64, hi: 1024 },
  /** With every visible message stored: one message in 64 brings 1 to 64 cells. */
  message: { chance: 1 / 64, lo: 1, hi: 64 },
  /** With every login: one login in 4 brings 1 to 64 cells. */
  login: { chance: 1 / 4, lo: 1, hi: 64 },
  /** With every visible chat created. */
  chat: { chance: 1, lo: 1, hi: 4 },
} as const satisfies Record<string, CoverDraw>;

export type CoverEvent = keyof typeof COVER;

/** 2^-32 steps: exact enough for any chance written above, from the system's generator. */
const CHANCE_STEPS = 2 ** 32;

export function drawCover(d: CoverDraw): number {
  if (d.chance < 1 && randomInt(CHANCE_STEPS) >= d.chance * CHANCE_STEPS) return 0;
  return d.lo + randomInt(d.hi - d.lo + 1);
}

export const coverCount = (event: CoverEvent): number => drawCover(COVER[event]);

/** Writes the event's chaff, in the caller's transaction or its own; how many cells. */
export function addCover(cells: CellStore, event: CoverEvent): number {
  const n = coverCount(event);
  if (n > 0) cells.addChaff(n);
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
