import { LIMITS } from '../../src-shared/limits.js';
import type { HistoryPage, LocalChatId, MessageId, MessageView } from '../../src-shared/types.js';
import { sealLegacy } from '../core/legacy.js';
import { pointerToText } from '../core/pointer-parse.js';
import { sealSealed } from '../core/sealed.js';
import { openJson, sealJson } from '../vault/box.js';
import type { MessageRow } from '../vault/rows.js';
import { searchChunkRows } from '../vault/search-chunks.js';
import { NOT_STORED, packBatch } from '../vault/write-batch.js';
import { now, type ServiceContext } from './context.js';
import { coverCount } from './hidden/cover.js';
import type { MessageBody, OpenChat } from './records.js';
import { SearchChunks } from './search-chunks.js';
import { entryOf, type SearchEntry } from './search-entries.js';
import { SearchIndex } from './search-index.js';
import { ServiceError } from './service-error.js';
import { seenIndex } from './vault-keys.js';

// The messages of an open chat: send, read, search, trash. Every body is
// sealed under the chat's data key, so each needs the chat open.

/**
 * A body's associated data: its chat, its pointer's blind index (unique, so a
 * body copied to another row does not open), its epoch, when it was stored and
 * whether it is in the trash. Whoever can write the file but holds no key
 * cannot move, re-date or resurrect a message: changing any of these columns
 * leaves it unreadable instead.
 */
export const bodyAad = (
  chatId: number,
  seen: Buffer,
  epoch: number,
  storedAt: number,
  trashed: boolean,
): string => `message|${chatId}|${seen.toString('hex')}|${epoch}|${storedAt}|${trashed ? 1 : 0}`;

/** A body sealed before it was bound to its row (an older vault) opens with its chat alone. */
const unboundAad = (chatId: number): string => `message|${chatId}`;

export function openBody(c: Pick<OpenChat, 'id' | 'cdk'>, row: MessageRow): MessageBody | undefined {
  return (
    openJson<MessageBody>(
      c.cdk,
      row.body,
      bodyAad(c.id, row.seen, row.epoch, row.stored_at, row.trashed === 1),
    ) ?? openJson<MessageBody>(c.cdk, row.body, unboundAad(c.id))
  );
}

/** Stores one message (the caller holds the transaction) and moves the chat's last activity. */
export function insertMessage(
  ctx: ServiceContext,
  chatId: LocalChatId,
  keys: Pick<OpenChat, 'cdk' | 'seenKey'>,
  epoch: number,
  body: MessageBody,
): MessageId {
  const seen = seenIndex(keys.seenKey, body.pointer);
  const at = now();
  const box = sealJson(keys.cdk, body, bodyAad(chatId, seen, epoch, at, false));
  const rows = ctx.rows(chatId);
  const id = rows.insertMessage(seen, epoch, at, box) as MessageId;
  rows.touch(Math.max(epoch, now()));
  const open = ctx.open.get(chatId);
  if (open) searchIndex(ctx, open).added([entryOf({ id, epoch, stored_at: at, seen }, body, box.length)]);
  return id;
}

/**
 * Stores messages of open chats whose blind indexes are already known (an
 * import's batch; the caller holds the transaction). Each chat's last
 * activity moves once, to its newest message.
 */
export function insertMessages(
  ctx: ServiceContext,
  items: readonly { chat: OpenChat; seen: Buffer; epoch: number; body: MessageBody }[],
): MessageId[] {
  const at = now();
  const newest = new Map<LocalChatId, number>();
  const found = new Map<OpenChat, SearchEntry[]>();
  const ids = items.map((it) => {
    const id = it.chat.id;
    newest.set(id, Math.max(newest.get(id) ?? 0, it.epoch, at));
    const box = sealJson(it.chat.cdk, it.body, bodyAad(id, it.seen, it.epoch, at, false));
    const mid = ctx.rows(id).insertMessage(it.seen, it.epoch, at, box) as MessageId;
    const entry = entryOf({ id: mid, epoch: it.epoch, stored_at: at, seen: it.seen }, it.body, box.length);
    const list = found.get(it.chat) ?? [];
    list.push(entry);
    found.set(it.chat, list);
    return mid;
  });
  for (const [id, when] of newest) ctx.rows(id).touch(when);
  for (const [c, entries] of found) searchIndex(ctx, c).added(entries);
  return ids;
}

/**
 * Stores an import's batch. Every body is sealed here and now, while its
 * chat's key is certainly live; the visible chats' rows then go to the vault
 * writer's thread in one transaction (with the chaff their messages draw),
 * so the disk work overlaps the next batch's routing. Hidden chats' messages
 * live in memory and cells, and are stored here at once as before. Each
 * item's id once committed, undefined when its chat was deleted meanwhile.
 */
export async function storeBatch(
  ctx: ServiceContext,
  items: readonly { chat: OpenChat; seen: Buffer; epoch: number; body: MessageBody }[],
): Promise<(MessageId | undefined)[]> {
  const ids: (MessageId | undefined)[] = new Array(items.length);
  const entries = new Map<OpenChat, SearchEntry[]>();
  const hiddenAt: number[] = [];
  const visibleAt: number[] = [];
  items.forEach((it, i) => {
    (ctx.hidden.get(it.chat.id) ? hiddenAt : visibleAt).push(i);
  });
  if (hiddenAt.length > 0) {
    const hiddenIds = ctx.store.transaction(() =>
      insertMessages(
        ctx,
        hiddenAt.map((i) => items[i] as (typeof items)[number]),
      ),
    );
    hiddenAt.forEach((i, k) => {
      ids[i] = hiddenIds[k];
    });
  }
  if (visibleAt.length === 0) return ids;
  const at = now();
  const newest = new Map<LocalChatId, number>();
  let chaff = 0;
  const boxes: Buffer[] = [];
  const rows = visibleAt.map((i) => {
    const it = items[i] as (typeof items)[number];
    const chatId = it.chat.id;
    newest.set(chatId, Math.max(newest.get(chatId) ?? 0, it.epoch, at));
    const body = sealJson(it.chat.cdk, it.body, bodyAad(chatId, it.seen, it.epoch, at, false));
    boxes.push(body);
    // Each visible message stored draws its own share of cover, as a message sent does (cover.ts).
    chaff += coverCount('message');
    return { chatId, seen: it.seen, epoch: it.epoch, body };
  });
  const written = await ctx.writer.write(packBatch(rows, at, [...newest], chaff));
  visibleAt.forEach((i, k) => {
    const id = written[k] as number;
    if (id === NOT_STORED) return;
    const it = items[i] as (typeof items)[number];
    ids[i] = id as MessageId;
    const list = entries.get(it.chat) ?? [];
    list.push(
      entryOf({ id, epoch: it.epoch, stored_at: at, seen: it.seen }, it.body, (boxes[k] as Buffer).length),
    );
    entries.set(it.chat, list);
  });
  // Still open as the same chat (not locked meanwhile): its index learns the batch's messages now,
  // and writes their search chunks in the background once the import is done.
  for (const [c, list] of entries) if (ctx.open.get(c.id) === c) searchIndex(ctx, c).added(list);
  return ids;
}

export function messageView(c: OpenChat, row: MessageRow): MessageView {
  const b = openBody(c, row);
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
  // A legacy keystream depends only on the secret, the suffix and the epoch: a second message in the
  // same second would reuse the first one's. So a legacy send takes an epoch this chat has not used
  // (sent or received); sealed v2 draws a fresh nonce instead.
  const latest = c.wire.format === 'legacy' ? ctx.rows(id).latestEpoch() : undefined;
  const epoch = latest === undefined ? now() : Math.max(now(), latest + 1);
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
    insertMessage(ctx, id, c, epoch, { dir: 'sent', author: s.nickname, text, pointer }),
  );
  return { pointer, message: message(ctx, id, messageId) };
}

export function message(ctx: ServiceContext, id: LocalChatId, messageId: MessageId): MessageView {
  const c = ctx.openChat(id);
  const row = ctx.rows(id).message(messageId);
  if (!row) throw new ServiceError('unknown-message', `There is no message ${messageId} in this chat.`);
  return messageView(c, row);
}

export interface HistoryRequest {
  readonly trash?: boolean;
  readonly page?: number;
  readonly pageSize?: number;
  readonly before?: MessageId;
  readonly after?: MessageId;
  readonly around?: MessageId;
  readonly oldest?: boolean;
}

/**
 * One page of a chat's history (or trash), oldest first, at most
 * LIMITS.historyPageMax messages. By keys, never by scanning: the newest page
 * (default), the oldest, the page before or after a message, or a page
 * centred on one (a search result shown in its place). `page` counts pages
 * from the newest, as before; it is read from whichever end is nearer.
 */
export function history(ctx: ServiceContext, id: LocalChatId, opts: HistoryRequest = {}): HistoryPage {
  const c = ctx.openChat(id);
  const trash = opts.trash === true;
  const modes = [opts.page, opts.before, opts.after, opts.around, opts.oldest || undefined];
  if (modes.filter((m) => m !== undefined).length > 1)
    throw new ServiceError('bad-input', 'Ask for one page at a time: page, before, after, around or oldest.');
  const size = Math.min(
    Math.max(Math.floor(opts.pageSize ?? LIMITS.historyPageMax), 1),
    LIMITS.historyPageMax,
  );
  const s = ctx.rows(id);
  const total = s.count(trash);
  let rows: MessageRow[];
  let first: number;
  const anchorId = opts.before ?? opts.after ?? opts.around;
  if (anchorId !== undefined) {
    const anchor = s.message(anchorId);
    if (!anchor || (anchor.trashed === 1) !== trash)
      throw new ServiceError(
        'unknown-message',
        `There is no message ${anchorId} in this ${trash ? 'trash' : 'chat'}.`,
      );
    const position = s.countBefore(anchor);
    if (opts.before !== undefined) {
      rows = s.before(anchor, size);
      first = position - rows.length;
    } else if (opts.after !== undefined) {
      rows = s.after(anchor, size);
      first = position + 1;
    } else {
      let older = s.before(anchor, (size - 1) >> 1);
      const newer = s.after(anchor, size - 1 - older.length);
      if (older.length + newer.length < size - 1) older = s.before(anchor, size - 1 - newer.length);
      rows = [...older, anchor, ...newer];
      first = position - older.length;
    }
  } else if (opts.oldest) {
    rows = s.oldest(trash, size);
    first = 0;
  } else {
    const skip = (opts.page ?? 0) * size;
    const start = Math.max(total - skip - size, 0);
    const count = Math.max(Math.min(size, total - skip), 0);
    // A page nearer the oldest end is read from there: the oldest page costs as little as the newest.
    rows = start < skip ? s.oldest(trash, count, start) : s.newest(trash, count, skip);
    first = start;
  }
  return {
    messages: rows.map((r) => messageView(c, r)),
    total,
    first,
    hasOlder: first > 0,
    hasNewer: first + rows.length < total,
  };
}

/** The chat's search index, made (and built in the background) on first use. */
export function searchIndex(ctx: ServiceContext, c: OpenChat): SearchIndex {
  if (!c.search) {
    const s = ctx.rows(c.id);
    const chunkRows = searchChunkRows(ctx.db);
    // A hidden chat (no row in chats) keeps its index in memory only.
    const visible = chunkRows.isVisibleChat(c.id);
    const index = new SearchIndex({
      chatId: c.id,
      ...(visible ? { chunks: new SearchChunks(chunkRows, c.id, c.cdk) } : {}),
      present: (ids) =>
        visible
          ? chunkRows.present(c.id, ids)
          : ids.flatMap((id) => {
              const r = s.message(id);
              return r
                ? [[id, r.epoch, r.seen.readUInt32LE(0), r.trashed] as [number, number, number, number]]
                : [];
            }),
      oldest: (trashed, limit) => s.oldest(trashed, limit),
      after: (row, limit) => s.after(row, limit),
      newSince: (afterId, limit) => s.rowsAfterId(afterId, limit),
      row: (id) => s.message(id),
      maxId: () => s.maxMessageId(),
      paused: () => ctx.importing > 0,
      entry: (row) => {
        const v = messageView(c, row);
        return entryOf(row, { ...v, dir: v.direction }, row.body.length);
      },
    });
    c.search = index;
    index.buildInBackground();
  }
  return c.search;
}

/** Messages (not in the trash) whose text or author holds every word, case-insensitively. */
export function search(ctx: ServiceContext, id: LocalChatId, query: string): MessageView[] {
  const c = ctx.openChat(id);
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) throw new ServiceError('bad-input', 'Give at least one word to search for.');
  // Capped like a history page: thousands of hits are no answer to read, and would all cross the bridge.
  return searchIndex(ctx, c).search(words, LIMITS.searchResultsMax);
}

/** What can be done to one message of an open chat: each returns false when there is no such message. */
/** In or out of the trash: the flag is bound into the body, so the body is sealed anew with it. */
function setTrashed(ctx: ServiceContext, c: OpenChat, m: MessageId, trashed: boolean): boolean {
  const row = ctx.rows(c.id).message(m);
  if (!row) return false;
  const body = openBody(c, row);
  if (!body)
    throw new ServiceError(
      'unknown-message',
      'A message of this chat cannot be read; the vault may be damaged.',
    );
  const box = sealJson(c.cdk, body, bodyAad(c.id, row.seen, row.epoch, row.stored_at, trashed));
  const done = ctx.rows(c.id).setTrashed(m, trashed, box);
  if (done) c.search?.trashed(m, trashed);
  return done;
}

const messageOps = {
  trash: (ctx: ServiceContext, c: OpenChat, m: MessageId) => setTrashed(ctx, c, m, true),
  restore: (ctx: ServiceContext, c: OpenChat, m: MessageId) => setTrashed(ctx, c, m, false),
  /** Deletes one message forever (it was in the trash or not). */
  purge: (ctx: ServiceContext, c: OpenChat, m: MessageId) => {
    const done = ctx.rows(c.id).deleteMessage(m);
    if (done) c.search?.deleted([m]);
    return done;
  },
};

export function messageOp(
  ctx: ServiceContext,
  op: keyof typeof messageOps,
  id: LocalChatId,
  messageId: MessageId,
): void {
  const c = ctx.openChat(id);
  if (!messageOps[op](ctx, c, messageId))
    throw new ServiceError('unknown-message', `There is no message ${messageId} in this chat.`);
}

export function emptyTrash(ctx: ServiceContext, id: LocalChatId): number {
  const c = ctx.openChat(id);
  const n = ctx.rows(id).emptyTrash();
  c.search?.emptiedTrash();
  return n;
}

export function clearHistory(ctx: ServiceContext, id: LocalChatId): number {
  const c = ctx.openChat(id);
  const n = ctx.rows(id).clearChat();
  c.search?.cleared();
  return n;
}
