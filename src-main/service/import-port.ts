import type {
  Direction,
  Format,
  ImportOutcome,
  LocalChatId,
  MessageId,
  PointerPeek,
} from '../../src-shared/types.js';
import { parsePaste } from '../core/paste.js';
import type { ChatRow } from '../vault/rows.js';
import { insertChat, unlockChat } from './chat-keys.js';
import {
  openWithOwnKey,
  receivedChatName,
  type WireKey,
  wipeWireKey,
  wireKeyForPointer,
} from './chat-secrets.js';
import type { ServiceContext } from './context.js';
import { hiddenImport } from './hidden/hidden-import.js';
import type { ImportOptions } from './import-options.js';
import { type ChatRef, type ImportPort, importPaste as routePaste, type ToStore } from './import-router.js';
import { messageView, storeBatch } from './messages.js';
import type { ChatMeta, MessageBody, OpenChat } from './records.js';
import { ServiceError } from './service-error.js';
import { routeIndex, seenIndex } from './vault-keys.js';

// Where pasted pointers come in: a look at one pointer with a secret (nothing
// stored), and the import of a whole paste through the router.

/**
 * Checks a secret against one pointer without storing anything, and tells
 * what the pointer would name its chat: the import dialog asks for a new
 * chat's secret first, then offers the sender's title as the name.
 */
export async function peekPointer(
  ctx: ServiceContext,
  text: string,
  secret: string,
  suffix?: string,
): Promise<PointerPeek> {
  ctx.requireSession();
  const parsed = parsePaste(text)[0]?.result;
  if (!parsed) throw new ServiceError('bad-input', 'There is no pointer here.');
  if (!parsed.ok) throw new ServiceError('bad-input', parsed.error.message);
  const p = parsed.value;
  const wire = await wireKeyForPointer(ctx.kdf, p, secret, suffix);
  const opened = openWithOwnKey(wire, p);
  // A peek keeps nothing: the key it derived goes as soon as it has told.
  wipeWireKey(wire);
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
export function importPaste(
  ctx: ServiceContext,
  text: string,
  opts: ImportOptions = {},
): Promise<ImportOutcome[]> {
  ctx.requireSession();
  if (opts.name !== undefined && opts.name.trim() !== '') ctx.checkName(opts.name);
  const run = ctx.importQueue.then(async () => {
    const port = importPort(ctx, opts);
    ctx.importing++;
    try {
      return await routePaste(port, text, opts);
    } finally {
      ctx.importing--;
      await port.wipe();
    }
  });
  ctx.importQueue = run.catch(() => undefined);
  return run;
}

/** The narrow view of the messenger the import router works through. */
function importPort(ctx: ServiceContext, opts: ImportOptions): ImportPort & { wipe(): Promise<void> } {
  const s = ctx.requireSession();
  // A chat's exported pointers imported on another computer bring one's own messages back as sent.
  const direction = (author: string): Direction => (author === s.nickname ? 'sent' : 'received');
  const hidden = hiddenImport(ctx, s, opts, direction);
  // Names by chat for this import's outcomes (a duplicate names its chat without counting it).
  const refs = new Map<LocalChatId, ChatRef>();
  const ref = (row: ChatRow): ChatRef => {
    const id = row.id as LocalChatId;
    let r = refs.get(id);
    if (!r) {
      r = { id, name: ctx.meta(row).name };
      refs.set(id, r);
    }
    return r;
  };
  return {
    kdf: ctx.kdf,
    direction,
    seenKey: (chat: OpenChat, canonical: string) => seenIndex(chat.seenKey, canonical),
    seen: (keys: readonly Buffer[]) => {
      const hits = ctx.store.seenWhere(keys);
      return keys.map((key) => {
        const hit = hits.get(key.toString('hex'));
        if (!hit) return hidden.seen(key);
        const chatId = hit.chat_id as LocalChatId;
        // Whether it is one's own sent message can only be read while the chat is open: from its
        // search index when that holds it, else from the message's body.
        const c = ctx.open.get(chatId);
        const dir = c && directionOf(ctx, c, hit.id);
        const chat = refs.get(chatId) ?? ref(ctx.row(chatId));
        return { chat, ...(dir ? { direction: dir } : {}) };
      });
    },
    candidates: (format: Format, wire: string) => [
      ...ctx.store.chatsByRoute(routeIndex(s.dk, format, wire)).map(ref),
      ...hidden.candidates(format, wire),
    ],
    findHidden: hidden.find,
    wipe: hidden.wipe,
    opened: (id: LocalChatId) => ctx.open.get(id),
    unlock: async (id: LocalChatId, secret: string) => {
      try {
        await unlockChat(ctx, id, secret);
        return ctx.open.get(id);
      } catch (e) {
        if (e instanceof ServiceError && (e.code === 'wrong-secret' || e.code === 'bad-input'))
          return undefined;
        throw e;
      }
    },
    storeMany: async (items: readonly ToStore[]) => {
      const used = Date.now();
      for (const it of items) it.chat.lastUsed = used;
      return storeBatch(
        ctx,
        items.map((it) => ({ ...it, body: { ...it.body, dir: direction(it.body.author) } })),
      );
    },
    create: async (
      meta: Omit<ChatMeta, 'createdHere'>,
      wire: WireKey,
      epoch: number,
      body: Omit<MessageBody, 'dir'>,
    ) => {
      if (opts.hidden)
        return hidden.create(
          { ...meta, name: ctx.checkName(meta.name), createdHere: false },
          wire,
          epoch,
          body,
        );
      const chat = await insertChat(
        ctx,
        { ...meta, name: ctx.checkName(meta.name), createdHere: false },
        wire,
        { epoch, body: { ...body, dir: direction(body.author) } },
      );
      return { chat, messageId: chat.messageId as MessageId };
    },
  };
}

/** A stored message's direction, from the chat's search index when it holds it (no body opened). */
function directionOf(ctx: ServiceContext, c: OpenChat, id: number): Direction | undefined {
  const sent = c.search?.sentOf(id);
  if (sent !== undefined) return sent ? 'sent' : 'received';
  const row = ctx.store.message(c.id, id);
  return row && messageView(c, row).direction;
}
