import { CellStore } from './cell-store.js';
import type { Db } from './open-db.js';

/** A message row sealed by the service (its body is ciphertext): all the writer sees of it. */
export interface RowToWrite {
  readonly chatId: number;
  /** 32 bytes. */
  readonly seen: Uint8Array;
  readonly epoch: number;
  readonly body: Uint8Array;
}

/**
 * One import batch, ready to store: its rows side by side in a few typed
 * arrays (so handing it to the writer's thread copies a few blocks of memory,
 * not thousands of objects), each chat's new last activity, and the chaff
 * cells the rows bring (drawn by the service, message by message).
 */
export interface WriteBatch {
  readonly count: number;
  readonly storedAt: number;
  readonly chatIds: Float64Array;
  readonly epochs: Float64Array;
  /** 32 bytes a row. */
  readonly seen: Uint8Array;
  /** The sealed bodies end to end: row i's ends at ends[i] and starts where row i - 1's ends. */
  readonly bodies: Uint8Array;
  readonly ends: Uint32Array;
  readonly touches: readonly (readonly [chatId: number, when: number])[];
  readonly chaff: number;
}

const SEEN = 32;

export function packBatch(
  rows: readonly RowToWrite[],
  storedAt: number,
  touches: WriteBatch['touches'],
  chaff: number,
): WriteBatch {
  const n = rows.length;
  const chatIds = new Float64Array(n);
  const epochs = new Float64Array(n);
  const seen = new Uint8Array(SEEN * n);
  const ends = new Uint32Array(n);
  let total = 0;
  for (const r of rows) total += r.body.length;
  const bodies = new Uint8Array(total);
  let at = 0;
  rows.forEach((r, i) => {
    if (r.seen.length !== SEEN) throw new Error('A blind index is 32 bytes.');
    chatIds[i] = r.chatId;
    epochs[i] = r.epoch;
    seen.set(r.seen, SEEN * i);
    bodies.set(r.body, at);
    at += r.body.length;
    ends[i] = at;
  });
  return { count: n, storedAt, chatIds, epochs, seen, bodies, ends, touches, chaff };
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
  const seen = view(batch.seen);
  const bodies = view(batch.bodies);
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
    const ids: number[] = new Array(batch.count);
    for (let i = 0; i < batch.count; i++) {
      const chatId = batch.chatIds[i] as number;
      if (!has(chatId)) {
        ids[i] = NOT_STORED;
        continue;
      }
      const start = i === 0 ? 0 : (batch.ends[i - 1] as number);
      ids[i] = Number(
        insert.run(
          chatId,
          seen.subarray(SEEN * i, SEEN * i + SEEN),
          batch.epochs[i] as number,
          batch.storedAt,
          bodies.subarray(start, batch.ends[i]),
        ).lastInsertRowid,
      );
    }
    for (const [id, when] of batch.touches) if (has(id)) touch.run(when, id);
    cells.addChaff(batch.chaff);
    return ids;
  });
  return store.immediate();
}

/** better-sqlite3 binds a Buffer as a blob: a view of the same memory, no copy. */
const view = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
