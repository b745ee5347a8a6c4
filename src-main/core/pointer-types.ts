/** Branded strings: a chat id is not any string, and the compiler should know it. */
export type ChatId = string & { readonly __brand: 'ChatId' };

export type Format = 'sealed-v2' | 'legacy';

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

export const LIMITS = {
  /** A pointer text over this many bytes is refused before parsing. */
  pointerBytes: 256 * 1024,
  authorChars: 64,
  textChars: 16384,
  titleChars: 100,
  kMin: 12,
  kMax: 18,
  kDefault: 17,
  legacyChatChars: 64,
} as const;

/** Length in Unicode code points, as the spec (and Python's len) counts characters. */
export const charCount = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** What readers accept as a sealed v2 chat id; new chats use 16 random bytes (22 chars). */
export const SEALED_CHAT_RE = /^[A-Za-z0-9_-]{16,64}$/;
