/** How a paste is imported: what the IPC router and the CLI pass to the service. */
export interface ImportOptions {
  /** Tried on every pointer whose chat is locked or unknown. */
  readonly secret?: string;
  /** Name for a chat created on receipt; else the sealed title; else a default. */
  readonly name?: string;
  /** Legacy seed suffix for a chat created on receipt; else the default rule. */
  readonly suffix?: string;
  /** A chat created on receipt is made hidden (docs/hidden-chats.md). */
  readonly hidden?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}
