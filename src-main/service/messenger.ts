import type { LocalChatId, MessageId, MessengerEvent, NewChat, Settings } from '../../src-shared/types.js';
import * as keys from './chat-keys.js';
import * as chats from './chats.js';
import { unstoredPointers } from './clipboard-offer.js';
import { type MessengerOptions, ServiceContext } from './context.js';
import * as hidden from './hidden/hidden-chats.js';
import type { ImportOptions } from './import-options.js';
import * as imports from './import-port.js';
import * as messages from './messages.js';
import * as profile from './profile-session.js';
import * as transfer from './transfer.js';

export type { MessengerOptions } from './context.js';

/**
 * The messenger as plain TypeScript: profile, chats, messages, import. The CLI
 * and the IPC router are fronts on it. Keys live in its context, in memory,
 * and nowhere else. Each method hands over to the room that does the work
 * (profile-session, chat-keys, chats, messages, import-port), which declares
 * what the call returns.
 */
export class Messenger {
  readonly #ctx: ServiceContext;

  private constructor(path: string, opts: MessengerOptions) {
    this.#ctx = new ServiceContext(path, opts);
  }

  static open(path: string, opts: MessengerOptions = {}): Messenger {
    return new Messenger(path, opts);
  }

  get vaultPath(): string {
    return this.#ctx.path;
  }

  onEvent(listener: (e: MessengerEvent) => void): () => void {
    return this.#ctx.onEvent(listener);
  }

  // The profile and its session.
  status = () => profile.status(this.#ctx);
  createProfile = (nickname: string, master: string) => profile.createProfile(this.#ctx, nickname, master);
  login = (master: string) => profile.login(this.#ctx, master);
  logout = (reason: 'logout' | 'suspend' = 'logout') => profile.logout(this.#ctx, reason);
  changeMaster = (oldMaster: string, newMaster: string) =>
    profile.changeMaster(this.#ctx, oldMaster, newMaster);
  deleteProfile = async (confirm: string) => profile.deleteProfile(this.#ctx, confirm);
  settings = () => this.#ctx.requireSession().settings;
  setSettings = (patch: Partial<Settings>) => profile.setSettings(this.#ctx, patch);
  close = () => profile.close(this.#ctx);

  // Chats: the list, and what the login alone may do.
  listChats = () => chats.listChats(this.#ctx);
  chat = (id: LocalChatId) => this.#ctx.chat(id);
  findChat = (ref: string) => chats.findChat(this.#ctx, ref);
  renameChat = (id: LocalChatId, name: string) => chats.renameChat(this.#ctx, id, name);
  deleteChat = (id: LocalChatId) => chats.deleteChat(this.#ctx, id);
  chatInfo = (id: LocalChatId) => chats.chatInfo(this.#ctx, id);

  // A chat's keys: create, unlock, lock, remember.
  createChat = (req: NewChat) => keys.createChat(this.#ctx, req);
  unlockChat = (id: LocalChatId, secret: string) => keys.unlockChat(this.#ctx, id, secret);
  lockChat = (id: LocalChatId) => keys.lockChat(this.#ctx, id);
  lockAll = (reason: 'suspend' | 'request' = 'request') => keys.lockAll(this.#ctx, reason);
  lockIdleChats = (at = Date.now()) => keys.lockIdleChats(this.#ctx, at);
  rememberChat = (id: LocalChatId) => keys.rememberChat(this.#ctx, id);
  forgetChat = (id: LocalChatId) => keys.forgetChat(this.#ctx, id);

  // Hidden chats (docs/hidden-chats.md): opened by their secret alone, listed only while open.
  /** Refused with "No hidden chat opens with this secret." whether or not any hidden chat exists. */
  openHidden = (secret: string) => hidden.openHidden(this.#ctx, secret);
  /** Moves a visible chat into the hidden cells; its secret is asked again (sealed chats do not keep it). */
  hideChat = (id: LocalChatId, secret: string) => hidden.hideChat(this.#ctx, id, secret);
  /** Moves an open hidden chat back among the visible chats. */
  showChat = (id: LocalChatId) => hidden.showChat(this.#ctx, id);

  // Messages of an open chat.
  send = (id: LocalChatId, text: string) => messages.send(this.#ctx, id, text);
  message = (id: LocalChatId, messageId: MessageId) => messages.message(this.#ctx, id, messageId);
  history = (id: LocalChatId, opts: messages.HistoryRequest = {}) => messages.history(this.#ctx, id, opts);
  search = (id: LocalChatId, query: string) => messages.search(this.#ctx, id, query);
  trashMessage = (id: LocalChatId, messageId: MessageId) =>
    messages.messageOp(this.#ctx, 'trash', id, messageId);
  restoreMessage = (id: LocalChatId, messageId: MessageId) =>
    messages.messageOp(this.#ctx, 'restore', id, messageId);
  purgeMessage = (id: LocalChatId, messageId: MessageId) =>
    messages.messageOp(this.#ctx, 'purge', id, messageId);
  emptyTrash = (id: LocalChatId) => messages.emptyTrash(this.#ctx, id);
  clearHistory = (id: LocalChatId) => messages.clearHistory(this.#ctx, id);

  /**
   * Runs several writes in one transaction (one fsync instead of one each):
   * for bulk work such as seeding a large history. Nothing is stored unless all is.
   */
  batch = <T>(fn: () => T) => this.#ctx.store.transaction(fn);

  // Moving to another computer.
  exportChat = (id: LocalChatId) => transfer.exportChat(this.#ctx, id);
  writeExport = (dest: string, text: string) => transfer.writeExport(dest, text);
  /** Refuses (not logged in, no profile) as every call that needs the login does. */
  requireLogin = (): void => void this.#ctx.requireSession();
  backup = (dest: string, opts: { replace?: boolean } = {}) => transfer.backupVault(this.#ctx, dest, opts);
  restore = (source: string) => transfer.restoreVault(this.#ctx, source);

  // Pasted pointers.
  peekPointer = (text: string, secret: string, suffix?: string) =>
    imports.peekPointer(this.#ctx, text, secret, suffix);
  importPaste = (text: string, opts: ImportOptions = {}) => imports.importPaste(this.#ctx, text, opts);
  /** The pointers in a text (the clipboard) not stored yet; nothing is opened or stored. */
  unstoredPointers = (text: string) => unstoredPointers(this.#ctx, text);
}
