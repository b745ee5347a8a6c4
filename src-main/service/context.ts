import { chatNameProblem } from '../../src-shared/checks.js';
import type { ChatSummary, LocalChatId, MessengerEvent, Settings } from '../../src-shared/types.js';
import { openJson } from '../vault/box.js';
import { CellStore } from '../vault/cell-store.js';
import { type Db, type OpenDbOptions, openDb } from '../vault/open-db.js';
import type { ChatRow } from '../vault/rows.js';
import { VaultStore } from '../vault/vault-store.js';
import { VaultWriter } from '../vault/vault-writer.js';
import { type ChatRows, sqlChatRows } from './chat-rows.js';
import { notOpened } from './cost-floor.js';
import { addCover } from './hidden/cover.js';
import { HiddenChats, hiddenSummary } from './hidden/registry.js';
import { KdfPool } from './kdf/kdf-pool.js';
import { OpenChats } from './open-chats.js';
import { type ChatMeta, chatCost, type OpenChat } from './records.js';
import { ServiceError } from './service-error.js';

export interface MessengerOptions extends OpenDbOptions {
  /** Sealed v2 cost for new chats (and the legacy proof cost); tests use 12 to stay fast. Default 17. */
  readonly chatLog2N?: number;
  /** Master phrase cost; default 17. */
  readonly profileLog2N?: number;
  /** Milliseconds between idle checks; default 15 s. */
  readonly idleCheckMs?: number;
  /** Hidden chats' scrypt cost (docs/hidden-chats.md); default 17, else chatLog2N when a test lowers that. */
  readonly hiddenLog2N?: number;
}

/** A logged-in profile: its data key, in memory only, wiped on logout. */
export interface Session {
  readonly dk: Uint8Array;
  readonly nickname: string;
  settings: Settings;
  /** When a call last used the session (Date.now()); logging out after idle time counts from it. */
  lastActive: number;
}

export const now = (): number => Math.floor(Date.now() / 1000);

/** Chat records opened this session, by row id: gone with the session (logout drops it). */
const metaCache = new WeakMap<Session, Map<number, { blob: Buffer; meta: ChatMeta }>>();

/**
 * What every room of the service shares: the vault, the scrypt worker, the
 * session and its open chats, and the event listeners. The rooms
 * (profile-session, chat-keys, chats, messages, import-port) are functions
 * over this one object; the Messenger is their facade.
 */
export class ServiceContext {
  readonly path: string;
  readonly opts: MessengerOptions;
  readonly kdf = new KdfPool();
  /** Imports' batches are stored from a thread of its own (vault-writer.ts). */
  readonly writer: VaultWriter;
  readonly open: OpenChats;
  /** Open hidden chats: in memory only, dropped (and wiped) when their chat locks or the session ends. */
  readonly hidden = new HiddenChats();
  session: Session | undefined;
  idleTimer: NodeJS.Timeout | undefined;
  /** Imports under way (at most one runs; more wait): search indexes hold their background work meanwhile. */
  importing = 0;
  /** Imports run one after another (see import-port.ts). */
  importQueue: Promise<unknown> = Promise.resolve();
  readonly #listeners = new Set<(e: MessengerEvent) => void>();
  /** Opened on first use; closed (and forgotten) by close() and deleteProfile(). */
  #vault: { db: Db; store: VaultStore; cells: CellStore } | undefined;
  #closed = false;

  constructor(path: string, opts: MessengerOptions) {
    this.path = path;
    this.opts = opts;
    this.writer = new VaultWriter(path, () => this.db, opts.nativeBinding);
    this.open = new OpenChats((chatId, reason) => {
      // A hidden chat locked: the write-ahead log must not keep its cells' earlier boxes.
      if (this.hidden.drop(chatId)) this.cells.checkpoint();
      this.emit({ type: 'chat-locked', chatId, reason });
    });
    this.#vault = this.#openVault();
  }

  #openVault() {
    const db = openDb(this.path, this.opts);
    return { db, store: new VaultStore(db), cells: new CellStore(db) };
  }

  get store(): VaultStore {
    if (this.#closed)
      throw new ServiceError('vault-closed', 'The vault is closed; restart the app to open it again.');
    this.#vault ??= this.#openVault();
    return this.#vault.store;
  }

  /** The hidden chats' cells (and their chaff), in the same database as the store. */
  get cells(): CellStore {
    void this.store;
    return (this.#vault as { cells: CellStore }).cells;
  }

  /** The database under the store, for the few tables with their own SQL file (search-chunks.ts). */
  get db(): Db {
    void this.store;
    return (this.#vault as { db: Db }).db;
  }

  /**
   * One chat's message rows: an open hidden chat's cells, else the visible
   * tables (where each message stored brings its share of chaff cells).
   */
  rows(id: LocalChatId): ChatRows {
    const hidden = this.hidden.get(id);
    if (hidden) return hidden;
    // One adapter per chat and vault: an import asks for it once a message, and making it is not free.
    const store = this.store;
    let byChat = this.#sqlRows.get(store);
    if (!byChat) {
      byChat = new Map();
      this.#sqlRows.set(store, byChat);
    }
    let rows = byChat.get(id);
    if (!rows) {
      rows = sqlChatRows(store, id, () => {
        addCover(this.cells, 'message');
      });
      byChat.set(id, rows);
    }
    return rows;
  }
  readonly #sqlRows = new WeakMap<VaultStore, Map<LocalChatId, ChatRows>>();

  get closed(): boolean {
    return this.#closed;
  }

  /** Closes the database; with `forever`, the next use is refused instead of opening a fresh vault. */
  closeVault(forever: boolean): void {
    this.#vault?.db.close();
    this.#vault = undefined;
    if (forever) this.#closed = true;
  }

  onEvent(listener: (e: MessengerEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(e: MessengerEvent): void {
    for (const l of this.#listeners) l(e);
  }

  requireSession(): Session {
    if (this.session) {
      this.session.lastActive = Date.now();
      return this.session;
    }
    const exists = this.store.profile() !== undefined;
    throw new ServiceError(
      exists ? 'not-logged-in' : 'no-profile',
      exists ? 'Log in first.' : 'There is no profile in this vault yet; create one first.',
    );
  }

  /** The chat's row, for a logged-in session; a clear refusal when there is no such chat. */
  row(id: LocalChatId): ChatRow {
    this.requireSession();
    const row = this.store.chat(id);
    if (!row) throw new ServiceError('unknown-chat', `There is no chat ${id}.`);
    return row;
  }

  /** The chat's name, format and wire id: sealed under the profile key, readable after login. */
  meta(row: ChatRow): ChatMeta {
    const session = this.requireSession();
    // Opened once per session and record: listing 1,000 chats need not decrypt 1,000 blobs each time.
    let cache = metaCache.get(session);
    if (!cache) {
      cache = new Map();
      metaCache.set(session, cache);
    }
    const hit = cache.get(row.id);
    if (hit?.blob.equals(row.meta)) return hit.meta;
    const m = openJson<ChatMeta>(session.dk, row.meta, `chat-meta|${row.id}`);
    if (!m) throw new ServiceError('unknown-chat', 'This chat record cannot be read with this profile.');
    cache.set(row.id, { blob: Buffer.from(row.meta), meta: m });
    return m;
  }

  summary(row: ChatRow, meta = this.meta(row)): ChatSummary {
    const id = row.id as LocalChatId;
    return {
      id,
      name: meta.name,
      format: meta.format,
      wireId: meta.wire,
      locked: !this.open.has(id),
      remembered: row.remembered !== null,
      count: row.count,
      trashCount: row.trashed_count,
      lastActivity: row.last_activity,
      ...(row.last_message_at === null ? {} : { lastMessageAt: row.last_message_at }),
      ...(meta.format === 'sealed-v2' ? { k: chatCost(meta) } : {}),
      ...notOpened(meta, this.opts.chatLog2N),
    };
  }

  chat(id: LocalChatId): ChatSummary {
    const h = this.session && this.hidden.get(id);
    if (h) return hiddenSummary(h);
    return this.summary(this.row(id));
  }

  /** The open chat, or a clear refusal; every use counts as activity for auto-lock. */
  openChat(id: LocalChatId): OpenChat {
    this.requireSession();
    const c = this.open.get(id);
    if (c) {
      c.lastUsed = Date.now();
      return c;
    }
    const name = this.meta(this.row(id)).name;
    throw new ServiceError('chat-locked', `Chat "${name}" is locked; unlock it with its secret.`);
  }

  /** A chat name as stored: trimmed, within the limit, or refused with a sentence. */
  checkName(name: string): string {
    const problem = chatNameProblem(name);
    if (problem) throw new ServiceError('bad-input', problem);
    return name.trim();
  }
}
