import type { LocalChatId } from '../../src-shared/types.js';
import { wipe } from '../core/bytes.js';
import { wipeSealedKey } from '../core/sealed-key.js';
import type { OpenChat } from './records.js';

/**
 * The unlocked chats of a session and their keys, in memory only. Locking a
 * chat wipes its keys; remembered chats stay open until logout.
 */
export class OpenChats {
  readonly #chats = new Map<LocalChatId, OpenChat>();

  constructor(private readonly onLocked: (id: LocalChatId, reason: 'idle' | 'request') => void) {}

  get = (id: LocalChatId): OpenChat | undefined => this.#chats.get(id);
  has = (id: LocalChatId): boolean => this.#chats.has(id);

  /** Opens a chat, or replaces its entry (renamed, remembered, forgotten). */
  add(c: OpenChat): void {
    this.#chats.set(c.id, c);
  }

  lock(id: LocalChatId, reason: 'idle' | 'request'): void {
    const c = this.#chats.get(id);
    if (!c) return;
    wipeKeys(c);
    this.#chats.delete(id);
    this.onLocked(id, reason);
  }

  lockAllButRemembered(): void {
    for (const c of [...this.#chats.values()]) if (!c.remembered) this.lock(c.id, 'request');
  }

  /** Locks chats (not remembered ones) last used before `usedBefore` (ms); returns which. */
  lockIdle(usedBefore: number): LocalChatId[] {
    const idle = [...this.#chats.values()].filter((c) => !c.remembered && c.lastUsed <= usedBefore);
    for (const c of idle) this.lock(c.id, 'idle');
    return idle.map((c) => c.id);
  }

  /** Logout: every key wiped, without an event per chat (the logout says it all). */
  wipeAll(): void {
    for (const c of this.#chats.values()) wipeKeys(c);
    this.#chats.clear();
  }
}

function wipeKeys(c: OpenChat): void {
  c.search?.drop();
  wipe(c.cdk, c.seenKey);
  // The HMAC state kept for K_mac is K_mac in all but name: it goes too.
  if (c.wire.format === 'sealed-v2') wipeSealedKey(c.wire.key);
}
