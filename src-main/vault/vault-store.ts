import type { Statement } from 'better-sqlite3';
import type { Db } from './open-db.js';
import type { ChatRow, MessageRow, ProfileRow } from './rows.js';

const SEEN_CHUNK = 256;

/** A stored blind index and its row. */
export interface SeenHit {
  readonly id: number;
  readonly chat_id: number;
  readonly seen: Buffer;
}

/**
 * Every SQL statement of the app, typed, prepared once. Knows nothing of keys:
 * it moves sealed blobs and blind indexes; the service seals and opens them.
 */
export class VaultStore {
  readonly #db: Db;
  readonly #s;

  constructor(db: Db) {
    this.#db = db;
    // Duplicate checks look up random blind indexes: a page cache of 64 MiB (instead of 2) keeps a
    // big vault's indexes in memory, and memory-mapped reads save a system call per page.
    db.pragma('cache_size = -65536');
    db.pragma('mmap_size = 268435456');
    // Counts are columns kept by triggers (schema 2 -> 3); the newest epoch is one index probe.
    const chatCols = `c.*, c.message_count AS count,
      (SELECT MAX(m.epoch) FROM messages m WHERE m.chat_id = c.id AND m.trashed = 0) AS last_message_at`;
    const cols = 'id, chat_id, seen, epoch, stored_at, trashed, body';
    const where = 'chat_id = ? AND trashed = ?';
    this.#s = {
      profile: db.prepare<[], ProfileRow>('SELECT * FROM profile WHERE id = 1'),
      insertProfile: db.prepare(
        'INSERT INTO profile (id, nickname, kdf_salt, kdf_log2n, wrapped_key, settings, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)',
      ),
      rewrapProfile: db.prepare(
        'UPDATE profile SET kdf_salt = ?, kdf_log2n = ?, wrapped_key = ? WHERE id = 1',
      ),
      setSettings: db.prepare('UPDATE profile SET settings = ? WHERE id = 1'),
      chats: db.prepare<[], ChatRow>(`SELECT ${chatCols} FROM chats c ORDER BY c.last_activity DESC, c.id`),
      chat: db.prepare<[number], ChatRow>(`SELECT ${chatCols} FROM chats c WHERE c.id = ?`),
      chatsByRoute: db.prepare<[Buffer], ChatRow>(
        `SELECT ${chatCols} FROM chats c WHERE c.route = ? ORDER BY c.id`,
      ),
      insertChat: db.prepare(
        'INSERT INTO chats (route, meta, unlock_salt, wrapped_key, created_at, last_activity) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      setChatMeta: db.prepare('UPDATE chats SET meta = ? WHERE id = ?'),
      setRemembered: db.prepare('UPDATE chats SET remembered = ? WHERE id = ?'),
      touchChat: db.prepare('UPDATE chats SET last_activity = MAX(last_activity, ?) WHERE id = ?'),
      deleteChat: db.prepare('DELETE FROM chats WHERE id = ?'),
      seenWhere: db.prepare<Buffer[], SeenHit>(
        `SELECT id, chat_id, seen FROM messages WHERE seen IN (${Array(SEEN_CHUNK).fill('?').join(',')})`,
      ),
      seenMany: db.prepare<Buffer[], MessageRow>(
        `SELECT ${cols} FROM messages WHERE seen IN (${Array(SEEN_CHUNK).fill('?').join(',')})`,
      ),
      insertMessage: db.prepare(
        'INSERT INTO messages (chat_id, seen, epoch, stored_at, body) VALUES (?, ?, ?, ?, ?)',
      ),
      messages: db.prepare<[number, number], MessageRow>(
        `SELECT ${cols} FROM messages WHERE chat_id = ? AND trashed = ? ORDER BY epoch, id`,
      ),
      messagesNewestFirst: db.prepare<[number, number, number, number], MessageRow>(
        `SELECT ${cols} FROM messages WHERE ${where} ORDER BY epoch DESC, id DESC LIMIT ? OFFSET ?`,
      ),
      messagesOldestFirst: db.prepare<[number, number, number, number], MessageRow>(
        `SELECT ${cols} FROM messages WHERE ${where} ORDER BY epoch, id LIMIT ? OFFSET ?`,
      ),
      messagesBefore: db.prepare<[number, number, number, number, number], MessageRow>(
        `SELECT ${cols} FROM messages WHERE ${where} AND (epoch, id) < (?, ?) ORDER BY epoch DESC, id DESC LIMIT ?`,
      ),
      messagesAfter: db.prepare<[number, number, number, number, number], MessageRow>(
        `SELECT ${cols} FROM messages WHERE ${where} AND (epoch, id) > (?, ?) ORDER BY epoch, id LIMIT ?`,
      ),
      // "+chat_id": walk the newest rows by id, not the chat's whole index (these are few).
      rowsAfterId: db.prepare<[number, number, number], MessageRow>(
        `SELECT ${cols} FROM messages WHERE id > ? AND +chat_id = ? ORDER BY id LIMIT ?`,
      ),
      maxId: db.prepare<[], { n: number | null }>('SELECT MAX(id) AS n FROM messages'),
      // Each half reads one end of the chat's index; MAX over the chat alone would scan it.
      latestEpoch: db.prepare<[number, number], { n: number | null }>(
        `SELECT MAX(n) AS n FROM (SELECT MAX(epoch) AS n FROM messages WHERE chat_id = ? AND trashed = 0
           UNION ALL SELECT MAX(epoch) FROM messages WHERE chat_id = ? AND trashed = 1)`,
      ),
      countBefore: db.prepare<[number, number, number, number], { n: number }>(
        `SELECT COUNT(*) AS n FROM messages WHERE ${where} AND (epoch, id) < (?, ?)`,
      ),
      message: db.prepare<[number, number], MessageRow>(
        `SELECT ${cols} FROM messages WHERE id = ? AND chat_id = ?`,
      ),
      // A chat's rows by id, a chunk at a time: what rewriting a chat's blind indexes walks.
      chatRowsAfterId: db.prepare<[number, number, number], MessageRow>(
        `SELECT ${cols} FROM messages WHERE chat_id = ? AND id > ? ORDER BY id LIMIT ?`,
      ),
      rekeyMessage: db.prepare('UPDATE messages SET seen = ?, body = ? WHERE id = ? AND chat_id = ?'),
      setTrashed: db.prepare('UPDATE messages SET trashed = ?, body = ? WHERE id = ? AND chat_id = ?'),
      deleteMessage: db.prepare('DELETE FROM messages WHERE id = ? AND chat_id = ?'),
      emptyTrash: db.prepare('DELETE FROM messages WHERE chat_id = ? AND trashed = 1'),
      clearChat: db.prepare('DELETE FROM messages WHERE chat_id = ?'),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.#db.transaction(fn)();
  }

  /** SQLite's online backup: a consistent copy of the (encrypted) file, taken while it is in use. */
  async backupTo(dest: string): Promise<void> {
    await this.#db.backup(dest);
  }

  profile = (): ProfileRow | undefined => this.#s.profile.get();
  insertProfile(p: Omit<ProfileRow, 'created_at'>, now: number): void {
    this.#s.insertProfile.run(p.nickname, p.kdf_salt, p.kdf_log2n, p.wrapped_key, p.settings, now);
  }
  rewrapProfile(salt: Buffer, log2n: number, wrapped: Buffer): void {
    this.#s.rewrapProfile.run(salt, log2n, wrapped);
  }
  setSettings(blob: Buffer): void {
    this.#s.setSettings.run(blob);
  }

  chats = (): ChatRow[] => this.#s.chats.all();
  chat = (id: number): ChatRow | undefined => this.#s.chat.get(id);
  chatsByRoute = (route: Buffer): ChatRow[] => this.#s.chatsByRoute.all(route);
  insertChat(route: Buffer, meta: Buffer, salt: Buffer, wrapped: Buffer, now: number): number {
    return Number(this.#s.insertChat.run(route, meta, salt, wrapped, now, now).lastInsertRowid);
  }
  setChatMeta(id: number, meta: Buffer): void {
    this.#s.setChatMeta.run(meta, id);
  }
  setRemembered(id: number, blob: Buffer | null): void {
    this.#s.setRemembered.run(blob, id);
  }
  touchChat(id: number, when: number): void {
    this.#s.touchChat.run(when, id);
  }
  deleteChat(id: number): void {
    this.#s.deleteChat.run(id);
  }

  /** The stored messages among many blind indexes, by the index's hex: one query per few hundred. */
  seenMany = (keys: readonly Buffer[]): Map<string, MessageRow> => bySeen(this.#s.seenMany, keys);
  /** Where each of these blind indexes is stored, without the rows' bodies (an import's duplicates). */
  seenWhere = (keys: readonly Buffer[]): Map<string, SeenHit> => bySeen(this.#s.seenWhere, keys);
  insertMessage(chatId: number, seen: Buffer, epoch: number, now: number, body: Buffer): number {
    return Number(this.#s.insertMessage.run(chatId, seen, epoch, now, body).lastInsertRowid);
  }
  messages = (chatId: number, trashed: boolean): MessageRow[] =>
    this.#s.messages.all(chatId, trashed ? 1 : 0);
  /** The newest `limit` messages after skipping `skip` of the newest, oldest first. */
  newest(chatId: number, trashed: boolean, limit: number, skip = 0): MessageRow[] {
    return this.#s.messagesNewestFirst.all(chatId, trashed ? 1 : 0, limit, skip).reverse();
  }
  /** The oldest `limit` messages after skipping `skip` of the oldest, oldest first. */
  oldest(chatId: number, trashed: boolean, limit: number, skip = 0): MessageRow[] {
    return this.#s.messagesOldestFirst.all(chatId, trashed ? 1 : 0, limit, skip);
  }
  /** Up to `limit` messages just older than `m` (by epoch, then id), oldest first. */
  before(m: MessageRow, limit: number): MessageRow[] {
    return this.#s.messagesBefore.all(m.chat_id, m.trashed, m.epoch, m.id, limit).reverse();
  }
  /** Up to `limit` messages just newer than `m`, oldest first. */
  after(m: MessageRow, limit: number): MessageRow[] {
    return this.#s.messagesAfter.all(m.chat_id, m.trashed, m.epoch, m.id, limit);
  }
  /** A chat's messages, trash included, with ids above `afterId`, by id. */
  rowsAfterId = (chatId: number, afterId: number, limit: number): MessageRow[] =>
    this.#s.rowsAfterId.all(afterId, chatId, limit);
  /** The highest message id in the vault (0 when empty). */
  maxMessageId = (): number => (this.#s.maxId.get() as { n: number | null }).n ?? 0;
  /** The newest epoch of any message the chat holds (in the trash too), or undefined. */
  latestEpoch = (chatId: number): number | undefined =>
    (this.#s.latestEpoch.get(chatId, chatId) as { n: number | null }).n ?? undefined;
  /** How many messages of `m`'s chat and side (trash or not) sort before it: its position. */
  countBefore = (m: MessageRow): number =>
    (this.#s.countBefore.get(m.chat_id, m.trashed, m.epoch, m.id) as { n: number }).n;
  message = (chatId: number, id: number): MessageRow | undefined => this.#s.message.get(id, chatId);
  /** Up to `limit` of the chat's messages (trash too) with ids above `afterId`, by id. */
  chatRowsAfterId = (chatId: number, afterId: number, limit: number): MessageRow[] =>
    this.#s.chatRowsAfterId.all(chatId, afterId, limit);
  /** Gives a message a new blind index, with its body sealed anew for it (bound to the index). */
  rekeyMessage(chatId: number, id: number, seen: Buffer, body: Buffer): void {
    this.#s.rekeyMessage.run(seen, body, id, chatId);
  }
  /** Moves a message in or out of the trash with its body sealed anew for its new place. */
  setTrashed(chatId: number, id: number, trashed: boolean, body: Buffer): boolean {
    return this.#s.setTrashed.run(trashed ? 1 : 0, body, id, chatId).changes > 0;
  }
  deleteMessage(chatId: number, id: number): boolean {
    return this.#s.deleteMessage.run(id, chatId).changes > 0;
  }
  emptyTrash(chatId: number): number {
    return this.#s.emptyTrash.run(chatId).changes;
  }
  clearChat(chatId: number): number {
    return this.#s.clearChat.run(chatId).changes;
  }
}

/** Runs a statement of SEEN_CHUNK blind indexes over many keys; what it finds, by the index's hex. */
function bySeen<T extends { readonly seen: Buffer }>(
  stmt: Statement<Buffer[], T>,
  keys: readonly Buffer[],
): Map<string, T> {
  const found = new Map<string, T>();
  for (let i = 0; i < keys.length; i += SEEN_CHUNK) {
    const chunk = keys.slice(i, i + SEEN_CHUNK);
    // The statement takes a fixed number of keys; repeating one fills the rest.
    while (chunk.length < SEEN_CHUNK) chunk.push(chunk[0] as Buffer);
    for (const r of stmt.all(...chunk)) found.set(r.seen.toString('hex'), r);
  }
  return found;
}
