import { LIMITS } from './limits.js';

// What one guess at a sealed chat's secret costs at its k, for the chat list
// and the details: scrypt's memory (128 · r · N bytes, r = 8) and its time,
// from about 40 ms at k = 12 on one core of an ordinary computer, doubling with
// each step of k. An attacker with better hardware guesses faster; the figure
// is for comparing chats, not a promise.

const MS_AT_K12 = 40;

/** A chat below the app's own default k is shown as weak. */
export const isWeakK = (k: number | undefined): k is number => k !== undefined && k < LIMITS.kDefault;

export function guessCost(k: number): { memory: string; time: string } {
  const mib = 2 ** k / 1024;
  const ms = MS_AT_K12 * 2 ** (k - 12);
  const time = ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
  return { memory: `${mib} MiB`, time };
}

/** One sentence for a weak chat: its k, the cost of a guess, and the default for comparison. */
export function weakKNote(k: number): string {
  const c = guessCost(k);
  return `Weak protection: k = ${k} (${c.memory}), about ${c.time} a guess; chats made here use k = ${LIMITS.kDefault}.`;
}
