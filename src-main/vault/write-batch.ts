import { CellStore } from './cell-store.js';
import type { Db } from './open-db.js';

/** A message row sealed by the service (its body is ciphertext): all the writer sees of it. */
export interface RowToWrite {
  readonly chatId: number;
  readonly seen: Uint8Array;
  readonly epoch: number;
  readonly storedAt: number;
  readonly body: Uint8Array;
}

/**
 * One import batch, ready to store: rows, each chat's new last activity, and
 * the chaff cells the rows bring (drawn by the service, message by message).
 */
export interface WriteBatch {
  readonly rows: readonly RowToWrite[];
  readonly touches: readonly (readonly [chatId: number, when: number])[];
  readonly chaff: number;
}

/** A row's id, or NOT_STORED when its chat was deleted before the batch's transaction. */
export const NOT_STORED = -1;

/**
 * Stores a batch in one transaction: the vault writer's thread does this on
 * its own connection, or the main thread on its own when there is no such
 * thread. A row whose chat is gone is left out (the rest still commit).
 */
export function writeBatch(db: Db, batch: WriteBatch): number[] {
  const chatExists = db.prepare<[number], { id: number }>('SELECT id FROM chats WHERE id = ?');
  const insert = db.prepare<[number, Buffer, number, number, Buffer]>(
    'INSERT INTO messages (chat_id, seen, epoch, stored_at, body) VALUES (?, ?, ?, ?, ?)',
  );
  const touch = db.prepare<[number, number]>(
    'UPDATE chats SET last_activity = MAX(last_activity, ?) WHERE id = ?',
  );
  const cells = new CellStore(db);
  // IMMEDIATE: the write lock is taken first, waiting its turn (busy timeout). A transaction that read
  // first would fail at once (SQLITE_BUSY_SNAPSHOT) when the main thread wrote in between.
  const store = db.transaction(() => {
    const exists = new Map<number, boolean>();
    const has = (id: number) => {
      let e = exists.get(id);
      if (e === undefined) {
        e = chatExists.get(id) !== undefined;
        exists.set(id, e);
      }
      return e;
    };
    const ids = batch.rows.map((r) =>
      has(r.chatId)
        ? Number(insert.run(r.chatId, bytes(r.seen), r.epoch, r.storedAt, bytes(r.body)).lastInsertRowid)
        : NOT_STORED,
    );
    for (const [id, when] of batch.touches) if (has(id)) touch.run(when, id);
    cells.addChaff(batch.chaff);
    return ids;
  });
  return store.immediate();
}

/** better-sqlite3 binds a Buffer as a blob; a Uint8Array that crossed threads is viewed as one. */
const bytes = (b: Uint8Array): Buffer =>
  Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
