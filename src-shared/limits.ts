/**
 * Every limit and default the processes share, defined once: the protocol
 * core, the service, the IPC contract, the renderer's forms, and the CLI all
 * read them from here.
 */
export const LIMITS = {
  /** A pointer text over this many bytes is refused before parsing. */
  pointerBytes: 256 * 1024,
  /** A paste (or a dropped file) over this many bytes is refused before parsing. */
  pasteBytes: 32 * 1024 * 1024,
  /** Characters (code points), as the spec and Python's len count them. */
  authorChars: 64,
  textChars: 16384,
  titleChars: 100,
  legacyChatChars: 64,
  legacySuffixChars: 128,
  secretChars: 512,
  searchChars: 500,
  /** Sealed v2 scrypt cost, as log2 N. */
  kMin: 12,
  kMax: 18,
  kDefault: 17,
  /** Auto-lock: 0 means never; the longest is a day. */
  autoLockMaxMinutes: 24 * 60,
  /** Clearing a copied pointer from the clipboard: 0 means never; the longest is an hour. */
  clipboardClearMaxSeconds: 60 * 60,
  /** A clm:// link; it also fits a Windows command line (32,767), where the system hands it to the app. */
  linkChars: 32 * 1024,
  /** The clipboard copy call takes at most this many characters (a pointer is far smaller). */
  clipboardChars: 512 * 1024,
  /** A history page holds at most this many messages (and this many when no size is asked). */
  historyPageMax: 500,
  /** A search gives at most this many messages (the first, oldest first); the window says so. */
  searchResultsMax: 500,
  /** Chats one paste may try a secret on (each try is a scrypt of up to 2^18): more must come in parts. */
  keyTriesPerPaste: 8,
} as const;

/**
 * The IPC contract bounds text in UTF-16 units (what a JavaScript string's
 * length counts); a code point takes at most two, so this admits every text
 * the service's character limits admit, and nothing much larger.
 */
export const utf16Units = (chars: number): number => chars * 2;

/** Length in Unicode code points, as the spec (and Python's len) counts characters. */
export const charCount = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};
