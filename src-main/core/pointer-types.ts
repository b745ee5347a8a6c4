import type { Format } from '../../src-shared/types.js';

/** Branded strings: a chat id is not any string, and the compiler should know it. */
export type ChatId = string & { readonly __brand: 'ChatId' };

/** A legacy (CLM 2.0.x) pointer after parsing: well-formed, not yet opened. */
export interface LegacyPointer {
  readonly format: 'legacy';
  readonly chat: ChatId;
  readonly epoch: number;
  readonly data: Uint8Array;
}

/** A sealed v2 pointer after parsing: well-formed, not yet authenticated. */
export interface SealedPointer {
  readonly format: 'sealed-v2';
  readonly chat: ChatId;
  readonly k: number;
  readonly epoch: number;
  readonly nonce: Uint8Array;
  readonly data: Uint8Array;
  readonly tag: Uint8Array;
}

export type Pointer = LegacyPointer | SealedPointer;

/** What an opened pointer says. */
export interface Message {
  readonly author: string;
  readonly text: string;
  /** Sealed v2 only: the sender's name for the chat, a suggestion on receipt. */
  readonly title?: string;
}

export interface OpenedPointer extends Message {
  readonly format: Format;
  readonly chat: ChatId;
  readonly epoch: number;
}

/** What readers accept as a sealed v2 chat id; new chats use 16 random bytes (22 chars). */
export const SEALED_CHAT_RE = /^[A-Za-z0-9_-]{16,64}$/;
