// The values that cross from the main process to the renderer (and to the
// CLI's output): what a person sees of profiles, chats and messages.

/** The two pointer formats: the app's own authenticated one, and the original program's. */
export type Format = 'sealed-v2' | 'legacy';

/** A chat's local row id: what the app and the CLI call a chat by. Not the wire id. */
export type LocalChatId = number & { readonly __brand: 'LocalChatId' };
export type MessageId = number & { readonly __brand: 'MessageId' };

export type Direction = 'sent' | 'received';

export interface Settings {
  /** Chats (not remembered ones) lock after this many idle minutes; 0 means never. */
  readonly autoLockMinutes: number;
  readonly lockOnSuspend: boolean;
  /** When the window gains the focus, offer to import the clipboard's pointers not stored yet. */
  readonly offerClipboardImport: boolean;
  /** Log out (every key forgotten) after this many minutes without use; 0 means never. */
  readonly logoutAfterMinutes: number;
  /** A pointer the app copied leaves the clipboard after this many seconds, if still there; 0 means never. */
  readonly clipboardClearSeconds: number;
}

export const DEFAULT_SETTINGS: Settings = {
  autoLockMinutes: 5,
  lockOnSuspend: true,
  offerClipboardImport: true,
  logoutAfterMinutes: 30,
  clipboardClearSeconds: 60,
};

export interface ProfileStatus {
  readonly exists: boolean;
  readonly nickname?: string;
  readonly loggedIn: boolean;
}

export interface ChatSummary {
  readonly id: LocalChatId;
  readonly name: string;
  readonly format: Format;
  /** The chat id on the wire (what pointers carry). */
  readonly wireId: string;
  readonly locked: boolean;
  readonly remembered: boolean;
  readonly count: number;
  readonly trashCount: number;
  /** Unix seconds of the latest message or of creation. */
  readonly lastActivity: number;
  /** The sender's time (Unix seconds) of the newest message not in the trash; absent for an empty chat. */
  readonly lastMessageAt?: number;
  /** A sealed chat's scrypt cost as log2 N, as its creator chose it (below the default, a guess is cheap). */
  readonly k?: number;
  /** An open hidden chat (docs/hidden-chats.md): listed only while open, gone on lock or logout. */
  readonly hidden?: true;
  /**
   * Why this chat is not opened, neither at login (when remembered) nor with its secret: its
   * stored cost is below what the app accepts. One sentence to show; absent for every other chat.
   */
  readonly notOpened?: string;
}

export interface ChatInfo extends ChatSummary {
  readonly k?: number;
  readonly suffix?: string;
  /** Five groups of five digits two people compare to see they hold the same secret. */
  readonly fingerprint: string;
  /** The 32 bytes the code is derived from, hex, for the picture beside it. */
  readonly fingerprintHex: string;
}

export interface MessageView {
  readonly id: MessageId;
  readonly chatId: LocalChatId;
  readonly direction: Direction;
  readonly author: string;
  readonly text: string;
  /** The sender's time, Unix seconds, from the pointer. */
  readonly epoch: number;
  readonly storedAt: number;
  /** In the trash. */
  readonly deleted: boolean;
  /** The pointer text, to copy again or show as a QR code. */
  readonly pointer: string;
}

export interface HistoryPage {
  readonly messages: MessageView[];
  readonly total: number;
  /** Position of the page's first message counted from the oldest (0), so a page fetched around a message can be placed. */
  readonly first?: number;
  /** Whether older (newer) messages than this page exist. */
  readonly hasOlder?: boolean;
  readonly hasNewer?: boolean;
}

export interface NewChat {
  readonly name: string;
  readonly secret: string;
  readonly format: Format;
  /** Legacy: the chat id both sides use (the original program's 0, 1, 2 or any other). */
  readonly legacyId?: string;
  readonly suffix?: string;
  /** Sealed v2: scrypt cost; default 17. */
  readonly k?: number;
  /** Kept only in the vault's hidden cells: it opens with its secret alone and is never listed while closed. */
  readonly hidden?: boolean;
}

interface OutcomeBase {
  /** Where the pointer was in the pasted text. */
  readonly offset: number;
  /** The pointer's text as found (repaired), to retry this one pointer with a secret. */
  readonly pointer: string;
  /** One sentence for a person. */
  readonly message: string;
}

export type ImportOutcome = OutcomeBase &
  (
    | {
        readonly kind: 'stored';
        readonly chatId: LocalChatId;
        readonly chatName: string;
        readonly messageId: MessageId;
        readonly created: boolean;
      }
    | { readonly kind: 'duplicate'; readonly chatId: LocalChatId; readonly chatName: string }
    | { readonly kind: 'needs-secret'; readonly chatId: LocalChatId; readonly chatName: string }
    | { readonly kind: 'new-chat'; readonly format: Format; readonly wireId: string }
    | { readonly kind: 'wrong-secret'; readonly format: Format; readonly wireId: string }
    | { readonly kind: 'refused'; readonly code: string }
  );

export type MessengerEvent =
  | { readonly type: 'chat-locked'; readonly chatId: LocalChatId; readonly reason: 'idle' | 'request' }
  | { readonly type: 'all-locked'; readonly reason: 'logout' | 'suspend' | 'request' };

/** The clipboard's pointers that are not stored yet: how many, and their texts, one a line. */
export interface ClipboardOffer {
  readonly pointers: number;
  readonly text: string;
}

/** What a pointer says of its chat once a secret opens it (nothing is stored by looking). */
export interface PointerPeek {
  readonly format: Format;
  readonly wireId: string;
  /** The sender's name for the chat, when the pointer carries one (sealed v2). */
  readonly title?: string;
  /** The name to offer: the title, else the app's default for that chat. */
  readonly name: string;
}

/** A chat's pointers written to a file the person chose in the save dialog (or Cancel). */
export type ExportResult =
  | { readonly saved: false }
  | { readonly saved: true; readonly path: string; readonly pointers: number };

/** A copy of the vault written where the person chose (or Cancel). */
export type BackupResult = { readonly saved: false } | { readonly saved: true; readonly path: string };

/** The vault replaced by a backup the person chose (or Cancel); the replaced one is kept at `previous`. */
export type RestoreResult =
  | { readonly restored: false }
  | { readonly restored: true; readonly from: string; readonly previous: string };
