import type { ImportOutcome } from '../../../src-shared/types.js';
import { plural } from './plural.js';

export type Shown = ImportOutcome['kind'] | 'cancelled';

/** A cancelled pointer is not a refusal of the pointer: it gets its own label and count. */
export const shown = (o: ImportOutcome): Shown =>
  o.kind === 'refused' && o.code === 'cancelled' ? 'cancelled' : o.kind;

export const LABEL: Record<Shown, string> = {
  stored: 'Stored',
  duplicate: 'Duplicate',
  'needs-secret': 'Needs the secret',
  'new-chat': 'New chat',
  'wrong-secret': 'Not opened',
  refused: 'Refused',
  cancelled: 'Cancelled',
};

/** How a count of each kind reads in a summary ("3 stored, 2 of a new chat"). */
const COUNTED: Record<Shown, string> = {
  stored: 'stored',
  duplicate: 'duplicate',
  'needs-secret': 'waiting for the secret',
  'new-chat': 'of a new chat',
  'wrong-secret': 'not opened by the secret',
  refused: 'refused',
  cancelled: 'cancelled',
};

/**
 * The service cannot tell a wrong secret from an altered pointer of a chat one
 * does not have (both fail the same check), so the person is told both.
 */
export const NOT_OPENED = 'This secret does not open it, or the pointer was altered; nothing was stored.';

/** What a row says: the service's sentence, except where it could mislead. */
export const rowText = (o: ImportOutcome): string => (o.kind === 'wrong-secret' ? NOT_OPENED : o.message);

/** Pointers that wait for a secret: of a locked chat, or of a chat one does not have yet. */
export const pending = (o: ImportOutcome): boolean =>
  o.kind === 'needs-secret' || o.kind === 'new-chat' || o.kind === 'wrong-secret';

/** Which group a pointer belongs to: its chat, a chat not held yet (by wire id), or none. */
export function groupKey(o: ImportOutcome): string {
  if (o.kind === 'new-chat' || o.kind === 'wrong-secret') return `new|${o.format}|${o.wireId}`;
  if (o.kind === 'refused') return 'none';
  return `chat|${o.chatId}`;
}

export interface Group {
  readonly key: string;
  /** Indexes into the outcomes, in paste order. */
  readonly rows: number[];
}

/** The outcomes grouped by chat, groups in the order their first pointer came (refusals last). */
export function groupOutcomes(keys: readonly string[]): Group[] {
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  });
  const out = [...groups].map(([key, rows]) => ({ key, rows }));
  return [...out.filter((g) => g.key !== 'none'), ...out.filter((g) => g.key === 'none')];
}

/** "2 stored, 1 duplicate": the kinds of some outcomes, in the order they first come. */
export function countsText(os: readonly ImportOutcome[]): string {
  const counts = new Map<Shown, number>();
  for (const o of os) counts.set(shown(o), (counts.get(shown(o)) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n.toLocaleString()} ${COUNTED[k]}`).join(', ');
}

/** The summary a person reads once: "5 pointers in 2 chats: 3 stored, 2 of a new chat". */
export function summaryText(os: readonly ImportOutcome[], groups: readonly Group[]): string {
  const chats = groups.filter((g) => g.key !== 'none').length;
  const where = chats > 1 ? ` in ${plural(chats, 'chat')}` : '';
  return `${plural(os.length, 'pointer')}${where}: ${countsText(os)}`;
}

/** A group's heading: its chat's name, or what is known of a chat not held yet. */
export function groupTitle(key: string, os: readonly ImportOutcome[]): string {
  const named = os.find((o) => 'chatName' in o);
  if (named && 'chatName' in named) return `Chat "${named.chatName}"`;
  if (key === 'none') return 'Not imported';
  const [, format, wireId] = key.split('|');
  return format === 'legacy' ? `A new legacy chat (id ${wireId})` : 'A new chat';
}
