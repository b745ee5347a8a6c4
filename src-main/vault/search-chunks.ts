import type Database from 'better-sqlite3';
import type { Db } from './open-db.js';
import type { MessageRow } from './rows.js';

/** Ids checked per statement (SQLite allows 32,766 parameters). */
const LIVE_BATCH = 1000;

/**
 * The SQL of the search chunks (schema 4 -> 5): a chat's texts sealed in a
 * few large boxes, numbered from 0, so a search after unlock opens a few
 * hundred boxes instead of every message. Knows nothing of keys.
 *
 * A chunk may be kept in two rows, its front at n and its back at -1 - n,
 * so that reading the front does not read the back (SQLite reads a value
 * whole); where it is cut is the writer's affair.
 */
export class SearchChunkRows {
  readonly #s;
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
    this.#s = {
      numbers: db
        .prepare<[number], number>('SELECT n FROM search_chunks WHERE chat_id = ? AND n >= 0 ORDER BY n')
        .pluck(),
      get: db
        .prepare<[number, number], Buffer>('SELECT blob FROM search_chunks WHERE chat_id = ? AND n = ?')
        .pluck(),
      put: db.prepare<[number, number, Buffer]>(
        'INSERT INTO search_chunks (chat_id, n, blob) VALUES (?, ?, ?) ON CONFLICT (chat_id, n) DO UPDATE SET blob = excluded.blob',
      ),
      remove: db.prepare<[number, number, number]>(
        'DELETE FROM search_chunks WHERE chat_id = ? AND n IN (?, ?)',
      ),
      clear: db.prepare<[number]>('DELETE FROM search_chunks WHERE chat_id = ?'),
      isVisibleChat: db.prepare<[number], number>('SELECT 1 FROM chats WHERE id = ?').pluck(),
      // Kept by triggers in the same transaction as every change (schema 3).
      count: db
        .prepare<[number], number>('SELECT message_count + trashed_count FROM chats WHERE id = ?')
        .pluck(),
      trashed: db
        .prepare<[number], number>('SELECT id FROM messages WHERE chat_id = ? AND trashed = 1')
        .pluck(),
      // The chat's own index (chat_id, trashed, epoch, id) covers this: no message body is read.
      states: db
        .prepare<[number, number, number, number], [number, number, number]>(
          `SELECT id, epoch, trashed FROM messages WHERE chat_id = ? AND (trashed, epoch, id) > (?, ?, ?)
           ORDER BY trashed, epoch, id LIMIT 4096`,
        )
        .raw(),
    };
    this.transaction = (fn) => db.transaction(fn)();
  }

  readonly transaction: <T>(fn: () => T) => T;

  numbers = (chatId: number): number[] => this.#s.numbers.all(chatId);
  /** Chunk n's front (or all of it, when it is kept in one row). */
  get = (chatId: number, n: number): Buffer | undefined => this.#s.get.get(chatId, n);
  /** Chunk n's back, if it has one. */
  back = (chatId: number, n: number): Buffer | undefined => this.#s.get.get(chatId, -1 - n);
  /** Writes chunk n, in two rows when it has a back (the caller holds a transaction). */
  put(chatId: number, n: number, front: Buffer, back?: Buffer): void {
    this.#s.put.run(chatId, n, front);
    if (back) this.#s.put.run(chatId, -1 - n, back);
    else this.#s.remove.run(chatId, -1 - n, -1 - n);
  }
  remove = (chatId: number, n: number): void => void this.#s.remove.run(chatId, n, -1 - n);
  clear = (chatId: number): void => void this.#s.clear.run(chatId);
  /** Only chats with a row keep chunks (a hidden chat keeps its index in memory only). */
  isVisibleChat = (chatId: number): boolean => this.#s.isVisibleChat.get(chatId) === 1;

  /** The chat's messages, in the trash or not. */
  count = (chatId: number): number => this.#s.count.get(chatId) ?? 0;
  trashedIds = (chatId: number): number[] => this.#s.trashed.all(chatId);

  /** Of these ids, those of the chat's messages (in the trash too), as [id, epoch, first 4 bytes of seen, trashed]. */
  present(chatId: number, ids: readonly number[]): [number, number, number, number][] {
    const out: [number, number, number, number][] = [];
    for (let k = 0; k < ids.length; k += LIVE_BATCH) {
      const part = ids.slice(k, k + LIVE_BATCH);
      for (const [id, epoch, seen, trashed] of this.#presentOf(part.length).all(...part, chatId) as [
        number,
        number,
        Buffer,
        number,
      ][])
        out.push([id, epoch, seen.readUInt32LE(0), trashed]);
    }
    return out;
  }

  /** Of these ids, the chat's messages (in the trash too), whole: a search checks and shows its results from them. */
  rows(chatId: number, ids: readonly number[]): MessageRow[] {
    const out: MessageRow[] = [];
    for (let k = 0; k < ids.length; k += LIVE_BATCH) {
      const part = ids.slice(k, k + LIVE_BATCH);
      out.push(...(this.#rowsOf(part.length).all(...part, chatId) as MessageRow[]));
    }
    return out;
  }

  readonly #present = new Map<number, Database.Statement>();
  readonly #rows = new Map<number, Database.Statement>();
  #presentOf = (n: number) => this.#byIds(this.#present, 'id, epoch, seen, trashed', n).raw();
  #rowsOf = (n: number) => this.#byIds(this.#rows, 'id, chat_id, seen, epoch, stored_at, trashed, body', n);

  #byIds(cache: Map<number, Database.Statement>, columns: string, n: number): Database.Statement {
    let st = cache.get(n);
    if (!st) {
      st = this.#db.prepare(
        // By rowid (the unary + keeps the chat's index out): the cost follows the ids, not the chat's size.
        `SELECT ${columns} FROM messages WHERE id IN (${Array(n).fill('?').join(',')}) AND +chat_id = ?`,
      );
      if (cache.size < 64) cache.set(n, st);
    }
    return st;
  }

  /** Up to 4,096 of the chat's messages after (trashed, epoch, id), as [id, epoch, trashed]. */
  states = (chatId: number, after: readonly [number, number, number]): [number, number, number][] =>
    this.#s.states.all(chatId, ...after);
}

const byDb = new WeakMap<Db, SearchChunkRows>();

/** One set of prepared statements per connection. */
export function searchChunkRows(db: Db): SearchChunkRows {
  let rows = byDb.get(db);
  if (!rows) {
    rows = new SearchChunkRows(db);
    byDb.set(db, rows);
  }
  return rows;
}
