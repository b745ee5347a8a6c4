import type { MessageRow } from '../vault/rows.js';
import type { VaultStore } from '../vault/vault-store.js';

/**
 * One chat's message rows, wherever they live: the visible chats' rows in the
 * `messages` table (sqlChatRows), or an open hidden chat's rows in memory and
 * in the vault's cells (hidden/hidden-rows.ts). The messages room works
 * through this, so a hidden chat sends, pages, searches and trashes exactly
 * as a visible one does. Rows are sorted by (epoch, id) on each side of the
 * trash; every method concerns this one chat.
 */
export interface ChatRows {
  /** Messages outside (or inside) the trash. */
  count(trashed: boolean): number;
  /** The newest `limit` messages after skipping `skip` of the newest, oldest first. */
  newest(trashed: boolean, limit: number, skip?: number): MessageRow[];
  /** The oldest `limit` messages after skipping `skip` of the oldest, oldest first. */
  oldest(trashed: boolean, limit: number, skip?: number): MessageRow[];
  /** Up to `limit` messages just older than `m` on its side of the trash, oldest first. */
  before(m: MessageRow, limit: number): MessageRow[];
  /** Up to `limit` messages just newer than `m` on its side of the trash, oldest first. */
  after(m: MessageRow, limit: number): MessageRow[];
  /** How many messages of `m`'s side sort before it: its position. */
  countBefore(m: MessageRow): number;
  message(id: number): MessageRow | undefined;
  /** Every message on one side of the trash, oldest first (export). */
  messages(trashed: boolean): MessageRow[];
  /** Messages (trash included) with ids above `afterId`, by id. */
  rowsAfterId(afterId: number, limit: number): MessageRow[];
  /** The highest message id the search index may have read (0 when none). */
  maxMessageId(): number;
  /** The newest epoch of any message (in the trash too), or undefined. */
  latestEpoch(): number | undefined;
  /** The newest epoch outside the trash, or undefined: the list's "last message". */
  lastMessageAt(): number | undefined;
  /** The message stored under this blind index, if this chat holds it. */
  bySeen(seen: Buffer): MessageRow | undefined;
  /** Stores a sealed message (the caller holds the transaction); its id. */
  insertMessage(seen: Buffer, epoch: number, storedAt: number, body: Buffer): number;
  /** Moves the chat's last activity forward (never back). */
  touch(when: number): void;
  /** In or out of the trash with its body sealed anew; false when there is no such message. */
  setTrashed(id: number, trashed: boolean, body: Buffer): boolean;
  deleteMessage(id: number): boolean;
  emptyTrash(): number;
  clearChat(): number;
}

/**
 * A visible chat's rows: a thin adapter over the vault's SQL for one chat id.
 * `stored` runs after each message inserted, in its transaction (the cover
 * traffic of hidden chats).
 */
export function sqlChatRows(store: VaultStore, chatId: number, stored?: () => void): ChatRows {
  return {
    count: (trashed) => {
      const row = store.chat(chatId);
      return row ? (trashed ? row.trashed_count : row.count) : 0;
    },
    newest: (trashed, limit, skip) => store.newest(chatId, trashed, limit, skip),
    oldest: (trashed, limit, skip) => store.oldest(chatId, trashed, limit, skip),
    before: (m, limit) => store.before(m, limit),
    after: (m, limit) => store.after(m, limit),
    countBefore: (m) => store.countBefore(m),
    message: (id) => store.message(chatId, id),
    messages: (trashed) => store.messages(chatId, trashed),
    rowsAfterId: (afterId, limit) => store.rowsAfterId(chatId, afterId, limit),
    maxMessageId: () => store.maxMessageId(),
    latestEpoch: () => store.latestEpoch(chatId),
    lastMessageAt: () => store.chat(chatId)?.last_message_at ?? undefined,
    bySeen: (seen) => {
      const hit = store.seenMany([seen]).get(seen.toString('hex'));
      return hit?.chat_id === chatId ? hit : undefined;
    },
    insertMessage: (seen, epoch, storedAt, body) => {
      const id = store.insertMessage(chatId, seen, epoch, storedAt, body);
      stored?.();
      return id;
    },
    touch: (when) => store.touchChat(chatId, when),
    setTrashed: (id, trashed, body) => store.setTrashed(chatId, id, trashed, body),
    deleteMessage: (id) => store.deleteMessage(chatId, id),
    emptyTrash: () => store.emptyTrash(chatId),
    clearChat: () => store.clearChat(chatId),
  };
}
