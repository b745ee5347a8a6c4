import type { HistoryPage, LocalChatId, MessageId, MessageView } from '../../src-shared/types.js';
import { sealLegacy } from '../core/legacy.js';
import { pointerToText } from '../core/pointer-parse.js';
import { sealSealed } from '../core/sealed.js';
import { openJson, sealJson } from '../vault/box.js';
import type { MessageRow } from '../vault/rows.js';
import { now, type ServiceContext } from './context.js';
import type { MessageBody, OpenChat } from './records.js';
import { ServiceError } from './service-error.js';
import { seenIndex } from './vault-keys.js';

// The messages of an open chat: send, read, search, trash. Every body is
// sealed under the chat's data key, so each needs the chat open.

/** Stores one message (the caller holds the transaction) and moves the chat's last activity. */
export function insertMessage(
  ctx: ServiceContext,
  chatId: LocalChatId,
  cdk: Uint8Array,
  epoch: number,
  body: MessageBody,
): MessageId {
  const s = ctx.requireSession();
  const id = ctx.store.insertMessage(
    chatId,
    seenIndex(s.dk, body.pointer),
    epoch,
    now(),
    sealJson(cdk, body, `message|${chatId}`),
  ) as MessageId;
  ctx.store.touchChat(chatId, Math.max(epoch, now()));
  return id;
}

export function messageView(c: OpenChat, row: MessageRow): MessageView {
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

/** Seals a message in an open chat and stores it as sent; returns the pointer to hand over. */
export function send(
  ctx: ServiceContext,
  id: LocalChatId,
  text: string,
): { pointer: string; message: MessageView } {
  const s = ctx.requireSession();
  const c = ctx.openChat(id);
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
  const messageId = ctx.store.transaction(() =>
    insertMessage(ctx, id, c.cdk, epoch, { dir: 'sent', author: s.nickname, text, pointer }),
  );
  return { pointer, message: message(ctx, id, messageId) };
}

export function message(ctx: ServiceContext, id: LocalChatId, messageId: MessageId): MessageView {
  const c = ctx.openChat(id);
  const row = ctx.store.message(id, messageId);
  if (!row) throw new ServiceError('unknown-message', `There is no message ${messageId} in this chat.`);
  return messageView(c, row);
}

export interface HistoryRequest {
  readonly trash?: boolean;
  readonly page?: number;
  readonly pageSize?: number;
}

/** Pages counted from the newest: page 0 is the latest `pageSize` messages, oldest first. */
export function history(ctx: ServiceContext, id: LocalChatId, opts: HistoryRequest = {}): HistoryPage {
  const c = ctx.openChat(id);
  const trash = opts.trash === true;
  const total = ctx.store.countMessages(id, trash);
  const size = opts.pageSize ?? Math.max(total, 1);
  const rows = ctx.store.messagesPage(id, trash, size, (opts.page ?? 0) * size);
  return { messages: rows.map((r) => messageView(c, r)), total };
}

/** Messages (not in the trash) whose text or author holds every word, case-insensitively. */
export function search(ctx: ServiceContext, id: LocalChatId, query: string): MessageView[] {
  const c = ctx.openChat(id);
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) throw new ServiceError('bad-input', 'Give at least one word to search for.');
  return ctx.store
    .messages(id, false)
    .map((r) => messageView(c, r))
    .filter((m) => {
      const hay = `${m.author}\n${m.text}`.toLocaleLowerCase();
      return words.every((w) => hay.includes(w));
    });
}

/** What can be done to one message of an open chat: each returns false when there is no such message. */
const messageOps = {
  trash: (ctx: ServiceContext, id: LocalChatId, m: MessageId) => ctx.store.setTrashed(id, m, true),
  restore: (ctx: ServiceContext, id: LocalChatId, m: MessageId) => ctx.store.setTrashed(id, m, false),
  /** Deletes one message forever (it was in the trash or not). */
  purge: (ctx: ServiceContext, id: LocalChatId, m: MessageId) => ctx.store.deleteMessage(id, m),
};

export function messageOp(
  ctx: ServiceContext,
  op: keyof typeof messageOps,
  id: LocalChatId,
  messageId: MessageId,
): void {
  ctx.openChat(id);
  if (!messageOps[op](ctx, id, messageId))
    throw new ServiceError('unknown-message', `There is no message ${messageId} in this chat.`);
}

export function emptyTrash(ctx: ServiceContext, id: LocalChatId): number {
  ctx.openChat(id);
  return ctx.store.emptyTrash(id);
}

export function clearHistory(ctx: ServiceContext, id: LocalChatId): number {
  ctx.openChat(id);
  return ctx.store.clearChat(id);
}
