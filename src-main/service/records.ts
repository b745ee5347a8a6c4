import { LIMITS } from '../../src-shared/limits.js';
import type { Direction, Format, LocalChatId } from '../../src-shared/types.js';
import type { WireKey } from './chat-secrets.js';
import type { SearchIndex } from './search-index.js';

// What the vault's sealed blobs hold, and what an unlocked chat keeps in memory.

/** Sealed under DK: what the chat list shows after login, without the chat's secret. */
export interface ChatMeta {
  readonly name: string;
  readonly format: Format;
  readonly wire: string;
  readonly k?: number;
  /** Legacy: the scrypt cost of the vault's proof of the secret (kept per chat, so the default may change). */
  readonly proofLog2N?: number;
  /** Chats created here send their name as the sealed title; chats created on receipt do not. */
  readonly createdHere: boolean;
  /**
   * Set once the chat's duplicate index is keyed by its own K_seen: chats of older vaults
   * hold the profile-keyed index until their first unlock rewrites it (seen-rekey.ts).
   */
  readonly seenPerChat?: true;
}

/** A sealed chat's scrypt cost k; records written before k was stored used the default. */
export const chatCost = (meta: ChatMeta): number => meta.k ?? LIMITS.kDefault;

// A chat's data key box (under its unlock key) and a remembered chat's box (under DK) hold
// keys, so they are sealed as bytes, not JSON: see ChatKeyBox and sealRememberedBox in chat-secrets.ts.

export interface MessageBody {
  readonly dir: Direction;
  readonly author: string;
  readonly text: string;
  readonly pointer: string;
}

/** An unlocked chat: keys in memory only, wiped on lock. */
export interface OpenChat {
  readonly id: LocalChatId;
  readonly meta: ChatMeta;
  readonly cdk: Uint8Array;
  /** K_seen, from the data key: the chat's duplicate index is keyed by it. */
  readonly seenKey: Uint8Array;
  readonly wire: WireKey;
  readonly remembered: boolean;
  lastUsed: number;
  /** The opened messages a search looks in; made at unlock, dropped at lock. */
  search?: SearchIndex;
}
