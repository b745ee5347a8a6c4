import type { ChatSummary, Format, LocalChatId } from '../../../src-shared/types.js';
import { chatCost } from '../records.js';
import type { HiddenChat } from './hidden-rows.js';

/**
 * The hidden chats open in this session, by id. Nothing else in the app
 * knows of them: locking one (or logging out) drops it here and wipes its keys
 * and messages, and then no trace of it is left in memory or listed.
 */
export class HiddenChats {
  readonly #chats = new Map<LocalChatId, HiddenChat>();

  get = (id: LocalChatId): HiddenChat | undefined => this.#chats.get(id);
  has = (id: LocalChatId): boolean => this.#chats.has(id);
  all = (): HiddenChat[] => [...this.#chats.values()];

  /** Open hidden chats with this wire id: where its pointers route (in memory, never by an index). */
  matching(format: Format, wire: string): HiddenChat[] {
    return this.all().filter((h) => h.record.meta.format === format && h.record.meta.wire === wire);
  }

  /** Whether an open hidden chat holds a pointer under this blind index. */
  holds(seen: Buffer): boolean {
    return this.all().some((h) => h.bySeen(seen) !== undefined);
  }

  add(h: HiddenChat): void {
    this.#chats.set(h.id as LocalChatId, h);
  }

  /** True when `id` was an open hidden chat (now forgotten). */
  drop(id: LocalChatId): boolean {
    const h = this.#chats.get(id);
    h?.wipe();
    return this.#chats.delete(id);
  }

  wipeAll(): void {
    for (const h of this.#chats.values()) h.wipe();
    this.#chats.clear();
  }
}

/** An open hidden chat as the list shows it: like any open chat, marked hidden. */
export function hiddenSummary(h: HiddenChat): ChatSummary {
  const meta = h.record.meta;
  const last = h.lastMessageAt();
  return {
    id: h.id as LocalChatId,
    name: meta.name,
    format: meta.format,
    wireId: meta.wire,
    locked: false,
    remembered: false,
    count: h.count(false),
    trashCount: h.count(true),
    lastActivity: h.record.lastActivity,
    ...(last === undefined ? {} : { lastMessageAt: last }),
    ...(meta.format === 'sealed-v2' ? { k: chatCost(meta) } : {}),
    hidden: true,
  };
}
