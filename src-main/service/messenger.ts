import type {
  ChatInfo,
  ChatSummary,
  HistoryPage,
  ImportOutcome,
  LocalChatId,
  MessageId,
  MessageView,
  MessengerEvent,
  NewChat,
  PointerPeek,
  ProfileStatus,
  Settings,
} from '../../src-shared/types.js';
import * as keys from './chat-keys.js';
import * as chats from './chats.js';
import { type MessengerOptions, ServiceContext } from './context.js';
import type { ImportOptions } from './import-options.js';
import * as imports from './import-port.js';
import * as messages from './messages.js';
import * as profile from './profile-session.js';

export type { MessengerOptions } from './context.js';

/**
 * The messenger as plain TypeScript: profile, chats, messages, import. The CLI
 * and the IPC router are fronts on it. Keys live in its context, in memory,
 * and nowhere else. Each method hands over to the room that does the work:
 * profile-session, chat-keys, chats, messages, import-port.
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
  status = (): ProfileStatus => profile.status(this.#ctx);
  createProfile = (nickname: string, master: string): Promise<void> =>
    profile.createProfile(this.#ctx, nickname, master);
  login = (master: string): Promise<void> => profile.login(this.#ctx, master);
  logout = (reason: 'logout' | 'suspend' = 'logout'): void => profile.logout(this.#ctx, reason);
  changeMaster = (oldMaster: string, newMaster: string): Promise<void> =>
    profile.changeMaster(this.#ctx, oldMaster, newMaster);
  deleteProfile = async (confirm: string): Promise<void> => profile.deleteProfile(this.#ctx, confirm);
  settings = (): Settings => this.#ctx.requireSession().settings;
  setSettings = (patch: Partial<Settings>): Settings => profile.setSettings(this.#ctx, patch);
  close = (): Promise<void> => profile.close(this.#ctx);

  // Chats: the list, and what the login alone may do.
  listChats = (): ChatSummary[] => chats.listChats(this.#ctx);
  chat = (id: LocalChatId): ChatSummary => this.#ctx.chat(id);
  findChat = (ref: string): ChatSummary => chats.findChat(this.#ctx, ref);
  renameChat = (id: LocalChatId, name: string): ChatSummary => chats.renameChat(this.#ctx, id, name);
  deleteChat = (id: LocalChatId): void => chats.deleteChat(this.#ctx, id);
  chatInfo = (id: LocalChatId): Promise<ChatInfo> => chats.chatInfo(this.#ctx, id);

  // A chat's keys: create, unlock, lock, remember.
  createChat = (req: NewChat): Promise<ChatSummary> => keys.createChat(this.#ctx, req);
  unlockChat = (id: LocalChatId, secret: string): Promise<ChatSummary> =>
    keys.unlockChat(this.#ctx, id, secret);
  lockChat = (id: LocalChatId): void => keys.lockChat(this.#ctx, id);
  lockAll = (reason: 'suspend' | 'request' = 'request'): void => keys.lockAll(this.#ctx, reason);
  lockIdleChats = (at = Date.now()): LocalChatId[] => keys.lockIdleChats(this.#ctx, at);
  rememberChat = (id: LocalChatId): Promise<ChatSummary> => keys.rememberChat(this.#ctx, id);
  forgetChat = (id: LocalChatId): ChatSummary => keys.forgetChat(this.#ctx, id);

  // Messages of an open chat.
  send = (id: LocalChatId, text: string): { pointer: string; message: MessageView } =>
    messages.send(this.#ctx, id, text);
  message = (id: LocalChatId, messageId: MessageId): MessageView =>
    messages.message(this.#ctx, id, messageId);
  history = (id: LocalChatId, opts: messages.HistoryRequest = {}): HistoryPage =>
    messages.history(this.#ctx, id, opts);
  search = (id: LocalChatId, query: string): MessageView[] => messages.search(this.#ctx, id, query);
  trashMessage = (id: LocalChatId, messageId: MessageId): void =>
    messages.messageOp(this.#ctx, 'trash', id, messageId);
  restoreMessage = (id: LocalChatId, messageId: MessageId): void =>
    messages.messageOp(this.#ctx, 'restore', id, messageId);
  purgeMessage = (id: LocalChatId, messageId: MessageId): void =>
    messages.messageOp(this.#ctx, 'purge', id, messageId);
  emptyTrash = (id: LocalChatId): number => messages.emptyTrash(this.#ctx, id);
  clearHistory = (id: LocalChatId): number => messages.clearHistory(this.#ctx, id);

  /**
   * Runs several writes in one transaction (one fsync instead of one each):
   * for bulk work such as seeding a large history. Nothing is stored unless all is.
   */
  batch = <T>(fn: () => T): T => this.#ctx.store.transaction(fn);

  // Pasted pointers.
  peekPointer = (text: string, secret: string, suffix?: string): Promise<PointerPeek> =>
    imports.peekPointer(this.#ctx, text, secret, suffix);
  importPaste = (text: string, opts: ImportOptions = {}): Promise<ImportOutcome[]> =>
    imports.importPaste(this.#ctx, text, opts);
}
