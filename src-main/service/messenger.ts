import { rmSync } from 'node:fs';
import { charCount, LIMITS } from '../../src-shared/limits.js';
import {
  type ChatInfo,
  type ChatSummary,
  DEFAULT_SETTINGS,
  type Format,
  type HistoryPage,
  type ImportOutcome,
  type LocalChatId,
  type MessageId,
  type MessageView,
  type MessengerEvent,
  type NewChat,
  type PointerPeek,
  type ProfileStatus,
  type Settings,
} from '../../src-shared/types.js';
import { fromBase64Url, toBase64Url, toHex, wipe } from '../core/bytes.js';
import { fingerprintCode, legacyFingerprintParams, sealedFingerprintBytes } from '../core/fingerprint.js';
import { sealLegacy } from '../core/legacy.js';
import { parsePaste } from '../core/paste.js';
import { pointerToText } from '../core/pointer-parse.js';
import type { ChatId, OpenedPointer } from '../core/pointer-types.js';
import type { Result } from '../core/result.js';
import { sealSealed } from '../core/sealed.js';
import { sealedKeyFromBytes } from '../core/sealed-key.js';
import { open, openJson, seal, sealJson } from '../vault/box.js';
import { type Db, type OpenDbOptions, openDb } from '../vault/open-db.js';
import type { ChatRow, MessageRow } from '../vault/rows.js';
import { VaultStore } from '../vault/vault-store.js';
import {
  chatProof,
  deriveSealedWireKey,
  legacyWireKey,
  newSealedWireId,
  openWithWireKey,
  receivedChatName,
  type WireKey,
} from './chat-secrets.js';
import type { ImportOptions } from './import-options.js';
import { type ImportPort, importPaste } from './import-router.js';
import { KdfPool } from './kdf/kdf-pool.js';
import { OpenChats } from './open-chats.js';
import type { ChatMeta, ChatSecretBox, MessageBody, OpenChat, RememberedBox } from './records.js';
import { ServiceError } from './service-error.js';
import {
  chatUnlockKey,
  LEGACY_PROOF_LOG2N,
  masterBytes,
  PROFILE_KDF_LOG2N,
  randomKey,
  randomSalt,
  routeIndex,
  seenIndex,
} from './vault-keys.js';

interface Session {
  readonly dk: Uint8Array;
  readonly nickname: string;
  settings: Settings;
}

const now = (): number => Math.floor(Date.now() / 1000);

export interface MessengerOptions extends OpenDbOptions {
  /** Sealed v2 cost for new chats; tests use 12 to stay fast. Default 17. */
  readonly chatLog2N?: number;
  /** Master phrase cost; default 17. */
  readonly profileLog2N?: number;
  /** Milliseconds between idle checks; default 15 s. */
  readonly idleCheckMs?: number;
}

/**
 * The messenger as plain TypeScript: profile, chats, messages, import. The CLI
 * and the IPC router are fronts on it. Keys live here, in memory, and nowhere else.
 */
export class Messenger {
  readonly #path: string;
  /** Opened on first use; closed (and forgotten) by close() and deleteProfile(). */
  #vault: { db: Db; store: VaultStore } | undefined;
  readonly #kdf = new KdfPool();
  readonly #opts: MessengerOptions;
  readonly #listeners = new Set<(e: MessengerEvent) => void>();
  #session: Session | undefined;
  readonly #open = new OpenChats((chatId, reason) => this.#emit({ type: 'chat-locked', chatId, reason }));
  #idleTimer: NodeJS.Timeout | undefined;
  #closed = false;
  #importQueue: Promise<unknown> = Promise.resolve();

  private constructor(path: string, opts: MessengerOptions) {
    this.#path = path;
    this.#opts = opts;
    this.#vault = Messenger.#openVault(path, opts);
  }

  static #openVault(path: string, opts: MessengerOptions) {
    const db = openDb(path, opts);
    return { db, store: new VaultStore(db) };
  }

  get #store(): VaultStore {
    if (this.#closed)
      throw new ServiceError('vault-closed', 'The vault is closed; restart the app to open it again.');
    this.#vault ??= Messenger.#openVault(this.#path, this.#opts);
    return this.#vault.store;
  }

  static open(path: string, opts: MessengerOptions = {}): Messenger {
    return new Messenger(path, opts);
  }

  get vaultPath(): string {
    return this.#path;
  }

  onEvent(listener: (e: MessengerEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(e: MessengerEvent): void {
    for (const l of this.#listeners) l(e);
  }

  // ---- profile -------------------------------------------------------------

  status(): ProfileStatus {
    const p = this.#store.profile();
    return p
      ? { exists: true, nickname: p.nickname, loggedIn: this.#session !== undefined }
      : { exists: false, loggedIn: false };
  }

  async createProfile(nickname: string, master: string): Promise<void> {
    const nick = nickname.trim();
    if (this.#store.profile()) throw new ServiceError('profile-exists', 'This vault already has a profile.');
    if (charCount(nick) < 1 || charCount(nick) > LIMITS.authorChars || nick.includes(': ')) {
      throw new ServiceError(
        'bad-input',
        `The nickname must be 1 to ${LIMITS.authorChars} characters, without ": ".`,
      );
    }
    if (master.trim() === '') throw new ServiceError('bad-input', 'The master phrase is empty.');
    const log2n = this.#opts.profileLog2N ?? PROFILE_KDF_LOG2N;
    const salt = randomSalt();
    const kek = await this.#kdf.scrypt(masterBytes(master), salt, log2n, 32);
    const dk = randomKey();
    const wrapped = seal(kek, dk, 'profile-key');
    this.#store.insertProfile(
      {
        nickname: nick,
        kdf_salt: salt,
        kdf_log2n: log2n,
        wrapped_key: wrapped,
        settings: sealJson(dk, DEFAULT_SETTINGS, 'settings'),
      },
      now(),
    );
    wipe(kek);
    this.#session = { dk, nickname: nick, settings: DEFAULT_SETTINGS };
    this.#startIdleTimer();
  }

  async #unwrapProfileKey(master: string): Promise<Uint8Array> {
    const p = this.#store.profile();
    if (!p) throw new ServiceError('no-profile', 'There is no profile in this vault yet; create one first.');
    const kek = await this.#kdf.scrypt(masterBytes(master), p.kdf_salt, p.kdf_log2n, 32);
    const dk = open(kek, p.wrapped_key, 'profile-key');
    wipe(kek);
    if (!dk) throw new ServiceError('wrong-passphrase', 'That master phrase is not the right one.');
    return new Uint8Array(dk);
  }

  async login(master: string): Promise<void> {
    const dk = await this.#unwrapProfileKey(master);
    const p = this.#store.profile() as NonNullable<ReturnType<VaultStore['profile']>>;
    this.logout();
    const settings = (p.settings && openJson<Settings>(dk, p.settings, 'settings')) || DEFAULT_SETTINGS;
    this.#session = { dk, nickname: p.nickname, settings: { ...DEFAULT_SETTINGS, ...settings } };
    for (const row of this.#store.chats()) {
      if (row.remembered) this.#openRemembered(row);
    }
    this.#startIdleTimer();
  }

  /** Forgets every key: the profile's and every chat's (logout, suspend, screen lock, quit). */
  logout(reason: 'logout' | 'suspend' = 'logout'): void {
    const had = this.#session !== undefined;
    this.#open.wipeAll();
    if (this.#session) wipe(this.#session.dk);
    this.#session = undefined;
    if (this.#idleTimer) clearInterval(this.#idleTimer);
    this.#idleTimer = undefined;
    if (had) this.#emit({ type: 'all-locked', reason });
  }

  /** Re-wraps the one profile key under the new phrase; nothing else is re-encrypted. */
  async changeMaster(oldMaster: string, newMaster: string): Promise<void> {
    this.#requireSession();
    if (newMaster.trim() === '') throw new ServiceError('bad-input', 'The new master phrase is empty.');
    const dk = await this.#unwrapProfileKey(oldMaster);
    const log2n = this.#opts.profileLog2N ?? PROFILE_KDF_LOG2N;
    const salt = randomSalt();
    const kek = await this.#kdf.scrypt(masterBytes(newMaster), salt, log2n, 32);
    this.#store.rewrapProfile(salt, log2n, seal(kek, dk, 'profile-key'));
    wipe(kek, dk);
  }

  /** Removes the vault file and its -wal and -shm. Needs the login and the word DELETE. */
  async deleteProfile(confirm: string): Promise<void> {
    this.#requireSession();
    if (confirm !== 'DELETE') {
      throw new ServiceError('not-confirmed', 'To delete the profile, type the word DELETE exactly.');
    }
    this.logout();
    // The file goes; the messenger stays usable: the next call opens a fresh, empty vault.
    this.#vault?.db.close();
    this.#vault = undefined;
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(this.#path + suffix, { force: true });
  }

  settings(): Settings {
    return this.#requireSession().settings;
  }

  setSettings(patch: Partial<Settings>): Settings {
    const s = this.#requireSession();
    const minutes = patch.autoLockMinutes ?? s.settings.autoLockMinutes;
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 24 * 60) {
      throw new ServiceError('bad-input', 'Auto-lock minutes must be a whole number from 0 (never) to 1440.');
    }
    s.settings = { ...s.settings, ...patch, autoLockMinutes: minutes };
    this.#store.setSettings(sealJson(s.dk, s.settings, 'settings'));
    return s.settings;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.logout();
    this.#closed = true;
    await this.#kdf.close();
    this.#vault?.db.close();
    this.#vault = undefined;
  }

  #requireSession(): Session {
    if (!this.#session) {
      throw new ServiceError(
        this.#store.profile() ? 'not-logged-in' : 'no-profile',
        this.#store.profile() ? 'Log in first.' : 'There is no profile in this vault yet; create one first.',
      );
    }
    return this.#session;
  }

  // ---- chats: list, create, unlock, lock -----------------------------------

  #meta(row: ChatRow): ChatMeta {
    const m = openJson<ChatMeta>(this.#requireSession().dk, row.meta, `chat-meta|${row.id}`);
    if (!m) throw new ServiceError('unknown-chat', 'This chat record cannot be read with this profile.');
    return m;
  }

  #summary(row: ChatRow, meta = this.#meta(row)): ChatSummary {
    return {
      id: row.id as LocalChatId,
      name: meta.name,
      format: meta.format,
      wireId: meta.wire,
      locked: !this.#open.has(row.id as LocalChatId),
      remembered: row.remembered !== null,
      count: row.count,
      trashCount: row.trashed_count,
      lastActivity: row.last_activity,
    };
  }

  listChats(): ChatSummary[] {
    this.#requireSession();
    return this.#store.chats().map((r) => this.#summary(r));
  }

  chat(id: LocalChatId): ChatSummary {
    return this.#summary(this.#row(id));
  }

  #row(id: LocalChatId): ChatRow {
    this.#requireSession();
    const row = this.#store.chat(id);
    if (!row) throw new ServiceError('unknown-chat', `There is no chat ${id}.`);
    return row;
  }

  /** Finds a chat by local id, wire id or unique name, as the CLI's CHAT argument. */
  findChat(ref: string): ChatSummary {
    const chats = this.listChats();
    const byId = /^\d+$/.test(ref) ? chats.filter((c) => String(c.id) === ref) : [];
    if (byId.length === 1) return byId[0] as ChatSummary;
    const matches = chats.filter((c) => c.name === ref || c.wireId === ref);
    if (matches.length === 1) return matches[0] as ChatSummary;
    if (matches.length > 1) {
      throw new ServiceError(
        'ambiguous-chat',
        `"${ref}" names ${matches.length} chats; use the number from \`clm chats\` (${matches.map((c) => c.id).join(', ')}).`,
      );
    }
    throw new ServiceError('unknown-chat', `There is no chat "${ref}".`);
  }

  #checkName(name: string): string {
    const n = name.trim();
    if (charCount(n) < 1 || charCount(n) > LIMITS.titleChars) {
      throw new ServiceError('bad-input', `A chat name must be 1 to ${LIMITS.titleChars} characters.`);
    }
    return n;
  }

  async createChat(req: NewChat): Promise<ChatSummary> {
    this.#requireSession();
    const name = this.#checkName(req.name);
    if (req.secret.trim() === '') throw new ServiceError('bad-input', 'The chat secret is empty.');
    if (req.format === 'legacy') {
      const wire = (req.legacyId ?? String(100000 + Math.floor(Math.random() * 900000))).trim();
      if (wire === '' || wire.length > LIMITS.legacyChatChars || /\s/.test(wire)) {
        throw new ServiceError(
          'bad-input',
          `A legacy chat id must be 1 to ${LIMITS.legacyChatChars} characters without spaces.`,
        );
      }
      const wireKey = legacyWireKey(req.secret, wire, req.suffix?.trim() || undefined);
      return this.#insertChat({ name, format: 'legacy', wire, createdHere: true }, wireKey);
    }
    if (req.legacyId !== undefined || req.suffix !== undefined) {
      throw new ServiceError('bad-input', 'A chat id and suffix are chosen only for legacy chats.');
    }
    const k = req.k ?? this.#opts.chatLog2N ?? LIMITS.kDefault;
    if (!Number.isInteger(k) || k < LIMITS.kMin || k > LIMITS.kMax) {
      throw new ServiceError('bad-input', `k must be a whole number from ${LIMITS.kMin} to ${LIMITS.kMax}.`);
    }
    const wire = newSealedWireId();
    const key = await deriveSealedWireKey(this.#kdf, req.secret, wire, k);
    return this.#insertChat(
      { name, format: 'sealed-v2', wire, k, createdHere: true },
      { format: 'sealed-v2', key },
    );
  }

  /**
   * Writes a new chat row and opens it. `firstMessage`, when given, is stored in
   * the same transaction: a chat created on receipt never exists without it.
   */
  async #insertChat(
    given: ChatMeta,
    wire: WireKey,
    firstMessage?: { epoch: number; body: MessageBody },
  ): Promise<ChatSummary & { messageId?: MessageId }> {
    const s = this.#requireSession();
    const salt = randomSalt();
    const meta: ChatMeta =
      given.format === 'legacy'
        ? { ...given, proofLog2N: this.#opts.chatLog2N ?? LEGACY_PROOF_LOG2N }
        : given;
    const proof = await chatProof(this.#kdf, wire, salt, meta.proofLog2N);
    // The proof took a while: if the person logged out meanwhile, write nothing.
    if (this.#session !== s)
      throw new ServiceError('not-logged-in', 'Logged out before the chat was created; nothing was stored.');
    const cdk = randomKey();
    const unlockKey = chatUnlockKey(s.dk, salt, proof);
    const secretBox: ChatSecretBox = {
      cdk: toBase64Url(cdk),
      ...(wire.format === 'legacy' ? { suffix: wire.suffix } : {}),
    };
    const t = now();
    let messageId: MessageId | undefined;
    const id = this.#store.transaction(() => {
      const id = this.#store.insertChat(
        routeIndex(s.dk, meta.format, meta.wire),
        Buffer.alloc(0),
        salt,
        sealJson(unlockKey, secretBox, `chat-key|${toHex(salt)}`),
        t,
      ) as LocalChatId;
      this.#store.setChatMeta(id, sealJson(s.dk, meta, `chat-meta|${id}`));
      if (firstMessage) messageId = this.#insertMessage(id, cdk, firstMessage.epoch, firstMessage.body);
      return id;
    });
    wipe(unlockKey, proof);
    this.#open.add({ id, meta, cdk, wire, remembered: false, lastUsed: Date.now() });
    return { ...this.chat(id), ...(messageId === undefined ? {} : { messageId }) };
  }

  /** Opens a chat with its secret. A wrong secret opens nothing and changes nothing. */
  async unlockChat(id: LocalChatId, secret: string): Promise<ChatSummary> {
    const s = this.#requireSession();
    const row = this.#row(id);
    const meta = this.#meta(row);
    const wire =
      meta.format === 'sealed-v2'
        ? ({
            format: 'sealed-v2',
            key: await deriveSealedWireKey(this.#kdf, secret, meta.wire, meta.k ?? 17),
          } as const)
        : legacyWireKey(secret, meta.wire);
    const proof = await chatProof(this.#kdf, wire, row.unlock_salt, meta.proofLog2N);
    if (this.#session !== s) throw new ServiceError('not-logged-in', 'Log in first.');
    // An open chat stays as it is, but a wrong secret is still called wrong.
    const opened = this.#open.has(id)
      ? this.#proofOpens(row, proof)
      : this.#openWithProof(row, meta, wire, proof);
    if (!opened) throw new ServiceError('wrong-secret', `That is not the secret of chat "${meta.name}".`);
    return this.chat(id);
  }

  #proofOpens(row: ChatRow, proof: Uint8Array): boolean {
    const unlockKey = chatUnlockKey(this.#requireSession().dk, row.unlock_salt, proof);
    const ok = open(unlockKey, row.wrapped_key, `chat-key|${toHex(row.unlock_salt)}`) !== undefined;
    wipe(unlockKey);
    return ok;
  }

  /** Tries a proof against a chat row; on success the chat is open. */
  #openWithProof(row: ChatRow, meta: ChatMeta, wire: WireKey, proof: Uint8Array): boolean {
    const s = this.#requireSession();
    const unlockKey = chatUnlockKey(s.dk, row.unlock_salt, proof);
    const box = openJson<ChatSecretBox>(unlockKey, row.wrapped_key, `chat-key|${toHex(row.unlock_salt)}`);
    wipe(unlockKey);
    if (!box) return false;
    const cdk = fromBase64Url(box.cdk) as Uint8Array;
    const w: WireKey = wire.format === 'legacy' ? { ...wire, suffix: box.suffix ?? wire.suffix } : wire;
    const id = row.id as LocalChatId;
    this.#open.add({ id, meta, cdk, wire: w, remembered: row.remembered !== null, lastUsed: Date.now() });
    return true;
  }

  #openRemembered(row: ChatRow): void {
    const s = this.#requireSession();
    const box = openJson<RememberedBox>(s.dk, row.remembered as Buffer, `chat-remember|${row.id}`);
    if (!box) return;
    const meta = this.#meta(row);
    const wire: WireKey =
      meta.format === 'sealed-v2'
        ? {
            format: 'sealed-v2',
            key: sealedKeyFromBytes(meta.wire as ChatId, meta.k ?? 17, fromBase64Url(box.wire) as Uint8Array),
          }
        : legacyWireKey(box.wire, meta.wire);
    this.#openWithProof(row, meta, wire, fromBase64Url(box.proof) as Uint8Array);
  }

  lockChat(id: LocalChatId): void {
    this.#row(id);
    this.#open.lock(id, 'request');
  }

  /** Locks every chat that is not remembered (suspend, screen lock, or on request). */
  lockAll(reason: 'suspend' | 'request' = 'request'): void {
    this.#requireSession();
    this.#open.lockAllButRemembered();
    this.#emit({ type: 'all-locked', reason });
  }

  #startIdleTimer(): void {
    if (this.#idleTimer) clearInterval(this.#idleTimer);
    this.#idleTimer = setInterval(() => this.lockIdleChats(), this.#opts.idleCheckMs ?? 15_000);
    this.#idleTimer.unref();
  }

  /** Locks chats idle longer than the setting; remembered chats stay open while logged in. */
  lockIdleChats(at = Date.now()): LocalChatId[] {
    const minutes = this.#session?.settings.autoLockMinutes ?? 0;
    return minutes > 0 ? this.#open.lockIdle(at - minutes * 60_000) : [];
  }

  /** The open chat, or a clear refusal; every use counts as activity for auto-lock. */
  #openChat(id: LocalChatId): OpenChat {
    this.#requireSession();
    const c = this.#open.get(id);
    if (c) {
      c.lastUsed = Date.now();
      return c;
    }
    const row = this.#row(id);
    throw new ServiceError(
      'chat-locked',
      `Chat "${this.#meta(row).name}" is locked; unlock it with its secret.`,
    );
  }

  // ---- remember on this computer ------------------------------------------

  /** Keeps this chat's key wrapped under the profile key: it then unlocks with the login. */
  async rememberChat(id: LocalChatId): Promise<ChatSummary> {
    const s = this.#requireSession();
    const c = this.#openChat(id);
    const row = this.#row(id);
    const proof = await chatProof(this.#kdf, c.wire, row.unlock_salt, c.meta.proofLog2N);
    if (this.#session !== s || this.#open.get(id) !== c) {
      throw new ServiceError('chat-locked', 'The chat was locked meanwhile; nothing was remembered.');
    }
    const wireBytes =
      c.wire.format === 'sealed-v2'
        ? toBase64Url(new Uint8Array([...c.wire.key.enc, ...c.wire.key.macKey]))
        : c.wire.secret;
    const box: RememberedBox = { proof: toBase64Url(proof), wire: wireBytes };
    this.#store.setRemembered(id, sealJson(s.dk, box, `chat-remember|${id}`));
    this.#open.add({ ...c, remembered: true });
    return this.chat(id);
  }

  /** Forgets the remembered key: the chat needs its secret again after this session. */
  forgetChat(id: LocalChatId): ChatSummary {
    this.#row(id);
    this.#store.setRemembered(id, null);
    const c = this.#open.get(id);
    if (c) this.#open.add({ ...c, remembered: false });
    return this.chat(id);
  }

  // ---- chat management -----------------------------------------------------

  renameChat(id: LocalChatId, name: string): ChatSummary {
    const s = this.#requireSession();
    const meta = { ...this.#meta(this.#row(id)), name: this.#checkName(name) };
    this.#store.setChatMeta(id, sealJson(s.dk, meta, `chat-meta|${id}`));
    const c = this.#open.get(id);
    if (c) this.#open.add({ ...c, meta });
    return this.chat(id);
  }

  /** Needs the login, not the chat's secret: a chat whose secret is forgotten can still be removed. */
  deleteChat(id: LocalChatId): void {
    this.#row(id);
    this.#open.lock(id, 'request');
    this.#store.deleteChat(id);
  }

  async chatInfo(id: LocalChatId): Promise<ChatInfo> {
    const c = this.#openChat(id);
    let F: Uint8Array;
    if (c.wire.format === 'sealed-v2') F = sealedFingerprintBytes(c.wire.key);
    else {
      const p = legacyFingerprintParams(c.wire.secret, c.meta.wire, c.wire.suffix);
      if (!p.ok) throw new ServiceError('bad-input', p.error.message);
      F = await this.#kdf.scrypt(p.value.password, p.value.salt, p.value.log2N, p.value.dkLen);
    }
    return {
      ...this.chat(id),
      ...(c.meta.k === undefined ? {} : { k: c.meta.k }),
      ...(c.wire.format === 'legacy' ? { suffix: c.wire.suffix } : {}),
      fingerprint: fingerprintCode(F),
      fingerprintHex: toHex(F),
    };
  }

  // ---- messages ------------------------------------------------------------

  #insertMessage(chatId: LocalChatId, cdk: Uint8Array, epoch: number, body: MessageBody): MessageId {
    const s = this.#requireSession();
    const id = this.#store.insertMessage(
      chatId,
      seenIndex(s.dk, body.pointer),
      epoch,
      now(),
      sealJson(cdk, body, `message|${chatId}`),
    ) as MessageId;
    this.#store.touchChat(chatId, Math.max(epoch, now()));
    return id;
  }

  #view(c: OpenChat, row: MessageRow): MessageView {
    const b = openJson<MessageBody>(c.cdk, row.body, `message|${c.id}`);
    if (!b)
      throw new ServiceError(
        'unknown-message',
        'A message of this chat cannot be read; the vault may be damaged.',
      );
    return {
      id: row.id as MessageId,
      chatId: c.id,
      direction: b.dir,
      author: b.author,
      text: b.text,
      epoch: row.epoch,
      storedAt: row.stored_at,
      deleted: row.trashed === 1,
      pointer: b.pointer,
    };
  }

  /**
   * Runs several writes in one transaction (one fsync instead of one each):
   * for bulk work such as seeding a large history. Nothing is stored unless all is.
   */
  batch<T>(fn: () => T): T {
    return this.#store.transaction(fn);
  }

  /** Seals a message in an open chat and stores it as sent; returns the pointer to hand over. */
  send(id: LocalChatId, text: string): { pointer: string; message: MessageView } {
    const s = this.#requireSession();
    const c = this.#openChat(id);
    const epoch = now();
    const input = { author: s.nickname, text, epoch };
    const sealed =
      c.wire.format === 'sealed-v2'
        ? sealSealed(c.wire.key, {
            ...input,
            nonce: crypto.getRandomValues(new Uint8Array(16)),
            ...(c.meta.createdHere ? { title: c.meta.name } : {}),
          })
        : sealLegacy(c.wire.secret, c.wire.suffix, { ...input, chat: c.meta.wire });
    if (!sealed.ok) throw new ServiceError('bad-input', sealed.error.message);
    const pointer = pointerToText(sealed.value);
    const messageId = this.#store.transaction(() =>
      this.#insertMessage(id, c.cdk, epoch, { dir: 'sent', author: s.nickname, text, pointer }),
    );
    return { pointer, message: this.message(id, messageId) };
  }

  message(id: LocalChatId, messageId: MessageId): MessageView {
    const c = this.#openChat(id);
    const row = this.#store.message(id, messageId);
    if (!row) throw new ServiceError('unknown-message', `There is no message ${messageId} in this chat.`);
    return this.#view(c, row);
  }

  /** Pages counted from the newest: page 0 is the latest `pageSize` messages, oldest first. */
  history(id: LocalChatId, opts: { trash?: boolean; page?: number; pageSize?: number } = {}): HistoryPage {
    const c = this.#openChat(id);
    const trash = opts.trash === true;
    const total = this.#store.countMessages(id, trash);
    const size = opts.pageSize ?? Math.max(total, 1);
    const rows = this.#store.messagesPage(id, trash, size, (opts.page ?? 0) * size);
    return { messages: rows.map((r) => this.#view(c, r)), total };
  }

  /** Messages (not in the trash) whose text or author holds every word, case-insensitively. */
  search(id: LocalChatId, query: string): MessageView[] {
    const c = this.#openChat(id);
    const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) throw new ServiceError('bad-input', 'Give at least one word to search for.');
    return this.#store
      .messages(id, false)
      .map((r) => this.#view(c, r))
      .filter((m) => {
        const hay = `${m.author}\n${m.text}`.toLocaleLowerCase();
        return words.every((w) => hay.includes(w));
      });
  }

  #messageOp(id: LocalChatId, messageId: MessageId, op: () => boolean): void {
    this.#openChat(id);
    if (!op()) throw new ServiceError('unknown-message', `There is no message ${messageId} in this chat.`);
  }

  trashMessage(id: LocalChatId, messageId: MessageId): void {
    this.#messageOp(id, messageId, () => this.#store.setTrashed(id, messageId, true));
  }

  restoreMessage(id: LocalChatId, messageId: MessageId): void {
    this.#messageOp(id, messageId, () => this.#store.setTrashed(id, messageId, false));
  }

  /** Deletes one message forever (it was in the trash or not). */
  purgeMessage(id: LocalChatId, messageId: MessageId): void {
    this.#messageOp(id, messageId, () => this.#store.deleteMessage(id, messageId));
  }

  emptyTrash(id: LocalChatId): number {
    this.#openChat(id);
    return this.#store.emptyTrash(id);
  }

  clearHistory(id: LocalChatId): number {
    this.#openChat(id);
    return this.#store.clearChat(id);
  }

  // ---- import --------------------------------------------------------------

  /**
   * Checks a secret against one pointer without storing anything, and tells
   * what the pointer would name its chat: the import dialog asks for a new
   * chat's secret first, then offers the sender's title as the name.
   */
  async peekPointer(text: string, secret: string, suffix?: string): Promise<PointerPeek> {
    this.#requireSession();
    const parsed = parsePaste(text)[0]?.result;
    if (!parsed) throw new ServiceError('bad-input', 'There is no pointer here.');
    if (!parsed.ok) throw new ServiceError('bad-input', parsed.error.message);
    const p = parsed.value;
    const wire: WireKey =
      p.format === 'sealed-v2'
        ? { format: 'sealed-v2', key: await deriveSealedWireKey(this.#kdf, secret, p.chat, p.k) }
        : legacyWireKey(secret, p.chat, suffix?.trim() || undefined);
    const opened = openWithWireKey(wire, p) as Result<OpenedPointer>;
    if (!opened.ok) {
      throw new ServiceError(
        'wrong-secret',
        'That secret does not open this pointer; nothing was created or stored.',
      );
    }
    return {
      format: p.format,
      wireId: p.chat,
      name: receivedChatName(opened.value),
      ...(opened.value.title ? { title: opened.value.title } : {}),
    };
  }

  /**
   * Imports run one at a time: two pastes of the same new pointer or the same
   * new chat must not race between the duplicate check and the write.
   */
  importPaste(text: string, opts: ImportOptions = {}): Promise<ImportOutcome[]> {
    this.#requireSession();
    if (opts.name !== undefined && opts.name.trim() !== '') this.#checkName(opts.name);
    const run = this.#importQueue.then(() => importPaste(this.#importPort(), text, opts));
    this.#importQueue = run.catch(() => undefined);
    return run;
  }

  /** The narrow view of the messenger the import router works through. */
  #importPort(): ImportPort {
    const s = this.#requireSession();
    return {
      kdf: this.#kdf,
      seen: (pointer: string) => {
        const hit = this.#store.seen(seenIndex(s.dk, pointer));
        if (!hit) return undefined;
        const chatId = hit.chat_id as LocalChatId;
        // Whether it is one's own sent message can only be read while the chat is open.
        const c = this.#open.get(chatId);
        const row = c && this.#store.message(chatId, hit.id);
        const direction = c && row ? this.#view(c, row).direction : undefined;
        return { chat: this.chat(chatId), ...(direction ? { direction } : {}) };
      },
      candidates: (format: Format, wire: string) =>
        this.#store.chatsByRoute(routeIndex(s.dk, format, wire)).map((row) => ({
          summary: this.#summary(row),
          open: this.#open.get(row.id as LocalChatId),
        })),
      unlock: async (id: LocalChatId, secret: string) => {
        try {
          await this.unlockChat(id, secret);
          return this.#open.get(id);
        } catch (e) {
          if (e instanceof ServiceError && (e.code === 'wrong-secret' || e.code === 'bad-input'))
            return undefined;
          throw e;
        }
      },
      store: (c: OpenChat, epoch: number, body: Omit<MessageBody, 'dir'>) => {
        c.lastUsed = Date.now();
        return this.#store.transaction(() =>
          this.#insertMessage(c.id, c.cdk, epoch, { ...body, dir: 'received' }),
        );
      },
      create: async (
        meta: Omit<ChatMeta, 'createdHere'>,
        wire: WireKey,
        epoch: number,
        body: Omit<MessageBody, 'dir'>,
      ) => {
        const chat = await this.#insertChat(
          { ...meta, name: this.#checkName(meta.name), createdHere: false },
          wire,
          { epoch, body: { ...body, dir: 'received' } },
        );
        return { chat, messageId: chat.messageId as MessageId };
      },
    };
  }
}
