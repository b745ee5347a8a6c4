/**
 * The bridge contract: every call the renderer may make, its argument schema
 * and its result type, in one place. The main process validates every call
 * against these schemas (src-main/ipc/router.ts); the preload exposes exactly
 * these names (src-preload/bridge.ts). Nothing else crosses.
 */
import { z } from 'zod';
import { LIMITS, utf16Units } from './limits.js';
import type {
  BackupResult,
  ChatInfo,
  ChatSummary,
  ClipboardOffer,
  ExportResult,
  HistoryPage,
  ImportOutcome,
  LocalChatId,
  MessageId,
  MessageView,
  PointerPeek,
  ProfileStatus,
  RestoreResult,
  Settings,
} from './types.js';

// Bounds: generous for people, small enough that no call can make main allocate much. zod counts
// UTF-16 units; the service counts characters (code points), so text bounds here are twice its limits.
const text = (max: number) => z.string().max(max);
const chars = (max: number) => text(utf16Units(max));
const secret = chars(LIMITS.secretChars).min(1);
const chatName = chars(LIMITS.titleChars).min(1);
const suffix = chars(LIMITS.legacySuffixChars).min(1);
// Row ids come out of validation branded, so main's handlers take them as they are, without casts.
const rowId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const chatId = rowId.transform((n) => n as LocalChatId);
const messageId = rowId.transform((n) => n as MessageId);
const chat = z.object({ chatId }).strict();
const message = z.object({ chatId, messageId }).strict();
const none = z.object({}).strict().optional();
// Optional arguments are absent or given, never `undefined`: the types say the same (exactOptionalPropertyTypes).

/** A call's schema and, as a phantom type, what it returns. */
const call =
  <R>() =>
  <A extends z.ZodType>(args: A) => ({ args, result: undefined as unknown as R });

export const contract = {
  status: call<ProfileStatus>()(none),
  createProfile: call<null>()(
    z.object({ nickname: chars(LIMITS.authorChars).min(1), master: secret }).strict(),
  ),
  login: call<null>()(z.object({ master: secret }).strict()),
  logout: call<null>()(none),
  changeMaster: call<null>()(z.object({ oldMaster: secret, newMaster: secret }).strict()),
  deleteProfile: call<null>()(z.object({ confirm: text(16) }).strict()),
  getSettings: call<Settings>()(none),
  setSettings: call<Settings>()(
    z
      .object({
        autoLockMinutes: z.number().int().min(0).max(LIMITS.autoLockMaxMinutes).exactOptional(),
        lockOnSuspend: z.boolean().exactOptional(),
        offerClipboardImport: z.boolean().exactOptional(),
        logoutAfterMinutes: z.number().int().min(0).max(LIMITS.autoLockMaxMinutes).exactOptional(),
        clipboardClearSeconds: z.number().int().min(0).max(LIMITS.clipboardClearMaxSeconds).exactOptional(),
      })
      .strict(),
  ),

  listChats: call<ChatSummary[]>()(none),
  createChat: call<ChatSummary>()(
    z
      .object({
        name: chatName,
        secret,
        format: z.enum(['sealed-v2', 'legacy']),
        legacyId: text(LIMITS.legacyChatChars).min(1).exactOptional(),
        suffix: suffix.exactOptional(),
        k: z.number().int().min(LIMITS.kMin).max(LIMITS.kMax).exactOptional(),
        hidden: z.boolean().exactOptional(),
      })
      .strict(),
  ),
  unlockChat: call<ChatSummary>()(z.object({ chatId, secret }).strict()),
  lockChat: call<null>()(chat),
  lockAll: call<null>()(none),
  chatInfo: call<ChatInfo>()(chat),
  renameChat: call<ChatSummary>()(z.object({ chatId, name: chatName }).strict()),
  deleteChat: call<null>()(chat),
  rememberChat: call<ChatSummary>()(chat),
  forgetChat: call<ChatSummary>()(chat),
  // Hidden chats (docs/hidden-chats.md): opened by the secret alone; hiding asks for the secret again.
  openHiddenChat: call<ChatSummary>()(z.object({ secret }).strict()),
  hideChat: call<ChatSummary>()(z.object({ chatId, secret }).strict()),
  showChat: call<ChatSummary>()(chat),

  send: call<{ pointer: string; message: MessageView }>()(
    z.object({ chatId, text: chars(LIMITS.textChars).min(1) }).strict(),
  ),
  history: call<HistoryPage>()(
    z
      .object({
        chatId,
        trash: z.boolean().exactOptional(),
        page: z.number().int().min(0).max(1_000_000).exactOptional(),
        pageSize: z.number().int().min(1).max(LIMITS.historyPageMax).exactOptional(),
        // Keyset paging (at most one of these, and not with page): older than, newer than, centred on a message; or the oldest page.
        before: messageId.exactOptional(),
        after: messageId.exactOptional(),
        around: messageId.exactOptional(),
        oldest: z.boolean().exactOptional(),
      })
      .strict(),
  ),
  search: call<MessageView[]>()(z.object({ chatId, query: chars(LIMITS.searchChars).min(1) }).strict()),
  trashMessage: call<null>()(message),
  restoreMessage: call<null>()(message),
  purgeMessage: call<null>()(message),
  emptyTrash: call<number>()(chat),
  clearHistory: call<number>()(chat),

  importPaste: call<ImportOutcome[]>()(
    z
      .object({
        text: text(LIMITS.pasteBytes).min(1),
        secret: secret.exactOptional(),
        name: chatName.exactOptional(),
        suffix: suffix.exactOptional(),
        hidden: z.boolean().exactOptional(),
      })
      .strict(),
  ),
  peekPointer: call<PointerPeek>()(
    z.object({ text: text(LIMITS.pointerBytes).min(1), secret, suffix: suffix.exactOptional() }).strict(),
  ),
  cancelImport: call<null>()(none),
  copyText: call<null>()(z.object({ text: chars(LIMITS.clipboardChars) }).strict()),
  // The clipboard's pointers not stored yet (the window asks when it gains the focus); nothing else of it crosses.
  clipboardPointers: call<ClipboardOffer>()(none),

  // Files: main asks the person where (its own save and open dialogs); the renderer never names a path.
  exportChat: call<ExportResult>()(chat),
  backupVault: call<BackupResult>()(none),
  restoreVault: call<RestoreResult>()(none),
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export const CALL_NAMES = Object.keys(contract) as CallName[];

export type ArgsOf<K extends CallName> = z.input<Contract[K]['args']>;
export type ValueOf<K extends CallName> = Contract[K]['result'];

export interface BridgeError {
  readonly code: string;
  readonly message: string;
}

export type BridgeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: BridgeError };

/** Events main sends to the renderer, through the same contract. */
export const eventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('chat-locked'), chatId, reason: z.enum(['idle', 'request']) }),
  z.object({ type: z.literal('all-locked'), reason: z.enum(['logout', 'suspend', 'request']) }),
  z.object({ type: z.literal('import-progress'), done: z.number().int(), total: z.number().int() }),
  z.object({ type: z.literal('open-import'), text: z.string() }),
  // An application-menu item (or its shortcut) whose work is the renderer's: open a dialog, focus a field.
  z.object({ type: z.literal('menu'), command: z.enum(['new-chat', 'import', 'search', 'open-hidden']) }),
]);
export type BridgeEvent = z.infer<typeof eventSchema>;
export type MenuCommand = Extract<BridgeEvent, { type: 'menu' }>['command'];

/** What the renderer sees as window.clm. */
export type ClmApi = {
  readonly [K in CallName]: (args?: ArgsOf<K>) => Promise<BridgeResult<ValueOf<K>>>;
} & { readonly onEvent: (listener: (e: BridgeEvent) => void) => () => void };

export const INVOKE_CHANNEL_PREFIX = 'clm:';
export const EVENT_CHANNEL = 'clm:event';
