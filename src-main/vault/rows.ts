/** Rows as stored: what a thief with the file sees, blobs still sealed. */
export interface ProfileRow {
  readonly nickname: string;
  readonly kdf_salt: Buffer;
  readonly kdf_log2n: number;
  readonly wrapped_key: Buffer;
  readonly settings: Buffer | null;
  readonly created_at: number;
}

export interface ChatRow {
  readonly id: number;
  readonly route: Buffer;
  readonly meta: Buffer;
  readonly unlock_salt: Buffer;
  readonly wrapped_key: Buffer;
  readonly remembered: Buffer | null;
  readonly created_at: number;
  readonly last_activity: number;
  /** Kept by triggers: messages outside and inside the trash. */
  readonly count: number;
  readonly trashed_count: number;
  /** Computed on read: the newest epoch outside the trash, null when there is none. */
  readonly last_message_at: number | null;
}

export interface MessageRow {
  readonly id: number;
  readonly chat_id: number;
  /** The blind index of the pointer (unique): what the body is bound to. */
  readonly seen: Buffer;
  readonly epoch: number;
  readonly stored_at: number;
  readonly trashed: number;
  readonly body: Buffer;
}
